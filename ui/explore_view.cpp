#include "ui/explore_view.h"

#include "core/error.h"
#include "core/image.h"
#include "ui/compare_panel.h"
#include "ui/dataset_browser.h"
#include "ui/grid_panels.h"
#include "ui/image_convert.h"
#include "ui/image_view.h"
#include "ui/interpolation_panel.h"
#include "ui/latent_scatter.h"
#include "ui/scatter_axes.h"
#include "ui/slider_panel.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/data/image_preprocess.h"
#endif

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <random>
#include <tuple>

namespace latentlab::ui {

namespace {
constexpr int kAmountSteps = 100;   // attribute-vector slider steps per unit
constexpr int kPanelDelayMs = 120;  // grids follow the point once dragging pauses
} // namespace

ExploreView::ExploreView(QWidget* parent) : QWidget(parent), m_stack(new QStackedWidget)
{
    auto* placeholder = new QLabel(tr("Train a model or open a checkpoint (File ▸ Open checkpoint) to explore its latent "
                                      "space: sliders, sample grids, interpolations, and editing your own images."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    m_stack->addWidget(placeholder);

    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    grid->addWidget(buildControls(), 0, 0, 2, 1);
    grid->addWidget(buildImages(), 0, 1);
    m_scatter = new LatentScatter;
    m_scatter->setPickable(true);
    m_scatter->setFollowPrevious(false); // a reopened session must show the very same map
    m_scatter->setToolTip(tr("Click anywhere (empty regions too) to decode that point; drag to morph"));
    m_axes = new ScatterAxes(m_scatter, tr("Scatter axes: the top two principal directions, or two chosen latent "
                                           "dimensions; the manifold grid spans the same two"));
    connect(m_axes, &ScatterAxes::changed, this, [this] {
        if (m_model.empty())
            return;
        updateAttributeVector(); // redraws the scatter
        pointChanged();
    });
    auto* scatterBox = new QVBoxLayout;
    scatterBox->addWidget(m_scatter, 1);
    auto* axesRow = new QHBoxLayout;
    axesRow->addWidget(new QLabel(tr("Axes")));
    axesRow->addWidget(m_axes);
    axesRow->addStretch(1);
    scatterBox->addLayout(axesRow);
    grid->addLayout(scatterBox, 0, 2);
    m_tabs = new QTabWidget;
    m_samples = new SampleGridPanel(m_decoder);
    m_traversal = new TraversalPanel(m_decoder);
    m_manifold = new ManifoldPanel(m_decoder);
    m_interpolation = new InterpolationPanel(m_decoder);
    m_browser = new DatasetBrowser;
    m_compare = new ComparePanel(m_decoder);
    m_tabs->addTab(m_samples, tr("Samples"));
    m_tabs->addTab(m_traversal, tr("Traversal"));
    m_tabs->addTab(m_manifold, tr("Manifold"));
    m_tabs->addTab(m_interpolation, tr("Interpolation"));
    m_tabs->addTab(m_browser, tr("Dataset"));
    m_tabs->addTab(m_compare, tr("Compare"));
    grid->addWidget(m_tabs, 1, 1, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_panelTimer = new QTimer(this);
    m_panelTimer->setSingleShot(true);
    m_panelTimer->setInterval(kPanelDelayMs);
    connect(m_panelTimer, &QTimer::timeout, this, &ExploreView::refreshPanels);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() != m_interpolation)
            m_interpolation->setPlaying(false); // the player drives the main image only while it is seen
        refreshPanels();
    });
    connect(m_scatter, &LatentScatter::pointPicked, this, [this](const QPointF& at) {
        if (m_z.empty() || !m_scatter->hasProjection())
            return;
        // The clicked place in the scatter's plane, and the data's mean in every other direction:
        // the whole point follows the click, so a cluster decodes as that cluster.
        const Projection2D& p = m_scatter->projection();
        // The attribute vector's part in the plane (the projection is linear: it is where the
        // shown point lands minus where m_z does), so that the shown point lands under the cursor.
        const QPointF shift = m_scatter->project(point()) - m_scatter->project(m_z);
        for (size_t k = 0; k < m_z.size(); ++k)
            m_z[k] = p.mean[k] + float((at.x() - shift.x()) * p.axis1[k] + (at.y() - shift.y()) * p.axis2[k]);
        userEdit();
        syncSliders();
        pointChanged();
    });
    connect(m_browser, &DatasetBrowser::picked, this, &ExploreView::encodeTestImage);
    connect(m_interpolation, &InterpolationPanel::morphed, this, [this](const std::vector<float>& z) {
        m_z = z;
        resetAmount(); // endpoints already include any attribute edit: show the path itself
        syncSliders();
        pointChanged();
    });
    connect(&m_decoder, &DecodeService::failed, this, [this](const QString& m) { showStatus(m, true); });
    connect(m_current, &ImageView::imagePainted, this, &ExploreView::currentImageShown);
    connect(this, &ExploreView::currentImageShown, this, [this] {
        if (m_recording && !m_current->image().isNull())
            m_recorded.push_back(m_current->image());
    });
}

ExploreView::~ExploreView() { m_decoder.shutdown(); }

QWidget* ExploreView::buildControls()
{
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    auto* latentBox = new QGroupBox(tr("Latent"));
    auto* latentLayout = new QVBoxLayout(latentBox);
    m_latentTitle = new QLabel;
    m_latentTitle->setWordWrap(true);
    m_latentSliders = new SliderPanel;
    m_showAll = new QCheckBox(tr("show all dimensions"));
    m_showAll->setToolTip(tr("One slider per latent dimension instead of the top principal directions"));
    auto* reset = new QPushButton(tr("Reset"));
    reset->setToolTip(tr("Back to the mean code"));
    auto* randomize = new QPushButton(tr("Randomize"));
    randomize->setToolTip(tr("Random slider settings (each a standard normal draw)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(reset);
    buttons->addWidget(randomize);
    latentLayout->addWidget(m_latentTitle);
    latentLayout->addWidget(m_latentSliders);
    latentLayout->addWidget(m_showAll);
    latentLayout->addLayout(buttons);
    layout->addWidget(latentBox);
    connect(m_latentSliders, &SliderPanel::valueChanged, this, [this](int axis, double v) {
        if (m_z.empty() || axis >= m_basis.count())
            return;
        m_z = withCoordinate(m_basis, m_z, axis, float(v));
        userEdit();
        pointChanged();
    });
    connect(m_showAll, &QCheckBox::toggled, this, [this] {
        updateBasis();
        syncSliders();
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        if (m_basis.count() == 0)
            return;
        m_z = m_basis.origin;
        userEdit();
        syncSliders();
        pointChanged();
    });
    connect(randomize, &QPushButton::clicked, this, [this] {
        if (m_basis.count() == 0)
            return;
        std::mt19937_64 rng(m_randomSeed++);
        std::normal_distribution<float> normal;
        std::vector<float> c(size_t(m_basis.count()));
        for (float& x : c)
            x = std::clamp(normal(rng), -3.0f, 3.0f);
        m_z = fromCoordinates(m_basis, c);
        userEdit();
        syncSliders();
        pointChanged();
    });

    m_conditionBox = new QGroupBox(tr("Condition"));
    m_conditionBox->setToolTip(tr("The values the conditional model is asked to show: 0 = without, 1 = with; beyond 1 exaggerates"));
    auto* conditionLayout = new QVBoxLayout(m_conditionBox);
    m_conditionSliders = new SliderPanel;
    conditionLayout->addWidget(m_conditionSliders);
    layout->addWidget(m_conditionBox);
    connect(m_conditionSliders, &SliderPanel::valueChanged, this, [this](int i, double v) {
        if (size_t(i) < m_condition.size())
            m_condition[size_t(i)] = float(v);
        userEdit();
        pointChanged();
    });

    m_attributeBox = new QGroupBox(tr("Attribute vector"));
    m_attributeBox->setToolTip(tr("Mean code of the test images with the attribute minus the mean of those without: "
                                  "adding it moves the point toward the attribute"));
    auto* attributeLayout = new QVBoxLayout(m_attributeBox);
    m_attribute = new QComboBox;
    m_amount = new QSlider(Qt::Horizontal);
    m_amount->setObjectName(QStringLiteral("attributeAmount"));
    m_amount->setRange(-3 * kAmountSteps, 3 * kAmountSteps);
    m_amountLabel = new QLabel(QStringLiteral("+0.00"));
    auto* amountRow = new QHBoxLayout;
    amountRow->addWidget(new QLabel(tr("amount")));
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(m_amountLabel);
    attributeLayout->addWidget(m_attribute);
    attributeLayout->addLayout(amountRow);
    layout->addWidget(m_attributeBox);
    connect(m_attribute, &QComboBox::currentIndexChanged, this, [this] {
        resetAmount();
        updateAttributeVector();
        pointChanged();
    });
    connect(m_amount, &QSlider::valueChanged, this, [this](int v) {
        m_amountValue = float(v) / kAmountSteps;
        m_amountLabel->setText(QString::asprintf("%+.2f", double(m_amountValue)));
        pointChanged();
    });
    layout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(300);
    scroll->setMaximumWidth(380);
    return scroll;
}

QWidget* ExploreView::buildImages()
{
    auto* box = new QWidget;
    auto* layout = new QGridLayout(box);
    m_current = new ImageView;
    m_current->setMinimumSize(224, 224);
    m_current->setToolTip(tr("The decoded current point: follows the sliders, the scatter and the interpolation"));
    m_source = new ImageView;
    m_source->setMinimumSize(96, 96);
    m_source->setMaximumWidth(160);
    m_source->setPlaceholder(tr("Pick a test image (Dataset tab) or drop an image file to edit it"));
    m_sourceCaption = new QLabel;
    m_sourceCaption->setWordWrap(true);
    m_sourceCaption->setMaximumWidth(160);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_record = new QPushButton(tr("Record"));
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Record the main image as you drag sliders or the scatter marker; stop to save a video or GIF"));
    connect(m_record, &QPushButton::toggled, this, &ExploreView::setRecording);
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("panelCaption"));
    m_caption->setWordWrap(true);
    m_caption->hide();
    layout->addWidget(m_caption, 5, 0, 1, 2);
    layout->addWidget(m_record, 4, 1);
    layout->addWidget(m_current, 0, 0, 3, 1);
    layout->addWidget(new QLabel(tr("Source image")), 0, 1);
    layout->addWidget(m_source, 1, 1);
    layout->addWidget(m_sourceCaption, 2, 1);
    layout->addWidget(m_status, 3, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    return box;
}

void ExploreView::setModel(const Model& snapshot, const Dataset& data, const LatentCodes& codes,
                           const std::vector<std::string>& classNames)
{
    if (snapshot.empty())
        return;
    m_model = snapshot;
    m_data = data;
    m_codes = codes;
    m_classNames = classNames.empty() ? data.info().classNames : classNames;
    m_decoder.setModel(snapshot);
    m_browser->setDataset(data);
    m_compare->setDataset(data);
    m_stack->setCurrentIndex(1);
    const ModelInfo& mi = snapshot.info();
    QString key = QString::number(mi.latentDim());
    for (const auto& n : mi.conditionNames)
        key += QLatin1Char('|') + QString::fromStdString(n);
    const bool reshaped = key != m_shapeKey;
    m_shapeKey = key;
    updateBasis();
    if (reshaped)
        rebuildStructure();
    updateAttributeChoices();
    updateAttributeVector();
    syncSliders();
    pointChanged();
}

void ExploreView::setScatterDimensions(int dimX, int dimY)
{
    m_axes->setDimensions(dimX, dimY);
}

void ExploreView::rebuildStructure()
{
    const ModelInfo& mi = m_model.info();
    m_z = m_basis.origin;
    m_condition = defaultCondition();
    QStringList names, tips;
    for (const auto& n : mi.conditionNames) {
        names << QString::fromStdString(n);
        tips << (mi.conditionFromLabels ? tr("Weight of class %1 (one-hot in training)") : tr("%1: 0 = without, 1 = with"))
                    .arg(QString::fromStdString(n));
    }
    m_conditionSliders->setSliders(names, mi.conditionFromLabels ? 0.0 : -1.0, 2.0, tips);
    m_conditionSliders->setValues(m_condition);
    m_conditionBox->setVisible(mi.conditional());
    m_showAll->setVisible(mi.latentDim() > kDimensionSliderLimit);
    m_axes->setLatentSize(mi.latentDim());
}

void ExploreView::updateBasis()
{
    const int k = m_model.info().latentDim();
    const bool principal = k > kDimensionSliderLimit && !m_showAll->isChecked() && m_codes.count() > 1 && m_codes.dim == k;
    const int before = m_basis.count();
    const bool wasPrincipal = m_latentTitle->property("principal").toBool();
    if (principal) {
        m_basis = principalBasis(m_codes.values, k, kPrincipalSliders);
    } else if (m_codes.count() > 1 && m_codes.dim == k) {
        std::vector<float> mean, sd;
        codeStatistics(m_codes.values, k, mean, sd);
        m_basis = dimensionBasis(mean, sd);
    } else {
        m_basis = dimensionBasis(std::vector<float>(size_t(k), 0.0f), std::vector<float>(size_t(k), 1.0f));
    }
    m_latentTitle->setProperty("principal", principal);
    m_latentTitle->setText(principal ? tr("Top %1 principal directions of the encoded test images (of %2 dimensions), "
                                          "in standard deviations")
                                           .arg(m_basis.count())
                                           .arg(k)
                                     : tr("%1 latent dimensions, in standard deviations of the encoded test images").arg(k));
    if (before != m_basis.count() || wasPrincipal != principal) {
        QStringList names;
        for (int i = 0; i < m_basis.count(); ++i)
            names << (principal ? tr("PC %1") : tr("z %1")).arg(i + 1);
        m_latentSliders->setSliders(names, -3.0, 3.0);
    }
    if (m_z.size() != size_t(k))
        m_z = m_basis.origin;
}

void ExploreView::updateAttributeChoices()
{
    // Classes ("toward 8") and, when the codes carry them, attributes ("add smile").
    QStringList items {tr("none")};
    for (const auto& c : m_classNames)
        items << tr("class: %1").arg(QString::fromStdString(c));
    if (m_codes.attributes.size() == size_t(m_codes.count()) * m_codes.attributeNames.size())
        for (const auto& a : m_codes.attributeNames)
            items << QString::fromStdString(a);
    QStringList now;
    for (int i = 0; i < m_attribute->count(); ++i)
        now << m_attribute->itemText(i);
    if (now == items)
        return;
    const QString chosen = m_attribute->currentText();
    const QSignalBlocker block(m_attribute);
    m_attribute->clear();
    m_attribute->addItems(items);
    m_attribute->setCurrentIndex(std::max(0, int(items.indexOf(chosen))));
}

void ExploreView::updateAttributeVector()
{
    m_attributeVector.clear();
    const int choice = m_attribute->currentIndex();
    const int64_t n = m_codes.count();
    const int classes = int(m_classNames.size());
    int colourBy = -1;
    if (choice > 0 && n > 0) {
        std::vector<bool> has(static_cast<size_t>(n));
        if (choice <= classes) {
            for (int64_t i = 0; i < n; ++i)
                has[size_t(i)] = size_t(i) < m_codes.labels.size() && m_codes.labels[size_t(i)] == choice - 1;
        } else {
            colourBy = choice - 1 - classes;
            const size_t a = m_codes.attributeNames.size();
            for (int64_t i = 0; i < n; ++i)
                has[size_t(i)] = m_codes.attributes[size_t(i) * a + size_t(colourBy)] > 0.5f;
        }
        try {
            m_attributeVector = attributeVector(m_codes.values, m_codes.dim, has);
            showStatus(QString(), false);
        } catch (const InputError& e) {
            showStatus(QString::fromStdString(e.what()), true);
        }
    }
    m_amount->setEnabled(!m_attributeVector.empty());
    m_scatter->setCodes(m_codes, m_classNames, colourBy);
}

void ExploreView::resetAmount()
{
    const QSignalBlocker block(m_amount);
    m_amount->setValue(0);
    m_amountValue = 0;
    m_amountLabel->setText(QStringLiteral("+0.00"));
}

void ExploreView::syncSliders()
{
    if (m_basis.count() > 0 && m_z.size() == size_t(m_basis.dim))
        m_latentSliders->setValues(basisCoordinates(m_basis, m_z));
}

void ExploreView::pointChanged()
{
    if (m_model.empty())
        return;
    m_scatter->setMarker(m_scatter->project(point()));
    requestCurrent();
    m_panelTimer->start();
}

void ExploreView::requestCurrent()
{
    m_decoder.decodeInto(kChannelCurrent, m_current, point(), 1, m_condition);
}

void ExploreView::refreshPanels()
{
    if (m_model.empty())
        return;
    QWidget* shown = m_tabs->currentWidget();
    const ExploreState s = state();
    if (shown == m_samples)
        m_samples->refresh(s);
    else if (shown == m_traversal)
        m_traversal->refresh(s);
    else if (shown == m_manifold)
        m_manifold->refresh(s);
    else if (shown == m_compare)
        m_compare->refresh(s);
    m_interpolation->refresh(s); // keeps its endpoints' strip in step with the model
}

void ExploreView::userEdit()
{
    m_interpolation->setPlaying(false); // an edit takes the main image back from the player
}

void ExploreView::showStatus(const QString& text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_status->setText(text);
}

QString ExploreView::statusText() const { return m_status->text(); }

} // namespace latentlab::ui
