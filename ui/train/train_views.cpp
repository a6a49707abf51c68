// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/train_views.h"

#include "ui/models/document.h"

#include "ui/models/image_convert.h"
#include "ui/widgets/hall_sizes.h"
#include "ui/widgets/image_view.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/widgets/loss_plot.h"
#include "ui/widgets/plot_style.h"
#include "ui/widgets/scatter_axes.h"
#include "ui/models/training_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::ui {

QString defaultCaption(const QString& panel)
{
    if (panel == QLatin1String("loss"))
        return QObject::tr("Loss per epoch: reconstruction (how well images come back) plus KL (how close the codes "
                           "stay to a standard normal). Lower is better; the gap to test loss shows overfitting.");
    if (panel == QLatin1String("scatter"))
        return QObject::tr("Latent space: every test image's code, flattened to 2-D and coloured by its label. "
                           "Similar images land close together.");
    if (panel == QLatin1String("reconstructions"))
        return QObject::tr("Reconstruction: test images (top) and what the model rebuilds from their codes (bottom).");
    if (panel == QLatin1String("kl"))
        return QObject::tr("KL per latent dimension: how much information each dimension carries. Near 0 = unused.");
    if (panel == QLatin1String("explore"))
        return QObject::tr("Decoding: move the sliders or click the scatter to pick a code and see the image it decodes to.");
    return QString();
}

TrainViews::TrainViews(Document& document, QWidget* parent)
    : QWidget(parent), m_document(document), m_session(document.session()), m_scatterModel(document.exploration().scatter())
{
    auto* grid = new QGridLayout(this);
    m_grid = grid;
    grid->addLayout(buildLoss(), 0, 0);
    m_scatterPanel = new QWidget;
    m_scatterPanel->setLayout(buildScatter());
    m_scatterPanel->layout()->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_scatterPanel, 0, 1);
    buildReconstructionsAndKl(grid);
    auto* sliderRow = new QHBoxLayout;
    m_epochSlider = new QSlider(Qt::Horizontal);
    m_epochSlider->setToolTip(tr("Look back at earlier epochs' scatter and reconstructions"));
    m_epochSlider->setEnabled(false);
    connect(m_epochSlider, &QSlider::valueChanged, &m_document, &Document::setShownEpoch);
    m_epochLabel = new QLabel(tr("Epoch view"));
    m_epochLabel->setObjectName(QStringLiteral("epochViewLabel"));
    sliderRow->addWidget(m_epochLabel);
    sliderRow->addWidget(m_epochSlider, 1);
    m_liveRefresh = new QDoubleSpinBox;
    m_liveRefresh->setRange(0, 600);
    m_liveRefresh->setDecimals(1);
    m_liveRefresh->setSingleStep(1);
    m_liveRefresh->setSuffix(tr(" s"));
    m_liveRefresh->setPrefix(tr("refresh "));
    m_liveRefresh->setSpecialValueText(tr("refresh: epoch ends"));
    m_liveRefresh->setValue(m_session.liveRefreshSeconds());
    m_liveRefresh->setToolTip(tr("Seconds of training between refreshes of the reconstructions, the scatter (first %1 test "
                                 "images) and the KL bars within an epoch; the loss curve shows the running loss")
                                  .arg(TrainingSession::liveSubset()));
    connect(m_liveRefresh, &QDoubleSpinBox::valueChanged, &m_session, &TrainingSession::setLiveRefreshSeconds);
    sliderRow->addWidget(m_liveRefresh);
    grid->addLayout(sliderRow, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    // The plots above take most of the height; the row below takes what the reconstruction strip
    // needs at its width (height for width) and a third of what is left, for the KL bars.
    grid->setRowStretch(0, 2);
    grid->setRowStretch(1, 1);

    connect(&m_session, &TrainingSession::modelReset, this, &TrainViews::clear);
    connect(&m_session, &TrainingSession::epochFinished, this, &TrainViews::addEpoch);
    connect(&m_document, &Document::shownEpochChanged, this, &TrainViews::showEpoch);
    connect(&m_session, &TrainingSession::liveViews, this, &TrainViews::showLive);
    connect(&m_session, &TrainingSession::batchLoss, m_loss, &LossPlot::addBatchPoint);
}

