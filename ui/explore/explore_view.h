// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Explore tab: play with a model's latent space. Latent sliders (per dimension, or the top
// principal directions of the encoded data for large latents), condition sliders for conditional
// models, attribute vectors for unconditional ones, click-and-drag on the latent scatter, grids of
// samples / traversals / the manifold, interpolation, editing real images, and side-by-side models.
// It renders an Exploration, which owns every bit of that state, and sends the user's edits to it.
#include "ui/models/exploration.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLayout;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace latentlab::ui {

class ComparePanel;
class NeighboursPanel;
class DatasetBrowser;
class ImageView;
class InterpolationPanel;
class LatentScatter;
class ManifoldPanel;
class PointControls;
class SampleGridPanel;
class ScatterModes;
class ScatterSearch;
class ScatterAxes;
class SliderPanel;
class TraversalPanel;

class ExploreView : public QWidget {
    Q_OBJECT
public:
    explicit ExploreView(Exploration& model, QWidget* parent = nullptr);

    Exploration& exploration() const { return m_model; }
    /// What the grid panels decode: the model's state and the scatter's visible region.
    ExploreState state() const;
    /// Presentation mode: hides advanced controls; `caption` explains the view ("" hides it).
    void setPresentation(bool on, const QString& caption = QString());

    PointControls* pointControls() const { return m_controls; }
    SliderPanel* latentSliders() const;
    SliderPanel* conditionSliders() const;
    QComboBox* attributeChoice() const;
    QSlider* attributeAmount() const;
    LatentScatter* scatter() const { return m_scatter; }
    ImageView* currentView() const { return m_current; }
    ImageView* sourceView() const { return m_source; }
    QTabWidget* tabs() const { return m_tabs; }
    /// The sample, traversal or manifold grid (by its decode channel) for what the view shows now,
    /// decoded at once: the image its tab shows, or would show when opened. Null without a model.
    QImage gridImageNow(int channel) const;
    NeighboursPanel* nearest() const { return m_nearest; }
    /// The hover preview window (hidden when the mouse is not over a point).
    QLabel* hoverTip() const { return m_hoverTip; }
    SampleGridPanel* samplePanel() const { return m_samples; }
    TraversalPanel* traversalPanel() const { return m_traversal; }
    ManifoldPanel* manifoldPanel() const { return m_manifold; }
    InterpolationPanel* interpolationPanel() const { return m_interpolation; }
    DatasetBrowser* datasetBrowser() const { return m_browser; }
    ComparePanel* comparePanel() const { return m_compare; }
    /// The search and selection row under the scatter.
    ScatterSearch* scatterSearch() const { return m_search; }
    QString statusText() const;
    static constexpr int kPrincipalSliders = ExplorePoint::kPrincipalSliders;

signals:
    /// The main image was painted with a newly decoded image.
    void currentImageShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildContent(); // the view with a model: controls, images, scatter, tabs
    QWidget* buildImages();
    QLayout* buildScatter();
    QWidget* buildTabs();
    void connectModel();
    void showModel(bool reshaped); // a new snapshot: structure (when reshaped), dataset, scatter
    void clearViews();             // the model was cleared: nothing of it stays on screen
    void showPoint();
    void applyScatterView();
    void showScatter();
    /// The test image under the mouse on the scatter, and its reconstruction once decoded.
    void showHover(int index, const QPoint& global);
    void showHoverTip(const QImage& reconstruction);
    QPoint hoverTipPosition(const QPoint& pointer, const QSize& tip) const;
    void showTab();
    void refreshPanels();

    Exploration& m_model;
    QStackedWidget* m_stack;
    PointControls* m_controls = nullptr;
    ScatterModes* m_modes = nullptr; // images at points, 3-D, all codes
    ImageView* m_current = nullptr;
    ImageView* m_source = nullptr;
    QLabel* m_sourceCaption = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_hoverTip = nullptr; // a tool-tip window: test image | reconstruction
    int m_hoverIndex = -1;
    QPoint m_hoverAt;
    LatentScatter* m_scatter = nullptr;
    ScatterAxes* m_axes = nullptr;
    ScatterSearch* m_search = nullptr;
    QTabWidget* m_tabs = nullptr;
    SampleGridPanel* m_samples = nullptr;
    TraversalPanel* m_traversal = nullptr;
    ManifoldPanel* m_manifold = nullptr;
    InterpolationPanel* m_interpolation = nullptr;
    DatasetBrowser* m_browser = nullptr;
    NeighboursPanel* m_nearest = nullptr;
    ComparePanel* m_compare = nullptr;
    QTimer* m_panelTimer = nullptr;
    QPushButton* m_record = nullptr;
    QLabel* m_caption = nullptr;
};

} // namespace latentlab::ui
