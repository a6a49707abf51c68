// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The run, owned by one object with no widgets (as Tiled's MapDocument owns a map): what Train will
// run (a preset or an opened checkpoint, plus the user's edits), the worker thread, every finished
// epoch's views, the loss history, the newest weights, progress with time left, and the checkpoint
// files. Windows render it and send edits to it; tests drive it with QSignalSpy and no window.
#include "core/data/dataset.h"
#include "core/models/model.h"
#include "core/models/run_config.h"
#include "ui/models/run_follower.h"
#include "ui/models/training_controller.h"

#include <QImage>
#include <QObject>
#include <QString>

#include <vector>

namespace latentlab::ui {

/// The progress bar and its sentence ("epoch 3/10, batch 40/94, 1 min 20 s left", "paused at …").
struct RunProgress {
    int value = 0, maximum = 1;
    QString text;
    double imagesPerSecond = 0;
};

class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;

    // --- What Train runs ---
    const std::vector<RunConfig>& presets() const { return m_presets; }
    /// The preset or checkpoint config with the user's edits and the dataset: what Train runs.
    const RunConfig& config() const { return m_config; }
    /// Selects a preset by name (its settings replace the edits; an opened checkpoint is closed).
    /// Returns false when there is no such preset.
    bool choosePreset(const QString& name);
    void setDataset(const QString& spec);
    void setDevice(const QString& device);
    /// Sets a run parameter by its table key. Returns "" or why not (out of range, fixed by the
    /// architecture, cannot change while training). Live parameters reach the running trainer.
    QString setParam(const std::string& key, double value);
    /// Whether the parameter can be edited now (not running unless live; latent not fixed; beta
    /// and warm-up only where there is a KL term).
    bool paramEditable(const std::string& key) const;
    /// A sentence about the chosen architecture ("fixes the latent size at 64", ...).
    QString hint() const;
    /// Why the dataset and preset cannot train together ("" when they can).
    QString problem() const;
    bool canTrain() const { return !running() && problem().isEmpty(); }
    /// Replaces the whole config (a session or lesson); the preset is looked up by config.name.
    void applyConfig(const RunConfig& config);

    // --- Running ---
    bool running() const { return m_controller.running(); }
    bool paused() const { return m_controller.paused(); }
    /// A fresh run (or the opened checkpoint continued). Returns "" or why it could not start.
    QString start();
    /// Trains one more epoch, then pauses: resumes a paused run, or continues the last run or
    /// opened checkpoint from where it ended (a fresh run when there is none).
    QString step();
    void setPaused(bool on);
    void togglePause();
    /// Seconds of training between mid-epoch refreshes of the reconstructions, scatter (on the
    /// first liveSubset() test images) and KL bars; 0 = at epoch ends only. Applies at once.
    void setLiveRefreshSeconds(double seconds);
    double liveRefreshSeconds() const { return m_liveSeconds; }
    static constexpr int64_t liveSubset() { return 2000; }
    static constexpr double kDefaultLiveSeconds = 2.0;
    void stop();
    /// Stops and waits for the worker (closing the window).
    bool shutdown(int timeoutMs = 5000) { return m_controller.shutdown(timeoutMs); }
    TrainingController& controller() { return m_controller; }

    // --- Results ---
    /// Every epoch's losses, including those an opened checkpoint brought with it.
    const std::vector<EpochStats>& history() const { return m_history; }
    /// The views of the epochs seen since the model last changed (the epoch slider's range); their
    /// weights are dropped once a newer epoch arrives (latestModel() has the newest).
    const std::vector<EpochSnapshot>& epochs() const { return m_epochs; }
    /// The newest weights (CPU copy) and their dataset; empty before the first epoch arrives.
    const Model& latestModel() const { return m_latestModel; }
    const Dataset& latestData() const { return m_latestData; }
    const std::vector<std::string>& classNames() const { return m_classNames; }
    const RunProgress& progress() const { return m_progress; }
    QString deviceText() const { return m_device; }
    /// The folder of the current run's autosaved checkpoint ("" before the first run).
    QString runFolder() const { return m_runFolder; }
    /// The checkpoint the shown model comes from: the run's newest, else the opened one ("" = none).
    QString currentCheckpoint() const;
    /// The opened checkpoint that Train continues ("" for a fresh run).
    QString openedCheckpoint() const { return m_checkpoint; }