QLayout* TrainViews::buildLoss()
{
    m_loss = new LossPlot;
    m_logScale = new QCheckBox(tr("log scale"));
    m_logScale->setToolTip(tr("Logarithmic loss axis"));
    connect(m_logScale, &QCheckBox::toggled, &m_document, &Document::setLogScale);
    connect(&m_document, &Document::logScaleChanged, this, [this](bool on) {
        m_logScale->setChecked(on);
        m_loss->setLogScale(on);
    });
    auto* lossBox = new QVBoxLayout;
    lossBox->addWidget(caption(QStringLiteral("loss")));
    lossBox->addWidget(m_loss, 1);
    lossBox->addWidget(m_logScale);

    return lossBox;
}

QLayout* TrainViews::buildScatter()
{
    m_scatter = new LatentScatter;
    m_colourBy = new QComboBox;
    m_colourBy->addItem(tr("class"));
    // A fixed width: sized to its items, the row would widen (and cut at 1024 px) when a face
    // data set's attribute names arrive; the popup still shows them in full.
    m_colourBy->setMinimumContentsLength(10);
    m_colourBy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_colourBy->setToolTip(tr("Colour the scatter by class label or by one attribute"));
    connect(m_colourBy, &QComboBox::currentIndexChanged, this, [this] { showEpoch(m_document.shownEpoch()); });
    auto* scatterBox = new QVBoxLayout;
    scatterBox->addWidget(caption(QStringLiteral("scatter")));
    scatterBox->addWidget(m_scatter, 1);
    m_axes = new ScatterAxes(m_scatter, tr("Project the latent means by PCA or show two chosen latent dimensions"));
    // The axes are the shared scatter's: chosen here, they change the Explore tab's too, and back.
    connect(m_axes, &ScatterAxes::changed, this, [this] {
        const auto [x, y] = m_axes->dimensions();
        m_scatterModel.setDimensions(x, y);
    });
    connect(&m_scatterModel, &ScatterLayout::planeChanged, this, [this] {
        const QSignalBlocker block(m_axes);
        const auto [x, y] = m_scatterModel.dimensions();
        if (x > 0 && y > 0)
            m_axes->setDimensions(x, y);
        else
            m_axes->usePrincipalDirections();
        if (const int shown = m_document.shownEpoch(); shown >= 1) // the scatter only: the other views have not changed
            showScatter(m_session.epochs()[size_t(shown - 1)]);
    });
    m_scatterControls = new QWidget;
    auto* colourRow = new QHBoxLayout(m_scatterControls);
    colourRow->setContentsMargins(0, 0, 0, 0);
    colourRow->addWidget(m_axes);
    colourRow->addWidget(new QLabel(tr("Colour by")));
    colourRow->addWidget(m_colourBy, 1);
    scatterBox->addWidget(m_scatterControls);

    return scatterBox;
}

void TrainViews::buildReconstructionsAndKl(QGridLayout* grid)
{
    m_recon = new ImageView; // scales with the panel (full screen too), pixels kept square
    m_recon->setMinimumSize(240, 80);
    m_recon->setToolTip(tr("Fixed test images (top) and their reconstructions (bottom)"));
    auto* reconBox = new QVBoxLayout;
    reconBox->addWidget(caption(QStringLiteral("reconstructions")));
    reconBox->addWidget(m_recon, 1);
    grid->addLayout(reconBox, 1, 0);

    m_klPlot = new QCustomPlot;
    m_klPlot->setToolTip(tr("KL divergence per latent dimension on the test set: dimensions near 0 are unused"));
    m_klBars = new QCPBars(m_klPlot->xAxis, m_klPlot->yAxis);
    m_klBars->setBrush(QColor(148, 103, 189, 160));
    m_klPlot->xAxis->setLabel(tr("latent dimension"));
    auto whole = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
    whole->setTickStep(1.0); // dimensions are whole numbers; more of them, fewer labels
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_klPlot->xAxis->setTicker(whole);
    m_klPlot->yAxis->setLabel(tr("KL (nats)"));
    m_klPlot->setMinimumSize(240, 120);
    applyPalette(m_klPlot);
    keepTickLabelsApart(m_klPlot);
    auto* klBox = new QVBoxLayout;
    klBox->addWidget(caption(QStringLiteral("kl")));
    klBox->addWidget(m_klPlot, 1);
    m_metricsPanel = new QWidget;
    auto* metricsBox = new QVBoxLayout(m_metricsPanel);
    metricsBox->setContentsMargins(0, 0, 0, 0);
    metricsBox->addWidget(caption(QStringLiteral("metrics")));
    metricsBox->addWidget(buildMetricsPlot(), 1);
    m_metricsText = new QLabel;
    m_metricsText->setWordWrap(true);
    metricsBox->addWidget(m_metricsText);
    m_metricsPanel->hide(); // until the data has factors to score against
    klBox->addWidget(m_metricsPanel, 1);
    m_klBox = klBox;
    grid->addLayout(klBox, 1, 1);
}

