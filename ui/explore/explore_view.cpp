// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/explore_view.h"

#include "ui/explore/compare_panel.h"
#include "ui/explore/dataset_browser.h"
#include "ui/explore/grid_panels.h"
#include "ui/models/image_convert.h"
#include "ui/widgets/hall_sizes.h"
#include "ui/widgets/image_view.h"
#include "ui/explore/interpolation_panel.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/explore/neighbours_panel.h"
#include "ui/explore/point_controls.h"
#include "ui/explore/scatter_modes.h"
#include "ui/explore/scatter_search.h"
#include "ui/widgets/scatter_axes.h"
#include "ui/widgets/slider_panel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace latentlab::ui {

namespace {
constexpr int kPanelDelayMs = 120;  // grids follow the point once dragging pauses
} // namespace

ExploreView::ExploreView(Exploration& model, QWidget* parent) : QWidget(parent), m_model(model), m_stack(new QStackedWidget)
{
    auto* placeholder = new QLabel(tr("Train a model or open a checkpoint (File ▸ Open checkpoint) to explore its latent "
                                      "space: sliders, sample grids, interpolations, and editing your own images."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    m_stack->addWidget(placeholder);
    m_stack->addWidget(buildContent());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_panelTimer = new QTimer(this);
    m_panelTimer->setSingleShot(true);
    m_panelTimer->setInterval(kPanelDelayMs);
    connect(m_panelTimer, &QTimer::timeout, this, &ExploreView::refreshPanels);
    connect(m_axes, &ScatterAxes::changed, this, [this] {
        const auto [x, y] = m_axes->dimensions();
        m_model.scatter().setDimensions(x, y);
        m_model.scatter().setMap(m_axes->map());
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() != m_interpolation)
            m_model.interpolation().setPlaying(false); // the player drives the main image only while it is seen
        m_model.setTab(m_tabs->currentWidget()->objectName());
        refreshPanels();
    });
    connect(m_scatter, &LatentScatter::pointPicked, &m_model, &Exploration::pickScatter);
    m_hoverTip = new QLabel(this, Qt::ToolTip);
    m_scatter->setHoverable(true);
    connect(m_scatter, &LatentScatter::hovered, this, &ExploreView::showHover);
    connect(m_scatter, &LatentScatter::hoverEnded, this, [this] {
        m_hoverIndex = -1;
        m_hoverTip->hide();
    });
    connect(m_browser, &DatasetBrowser::picked, &m_model, &Exploration::encodeTestImage);
    connect(m_current, &ImageView::imagePainted, this, &ExploreView::currentImageShown);
    connectModel();
}

QWidget* ExploreView::buildContent()
{
    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    m_controls = new PointControls(m_model);
    // The point's controls on the left; right of them the images and the scatter, across both the
    // scatter's search row (wide: queries are long) or in presentation mode the caption (few lines),
    // and the tabs.
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("panelCaption"));
    m_caption->setWordWrap(true);
    m_caption->hide();
    grid->addWidget(m_controls, 0, 0, 3, 1);
    grid->addWidget(buildImages(), 0, 1);
    grid->addLayout(buildScatter(), 0, 2);
    auto* across = new QVBoxLayout;
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_modes);
    across->addLayout(searchRow);
    across->addWidget(m_caption);
    grid->addLayout(across, 1, 1, 1, 2);
    grid->addWidget(buildTabs(), 2, 1, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(2, 1);
    return content;
}

QWidget* ExploreView::buildTabs()
{
    m_tabs = new QTabWidget;
    m_samples = new SampleGridPanel(m_model);
    m_traversal = new TraversalPanel(m_model);
    m_manifold = new ManifoldPanel(m_model);
    m_interpolation = new InterpolationPanel(m_model);
    m_browser = new DatasetBrowser;
    m_nearest = new NeighboursPanel(m_model);
    m_compare = new ComparePanel(m_model);
    // Each tab's page is named by its English title: sessions save that name, whatever the language.
    auto addTab = [this](QWidget* page, const char* key, const QString& title) {
        page->setObjectName(QString::fromLatin1(key));
        m_tabs->addTab(page, title);
    };
    addTab(m_samples, "Samples", tr("Samples"));
    addTab(m_traversal, "Traversal", tr("Traversal"));
    addTab(m_manifold, "Manifold", tr("Manifold"));
    addTab(m_interpolation, "Interpolation", tr("Interpolation"));
    addTab(m_browser, "Dataset", tr("Dataset"));
    addTab(m_nearest, "Nearest", tr("Nearest"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_nearest), tr("The real images whose codes lie nearest the shown point"));
    addTab(m_compare, "Compare", tr("Compare"));
    return m_tabs;
}

