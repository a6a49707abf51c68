// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Train tab's live views: loss curves, latent scatter, reconstructions and KL bars, with an
// epoch slider to look back. They render a TrainingSession: a model change clears them all in one
// place, and nothing here keeps the run's data.
#include <QWidget>

#include <map>
#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QCPBars;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QLayout;
class QSlider;
class QVBoxLayout;

namespace latentlab {
struct EpochSnapshot;
}

namespace latentlab::ui {

class Document;
class ImageView;
class LatentScatter;
class LossPlot;
class ScatterAxes;
class ScatterLayout;
class TrainingSession;

class TrainViews : public QWidget {
    Q_OBJECT
public:
    /// Renders the document's run at its shown epoch; the newest epoch's scatter is the shared
    /// layout's projection (the Explore tab's too: one projection per epoch, the same axes in both
    /// tabs), which the document hands each epoch's codes.
    explicit TrainViews(Document& document, QWidget* parent = nullptr);
    /// Presentation captions: a session's text per panel, else the defaults; shown when `on`.
    void setCaptions(bool on, const std::map<std::string, std::string>& custom);
    void replotAll();
    QSlider* epochSlider() const { return m_epochSlider; }
    QLabel* epochLabel() const { return m_epochLabel; }
    LatentScatter* scatter() const { return m_scatter; }
    QCustomPlot* klPlot() const { return m_klPlot; }
    LossPlot* lossPlot() const { return m_loss; }
    ImageView* reconstructionView() const { return m_recon; }
    /// MIG, SAP and DCI disentanglement per epoch, shown when the data has ground-truth factors (in
    /// presentation mode only for sessions with a "metrics" caption).
    QCustomPlot* metricsPlot() const { return m_metricsPlot; }
    /// "Refresh every N s" (0 = epoch ends only): the session's mid-epoch refresh setting.
    QDoubleSpinBox* liveRefresh() const { return m_liveRefresh; }
    /// Mid-epoch views shown since the last epoch's own (0 once an epoch ends).
    int liveShown() const { return m_liveShown; }

private:
    void clear();
    void addEpoch();
    /// The document shows another epoch: the slider moves there and the views show it.
    void showEpoch(int index);
    /// Mid-epoch views, while the slider is on the newest epoch (not when looking back).
    void showLive(const EpochSnapshot& view);
    void showViews(const EpochSnapshot& view);
    void showKl(const std::vector<double>& klPerDim);
    /// The scatter of `view`: the shared projection when these are its codes (the newest epoch's,
    /// drawn once they arrive there), else (mid-epoch views, an earlier epoch) a projection of their
    /// own on the shared axes.
    void showScatter(const EpochSnapshot& view);
    QLabel* caption(const QString& panel);
    QLayout* buildLoss();
    QLayout* buildScatter();
    void buildReconstructionsAndKl(QGridLayout* grid);
    QCustomPlot* buildMetricsPlot();
    void addMetrics(const EpochSnapshot& view);
    void showMetricsPanel();

    Document& m_document;
    TrainingSession& m_session;
    ScatterLayout& m_scatterModel;
    ScatterAxes* m_axes = nullptr;
    LossPlot* m_loss = nullptr;
    QCheckBox* m_logScale = nullptr;
    QWidget* m_scatterControls = nullptr; // axes and colour, hidden in presentation mode
    LatentScatter* m_scatter = nullptr;
    QComboBox* m_colourBy = nullptr;
    ImageView* m_recon = nullptr;
    QCustomPlot* m_klPlot = nullptr;
    QGridLayout* m_grid = nullptr;
    QVBoxLayout* m_klBox = nullptr;         // the KL bars, and the metrics under them
    QWidget* m_scatterPanel = nullptr;   // scatter, axes and colouring
    QWidget* m_metricsPanel = nullptr;   // caption, plot and scores
    // Where the disentanglement plot goes: under the KL bars (normal view), in the scatter's place
    // (presenting a lesson about the metrics), or nowhere (presenting any other lesson).
    enum class MetricsPlace { UnderKl, ForScatter, Hidden };
    MetricsPlace m_metricsPlace = MetricsPlace::UnderKl;
    QCustomPlot* m_metricsPlot = nullptr;
    QLabel* m_metricsText = nullptr; // the newest epoch's scores and active units
    QCPBars* m_klBars = nullptr;
    QSlider* m_epochSlider = nullptr;
    QLabel* m_epochLabel = nullptr; // "Epoch view: 12", the epoch the views show
    QDoubleSpinBox* m_liveRefresh = nullptr;
    int m_liveShown = 0;
    std::map<QString, QLabel*> m_captions;
};

/// What each panel shows, in a sentence for an audience ("loss", "scatter", "reconstructions",
/// "kl", "explore"); a session's captions replace these.
QString defaultCaption(const QString& panel);

} // namespace latentlab::ui