QLabel* TrainViews::caption(const QString& panel)
{
    auto* label = new QLabel;
    label->setObjectName(QStringLiteral("panelCaption"));
    label->setWordWrap(true);
    label->hide();
    m_captions[panel] = label;
    return label;
}

void TrainViews::clear()
{
    // Everything derived from the previous model goes; the curve restarts from the session's
    // history (an opened or continued checkpoint's earlier epochs).
    m_loss->clearAll();
    m_loss->setKlShown(m_session.config().model.kind != ModelKind::Autoencoder);
    for (const EpochStats& e : m_session.history())
        m_loss->addEpoch(e);
    m_recon->clear();
    m_scatter->clearAll();
    m_klBars->data()->clear();
    m_klPlot->replot(QCustomPlot::rpQueuedReplot);
    for (int g = 0; g < m_metricsPlot->graphCount(); ++g)
        m_metricsPlot->graph(g)->data()->clear();
    m_metricsText->clear();
    showMetricsPanel();
    {
        const QSignalBlocker block(m_colourBy);
        while (m_colourBy->count() > 1)
            m_colourBy->removeItem(1);
    }
    const QSignalBlocker block(m_epochSlider);
    m_epochSlider->setRange(0, 0);
    m_epochSlider->setEnabled(false);
    m_epochLabel->setText(tr("Epoch view"));
}

void TrainViews::showLive(const EpochSnapshot& v)
{
    const int n = int(m_session.epochs().size());
    if (n > 0 && m_document.shownEpoch() != n)
        return; // the user is looking back at an earlier epoch
    ++m_liveShown;
    showViews(v);
}

void TrainViews::addEpoch()
{
    m_liveShown = 0;
    const auto& epochs = m_session.epochs();
    m_loss->addEpoch(epochs.back().stats);
    addMetrics(epochs.back());
}

void TrainViews::showEpoch(int index)
{
    const auto& epochs = m_session.epochs();
    const int n = int(epochs.size());
    if (n == 0)
        return; // clear() has emptied the views
    {
        const QSignalBlocker block(m_epochSlider);
        m_epochSlider->setRange(1, n);
        m_epochSlider->setValue(index);
    }
    // One view (the first epoch of a run, a Step on an opened model, a followed folder, which shows
    // its newest epoch only): nothing to look back at, so no slider that moves nowhere.
    m_epochSlider->setEnabled(n > 1);
    m_epochSlider->setToolTip(n > 1 ? tr("Look back at earlier epochs' scatter and reconstructions")
                                    : tr("Only one epoch's views so far in this run: more appear as it trains"));
    if (index >= 1 && index <= n) {
        showViews(epochs[size_t(index - 1)]);
        // Which epoch the views show, in the run's own count (a continued run starts past 1).
        m_epochLabel->setText(tr("Epoch view: %1").arg(epochs[size_t(index - 1)].stats.epoch));
    }
}

