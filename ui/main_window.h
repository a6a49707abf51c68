#pragma once
// The training window: setup panel on the left, live views on the right, controls and status.
#include "core/session/session_file.h"
#include "ui/training_controller.h"

#include <QFont>
#include <QImage>
#include <QMainWindow>

#include <map>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QFormLayout;
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
class ExportActions;
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
    QString session;           // a session or lesson file to open at start
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

    /// What the exports read: the newest weights (CPU copy) with their dataset, the reconstruction
    /// grid of the epoch shown, and the per-epoch losses.
    const Model& latestModel() const { return m_latestModel; }
    const Dataset& latestData() const { return m_latestData; }
    QImage reconstructionImage() const;
    std::vector<EpochStats> lossHistory() const;
    ExportActions* exportActions() const { return m_exports; }

    /// Sessions and lessons (main_window_session.cpp). openSession applies the settings, opens the
    /// checkpoint (or starts training for a lesson with autostart) and restores the Explore view once
    /// the model is there (sessionRestored). Both return "" or what went wrong, naming the file.
    QString openSession(const QString& path);
    QString saveSession(const QString& path);
    /// The session as it would be saved now (the checkpoint field left for saveSession to fill).
    SessionFile currentSession() const;
    bool presentation() const { return m_presenting; }

public slots:
    /// Presentation mode: full screen, large fonts, advanced controls hidden, captions shown.
    void setPresentation(bool on);
    /// Trains one more epoch, then pauses (starts a run, or resumes a paused one).
    void stepOneEpoch();

signals:
    /// A session's Explore state was applied to a freshly arrived model.
    void sessionRestored();

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
    static constexpr int kSetupPanelWidth = 360;          // pixels at the normal font
    static constexpr double kPresentationFontScale = 1.6; // presentation mode: fonts and the setup panel grow by this
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
    void buildSessionMenus(QMenu* file, QMenu* view);
    void applyPendingSession();
    void updateCaptions();

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
    ExportActions* m_exports = nullptr;
    QFormLayout* m_setupForm = nullptr;
    QPushButton* m_step = nullptr;
    bool m_stepping = false;       // pause when the next epoch ends
    bool m_presenting = false;
    QAction* m_presentationAction = nullptr;
    QFont m_normalFont;
    std::map<QString, QLabel*> m_captionLabels;   // panel name -> its caption above it
    std::map<std::string, std::string> m_captions; // the session's captions (defaults otherwise)
    QString m_sessionTitle;
    std::optional<SessionFile> m_pendingSession;  // applied when the session's model arrives
};

} // namespace latentlab::ui