    // --- Files ---
    /// Opens a checkpoint: its description is read here (header only), the weights load on the
    /// worker, and the views arrive as one epochFinished. Returns "" or what went wrong.
    QString openCheckpoint(const QString& path);
    /// Forgets the shown model and its results (a lesson that trains from scratch): modelReset.
    void closeModel();
    /// Copies the current checkpoint to `path` (atomically). Returns "" or what went wrong.
    QString saveCheckpointAs(const QString& path) const;

    // --- Following a run written elsewhere (training_session_follow.cpp) ---
    /// Shows the run that another process writes into FOLDER (latentlab-cli, a distributed run,
    /// here or on a shared file system): each new checkpoint is evaluated here and arrives as an
    /// epoch, the loss curve from its history, Explore on the newest weights. The folder may not
    /// exist yet. Returns "" or why not.
    QString follow(const QString& folder);
    bool following() const { return m_follower.active(); }
    QString followedFolder() const { return m_follower.folder(); }

signals:
    /// The config Train would run changed (preset, dataset, a parameter, an opened checkpoint).
    void configChanged();
    void stateChanged();
    void progressChanged();
    /// Loading messages and the run's outcome, for the status bar.
    void statusChanged(const QString& text);
    /// Running train loss within an epoch (x = fractional epoch).
    void batchLoss(double x, double loss);
    /// The shown results are gone and new ones are coming (new run, opened checkpoint, or the
    /// shown model trained on): emitted before any of the new epochs. `continuing` when the run
    /// trains on the model already shown (Train after a checkpoint or a finished run, Step), so
    /// views may keep what the user set up on it.
    void modelReset(bool continuing);
    /// One finished epoch: its view, with latestModel() already updated.
    void epochFinished(const latentlab::EpochSnapshot& epoch);
    /// Views of the weights in the middle of an epoch (stats.epoch is the epoch in progress; the
    /// losses are not set): the Train tab shows them until the epoch's own arrive.
    void liveViews(const latentlab::EpochSnapshot& snapshot);
    void finished(const QString& message, bool failed);
    /// The followed run ended (finished, stopped or failed, as its status.json says) and its last
    /// epoch is shown; following has stopped.
    void followEnded(const QString& message, bool failed);
    /// The followed run cannot be shown as its writer left it: status.json is unreadable, or the
    /// run has ended and its checkpoint is missing or unreadable. `message` names the file. Following
    /// goes on after an unreadable status (its writer may replace it); it has stopped otherwise.
    void followProblem(const QString& message);

private:
    struct Launch {
        QString resumeFrom;
        int untilEpoch = 0;
        bool evaluateOnly = false;
        bool following = false; // a followed run's newest checkpoint: views of the shown model stay
    };
    const RunConfig* findPreset(const std::string& name) const;
    QString launch(const Launch& how);
    void resetModel(const std::vector<EpochStats>& history, bool continuing = false);
    void onStarted(const RunStart& start);
    void onBatch(const BatchProgress& p);
    void onEpoch(const EpochSnapshot& epoch);
    void onFinished(const QString& message, bool failed);
    void setProgressText(const QString& text);
    int epochsDone() const { return m_history.empty() ? 0 : m_history.back().epoch; }
    /// Stops following (Train, Step, opening a checkpoint or a lesson do this first).
    void stopFollowing();
    void followedCheckpoint(const QString& path);
    void loadFollowed();
    void followedEvaluated(const QString& message, bool failed);
    void followedStatus(const RunStatus& status);
    void announceFollowEnd();

    TrainingController m_controller;
    std::vector<RunConfig> m_presets;
    RunConfig m_config;
    RunConfig m_base;              // the preset or checkpoint config m_config was edited from
    QString m_checkpoint;          // opened checkpoint: Train continues it
    int m_openedRunEpochs = 0; // the epochs of the run that wrote the opened checkpoint (Train continues by as many)
    QString m_runFolder;
    std::vector<EpochStats> m_history;
    std::vector<EpochSnapshot> m_epochs;
    Model m_latestModel;
    Dataset m_latestData;
    Dataset m_runData;             // the running run's dataset (latestData() once its first epoch is in)
    std::vector<std::string> m_classNames;
    RunProgress m_progress;
    BatchProgress m_lastBatch;
    QString m_device;
    int m_untilEpoch = 0;          // the running run's target
    double m_lastEpochSeconds = 0;
    bool m_stepping = false;       // pause when the next epoch ends
    bool m_stopRequested = false;
    double m_liveSeconds = kDefaultLiveSeconds;
    RunFollower m_follower;
    QString m_followPending;       // a checkpoint that landed while the previous one was evaluated
    QString m_followError;         // why the followed folder's newest checkpoint could not be shown ("" = it was)
};

} // namespace latentlab::ui