void TrainViews::showViews(const EpochSnapshot& v)
{
    if (!v.reconstructions.empty()) { // nearest-neighbour scaling keeps small digits crisp
        const QImage grid = toQImage(v.reconstructions);
        const int tile = (grid.height() - 6) / 2; // two rows of square images, 2-pixel padding
        m_recon->setImage(grid, tile > 0 ? std::max(1, (grid.width() - 2) / (tile + 2)) : 1, 2);
    }
    // Offer the attributes of the data shown (first time they appear).
    if (m_colourBy->count() == 1 && !v.latents.attributeNames.empty()) {
        const QSignalBlocker block(m_colourBy);
        for (const auto& a : v.latents.attributeNames)
            m_colourBy->addItem(QString::fromStdString(a));
    }
    showScatter(v);
    showKl(v.stats.klPerDim);
}

void TrainViews::showScatter(const EpochSnapshot& v)
{
    const LatentCodes& shared = m_scatterModel.codes();
    // The shared codes start with the epoch's test codes (with "All codes", the training codes follow).
    const bool isShared = shared.dim == v.latents.dim && shared.values.size() >= v.latents.values.size() &&
                          std::equal(v.latents.values.begin(), v.latents.values.end(), shared.values.begin());
    const bool newest = !m_session.epochs().empty() && &v == &m_session.epochs().back();
    if (newest && !isShared)
        return; // its codes reach the shared layout next (Document::onEpoch), whose planeChanged draws them
    const auto [x, y] = m_scatterModel.dimensions();
    const int colour = m_colourBy->currentIndex() - 1;
    if (isShared) {
        m_scatter->showProjected(shared, m_session.classNames(), colour, m_scatterModel.projection(), x - 1, y - 1);
        return;
    }
    m_scatter->setDimensions(x - 1, y - 1);
    m_scatter->setCodes(v.latents, m_session.classNames(), colour);
}

void TrainViews::showKl(const std::vector<double>& klPerDim)
{
    QVector<double> keys, values;
    for (size_t d = 0; d < klPerDim.size(); ++d) {
        keys.push_back(double(d + 1));
        values.push_back(klPerDim[d]);
    }
    m_klBars->setData(keys, values);
    m_klPlot->rescaleAxes();
    m_klPlot->xAxis->setRange(0, double(klPerDim.size()) + 1);
    m_klPlot->yAxis->setRange(0, std::max(0.1, m_klPlot->yAxis->range().upper * 1.1));
    m_klPlot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainViews::setCaptions(bool on, const std::map<std::string, std::string>& custom)
{
    // Height for the plots on a projector: the loss legend moves into the axes and the log-scale box
    // goes (a lesson sets it).
    m_loss->setLegendInside(on);
    m_logScale->setVisible(!on);
    m_scatterControls->setVisible(!on); // the lecturer's, like log scale: on a 1024x700 projector the room goes to the cloud
    // Readable from the back of a hall: fewer, larger reconstruction pairs, plots of some height.
    m_recon->setMinimumCell(on ? hall::kTile : 0);
    m_klPlot->setMinimumHeight(on ? hall::kPlot : 120); // the loss plot and the scatter ask for 150 and more anyway
    m_metricsPlot->setMinimumHeight(on ? hall::kPlot : 110);
    for (auto& [panel, label] : m_captions) {
        const auto it = custom.find(panel.toStdString());
        label->setText(it != custom.end() ? QString::fromStdString(it->second) : defaultCaption(panel));
        label->setVisible(on && !label->text().isEmpty());
    }
    // On a projector every panel must be big enough to read: the disentanglement plot joins only
    // the lessons that talk about it (a "metrics" caption), and there it takes the scatter's place.
    m_metricsPlace = !on                       ? MetricsPlace::UnderKl
                     : custom.count("metrics") ? MetricsPlace::ForScatter
                                               : MetricsPlace::Hidden;
    const bool forScatter = m_metricsPlace == MetricsPlace::ForScatter;
    if (forScatter) {
        m_klBox->removeWidget(m_metricsPanel);
        m_grid->addWidget(m_metricsPanel, 0, 1);
    } else {
        m_grid->removeWidget(m_metricsPanel);
        m_klBox->addWidget(m_metricsPanel, 1);
    }
    m_scatterPanel->setVisible(!forScatter);
    showMetricsPanel();
}

void TrainViews::replotAll()
{
    m_loss->replot();
    m_scatter->replot();
    m_klPlot->replot();
    m_metricsPlot->replot();
}

} // namespace latentlab::ui
