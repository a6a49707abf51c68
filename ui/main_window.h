#pragma once
// The training window: setup panel on the left, live views on the right, controls and status.
#include "ui/training_controller.h"

#include <QImage>
#include <QMainWindow>

#include <vector>

class QCheckBox;
class QMenu;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QCustomPlot;
class QCPBars;

namespace latentlab::ui {

class ExploreView;
class LatentScatter;
class LossPlot;

struct LaunchOptions {
    QString dataset, preset;
    int epochs = 0;            // 0 = the preset's
    bool autostart = false;
    QString screenshot;        // save a PNG of the window after the last epoch
    bool quitWhenDone = false;
    bool quitAfterShow = false; // start-up benchmark: exit once the window has been painted
    QString open;              // a checkpoint to open at start
    bool explore = false;      // start on the Explore tab
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const LaunchOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingController& controller() { return m_controller; }
    /// Epoch snapshots received so far (for the epoch slider and tests).
    int snapshotCount() const { return int(m_history.size()); }
    /// Whether Train is enabled and, if not, why (shown next to the controls).
    bool canTrain() const;
    QString problemText() const;
    /// Folder of the current run's autosaved checkpoint ("" before the first run).
    QString runFolder() const { return m_runFolder; }
    ExploreView* explorer() const { return m_explore; }
    /// Shows the Train (0) or Explore (1) tab.
    void showTab(int index);

public slots:
    void startTraining();
    /// Restores a checkpoint's settings, history and views; Train then continues it.
    void openCheckpoint(const QString& path);
    /// Encodes an image file in the Explore view (dropping one on the window does the same).
    void encodeImageFile(const QString& path);
    void togglePause();
    void stopTraining();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct EpochView {
        QImage reconstructions;
        LatentCodes latents;
        std::vector<double> klPerDim;
    };
    QWidget* buildSetupPanel();
    QWidget* buildViews();
    void buildMenus();
    void presetChanged();
    void updateControls();
    void showEpoch(int index);
    void onEpoch(const EpochSnapshot& snapshot);
    void onFinished(const QString& message, bool failed);
    /// --screenshot / --quit-when-done after a run (waits for the explorer's decodes when it is shown).
    void finishScripted(bool failed);
    /// The opened checkpoint's config, else the chosen preset's (before the panel's edits).
    const RunConfig& baseConfig() const;
    RunConfig currentConfig() const;
    void applyConfig(const RunConfig& config);
    /// Why the chosen dataset and preset cannot train together ("" when they can).
    QString combinationProblem() const;
    void addRecent(const QString& path);
    void rebuildRecentMenu();

    TrainingController m_controller;
    LaunchOptions m_options;
    std::vector<RunConfig> m_presets;
    std::vector<EpochView> m_history;
    std::vector<std::string> m_classNames;

    QComboBox *m_dataset = nullptr, *m_preset = nullptr, *m_device = nullptr;
    QSpinBox *m_latent = nullptr, *m_batch = nullptr, *m_epochs = nullptr, *m_seed = nullptr, *m_warmup = nullptr;
    QDoubleSpinBox *m_beta = nullptr, *m_lr = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton *m_train = nullptr, *m_pause = nullptr, *m_stop = nullptr;
    QProgressBar* m_progress = nullptr;
    LossPlot* m_loss = nullptr;
    QCustomPlot* m_klPlot = nullptr;
    QCPBars* m_klBars = nullptr;
    QLabel* m_recon = nullptr;
    LatentScatter* m_scatter = nullptr;
    QSlider* m_epochSlider = nullptr;
    QLabel *m_epochLabel = nullptr, *m_deviceLabel = nullptr, *m_speedLabel = nullptr, *m_statusLabel = nullptr;
    QCheckBox* m_logScale = nullptr;
    QComboBox* m_colourBy = nullptr;
    QString m_runFolder;
    double m_lastEpochSeconds = 0;
    QString m_checkpoint;          // opened checkpoint: Train continues it
    RunConfig m_checkpointConfig;
    QMenu* m_recentMenu = nullptr;
    QTabWidget* m_mainTabs = nullptr;
    ExploreView* m_explore = nullptr;
    Model m_latestModel;           // the newest weights (CPU copy) and their dataset, for the explorer
    Dataset m_latestData;
};

} // namespace latentlab::ui