void ExploreView::connectModel()
{
    connect(&m_model, &Exploration::modelChanged, this, &ExploreView::showModel);
    connect(&m_model, &Exploration::cleared, this, &ExploreView::clearViews);
    connect(&m_model, &Exploration::pointChanged, this, &ExploreView::showPoint);
    connect(&m_model, &Exploration::scatterChanged, this, &ExploreView::showScatter);
    connect(&m_model.scatter(), &ScatterLayout::viewChanged, this, &ExploreView::applyScatterView);
    connect(&m_model, &Exploration::tabChanged, this, &ExploreView::showTab);
    connect(&m_model.source(), &SourceImage::changed, this, [this] {
        m_source->setImage(m_model.source().image());
        m_sourceCaption->setText(m_model.source().caption());
    });
    connect(&m_model, &Exploration::imageDecoded, this, [this](const DecodedImage& d) {
        if (d.channel == kChannelHover && m_hoverIndex >= 0)
            showHoverTip(d.image);
        if (d.channel == kChannelCurrent)
            m_current->setImage(d.image);
    });
    connect(&m_model, &Exploration::statusChanged, this, [this] {
        m_status->setStyleSheet(m_model.statusIsError() ? QStringLiteral("color: #c0392b;") : QString());
        m_status->setText(m_model.status());
    });
    connect(&m_model.recorder(), &Recorder::recordingChanged, this, [this](bool on) {
        const QSignalBlocker block(m_record);
        m_record->setChecked(on);
        m_record->setText(on ? tr("Stop recording") : tr("Record"));
    });
}

QWidget* ExploreView::buildImages()
{
    auto* box = new QWidget;
    auto* layout = new QGridLayout(box);
    m_current = new ImageView;
    m_current->setMinimumSize(160, 160);
    m_current->setHeightFollowsWidth(false); // the scatter beside it sets the row's height
    m_current->setToolTip(tr("The decoded current point: follows the sliders, the scatter and the interpolation"));
    m_source = new ImageView;
    m_source->setMinimumSize(64, 64); // gives way first when a projector's big fonts squeeze the column
    m_source->setMaximumWidth(160);
    m_source->setHeightFollowsWidth(false);
    m_source->setPlaceholder(tr("Pick a test image (Dataset tab) or drop an image file to edit it"));
    m_sourceCaption = new QLabel;
    m_sourceCaption->setWordWrap(true);
    m_sourceCaption->setMaximumWidth(160);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_record = new QPushButton(tr("Record"));
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Record the main image as you drag sliders or the scatter marker; stop to save a video or GIF"));
    connect(m_record, &QPushButton::toggled, &m_model, [this](bool on) { m_model.setRecording(on); });
    // The main image beside the source column (label, image, caption, Record); the status and the
    // presentation caption below both.
    layout->addWidget(m_current, 0, 0, 4, 1);
    layout->addWidget(new QLabel(tr("Source image")), 0, 1);
    layout->addWidget(m_source, 1, 1);
    layout->addWidget(m_sourceCaption, 2, 1);
    layout->addWidget(m_record, 3, 1);
    layout->addWidget(m_status, 4, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    return box;
}

void ExploreView::showModel(bool reshaped)
{
    m_stack->setCurrentIndex(1);
    m_browser->setDataset(m_model.data());
    if (!reshaped)
        return;
    const QSignalBlocker block(m_axes);
    m_axes->setLatentSize(m_model.model().info().latentDim());
    m_axes->usePrincipalDirections();
}

void ExploreView::clearViews()
{
    m_current->clear();
    m_source->clear();
    m_sourceCaption->clear();
    m_scatter->clearAll();
    m_stack->setCurrentIndex(0);
}

void ExploreView::showPoint()
{
    if (!m_model.scatter().threeD()) // the 3-D view draws its own marker; this scatter, hidden, catches up when shown
        m_scatter->setMarker(m_model.project(m_model.point().shown()));
    m_panelTimer->start();
}

void ExploreView::showTab()
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == m_model.tab())
            m_tabs->setCurrentIndex(i);
}

ExploreState ExploreView::state() const
{
    ExploreState s = m_model.state();
    if (m_model.scatter().mapped() || m_model.scatter().threeD()) {
        // A t-SNE or UMAP map has no plane, and the 3-D view none to zoom: the manifold spans the
        // linear projection's extent instead.
        const PlaneBox box = pointBounds(s.projection.points);
        s.xMin = std::min(s.xMin, box.minX);
        s.xMax = std::max(s.xMax, box.maxX);
        s.yMin = std::min(s.yMin, box.minY);
        s.yMax = std::max(s.yMax, box.maxY);
        return s;
    }
    s.xMin = m_scatter->xAxis->range().lower;
    s.xMax = m_scatter->xAxis->range().upper;
    s.yMin = m_scatter->yAxis->range().lower;
    s.yMax = m_scatter->yAxis->range().upper;
    return s;
}

QImage ExploreView::gridImageNow(int channel) const
{
    const GridPanel* panel = channel == kChannelSamples     ? static_cast<const GridPanel*>(m_samples)
                             : channel == kChannelTraversal ? static_cast<const GridPanel*>(m_traversal)
                             : channel == kChannelManifold  ? static_cast<const GridPanel*>(m_manifold)
                                                            : nullptr;
    return panel && m_model.hasModel() ? panel->imageNow(state()) : QImage();
}

void ExploreView::refreshPanels()
{
    // Hidden (training on the Train tab), the grids wait: decoding them each epoch would take a
    // core from training. They catch up when the tab is shown.
    if (!m_model.hasModel() || !isVisible())
        return;
    QWidget* shown = m_tabs->currentWidget();
    const ExploreState s = state();
    if (shown == m_samples)
        m_samples->refresh(s);
    else if (shown == m_traversal)
        m_traversal->refresh(s);
    else if (shown == m_manifold)
        m_manifold->refresh(s);
    else if (shown == m_nearest)
        m_nearest->refresh();
    else if (shown == m_compare)
        m_compare->refresh();
}

void ExploreView::setPresentation(bool on, const QString& caption)
{
    m_tabs->setTabVisible(m_tabs->indexOf(m_compare), !on);
    m_search->setVisible(!on); // the lecturer's tool, like Compare: on a projector the room goes to the grids
    m_modes->setVisible(!on);  // ... and so are the scatter's modes (a lesson sets them)
    if (on)
        m_search->selectButton()->setChecked(false); // hidden, it must not turn drags into rectangles
    // Readable from the back of a hall: the grids draw fewer, larger tiles, and their tabs keep the
    // height of four rows of them (below their size hints the rows would shrink alike and leave the
    // grids three); the nearest images show as many as fit at that size.
    constexpr int kHallRows = 4, kFrames = 12; // the tab page's frame and the panel's margins
    m_tabs->setMinimumHeight(on ? m_tabs->tabBar()->sizeHint().height() + kHallRows * (hall::kTile + 2) + kFrames : 0);
    m_current->setMinimumSize(on ? QSize(128, 128) : QSize(160, 160)); // gives way to the grids' rows
    for (GridPanel* panel : {static_cast<GridPanel*>(m_samples), static_cast<GridPanel*>(m_traversal), static_cast<GridPanel*>(m_manifold)})
        panel->setMinimumTile(on ? hall::kTile : 0);
    m_nearest->view()->setMinimumCell(on ? hall::kTile : 0);
    m_caption->setText(caption);
    m_caption->setVisible(on && !caption.isEmpty());
}

QString ExploreView::statusText() const { return m_status->text(); }
SliderPanel* ExploreView::latentSliders() const { return m_controls->latentSliders(); }
SliderPanel* ExploreView::conditionSliders() const { return m_controls->conditionSliders(); }
QComboBox* ExploreView::attributeChoice() const { return m_controls->attributeChoice(); }
QSlider* ExploreView::attributeAmount() const { return m_controls->attributeAmount(); }

void ExploreView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshPanels();
}

} // namespace latentlab::ui
