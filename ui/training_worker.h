#pragma once
// Runs a Trainer on the controller's worker thread. Values leave as copies through queued signals;
// control calls (pause, stop, beta, lr) are forwarded to the Trainer, which reads them per batch.
#include "core/models/run_config.h"
#include "core/latent/disentanglement.h"
#include "core/training/trainer.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>

namespace latentlab::ui {

/// One finished epoch with everything the views show of it, sent as one value: its numbers, the
/// reconstruction grid and test codes, and a CPU copy of the weights with their dataset.
struct EpochResult {
    EpochSnapshot snapshot;
    Model model;
    Dataset data;
    /// Disentanglement of the first kMetricsCodes test codes against the dataset's ground-truth
    /// factors, when it has them (dsprites); hasMetrics says whether it was computed.
    DisentanglementScores metrics;
    bool hasMetrics = false;
    static constexpr int64_t kMetricsCodes = 2000;
};

/// A finished epoch's result, with its disentanglement scores when the data has factors.
EpochResult epochResult(const EpochSnapshot& snapshot, const Model& model, const Dataset& data);

struct RunRequest {
    RunConfig config;          // config.dataset names the dataset spec
    int epochs = 10;
    QString runFolder;         // autosave target ("" = none)
    QString resumeFrom;        // checkpoint to continue from ("" = fresh weights)
    bool evaluateOnly = false; // with resumeFrom: only show the checkpoint's views, no training
    int64_t liveSubset = 2000; // test images the mid-epoch scatter shows
};

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    /// Clears the stop and cancel flags for a new run; call (any thread) before queuing run().
    void arm();
    void pause();
    void resume();
    void stop();
    /// A parameter the table marks live (beta, lr): forwarded to the running trainer.
    void setLiveParam(const std::string& key, double value);
    /// Seconds of training between mid-epoch views (0: at epoch ends only); any thread, any time.
    void setLiveRefresh(double seconds) { m_liveSeconds = seconds; }
    /// The share of training time the mid-epoch views may take: each refresh re-encodes as much of
    /// the scatter's subset as fits in it.
    static constexpr double kLiveBudget = 0.03;

public slots:
    /// Loads the dataset, builds the model and trains; catches every exception.
    void run(const latentlab::ui::RunRequest& request);

signals:
    void status(const QString& text);
    void started(const QString& device, const QString& datasetSummary, const QStringList& classNames);
    void batchProgress(const latentlab::BatchProgress& progress);
    void epochFinished(const latentlab::ui::EpochResult& result);
    /// Views of the weights in the middle of an epoch (reconstructions, subset codes, KL bars).
    void liveViews(const latentlab::EpochSnapshot& snapshot);
    void historyLoaded(const std::vector<latentlab::EpochStats>& history);
    void finished(const QString& message);
    void failed(const QString& message);

private:
    /// A fresh run, or the checkpoint's continued with the window's edits that a resume allows.
    static std::unique_ptr<Trainer> makeTrainer(const RunRequest& request, const Dataset& data);
    /// Throttled progress, and each epoch's checkpoint (in the run folder) and result.
    TrainerCallbacks callbacks(const RunRequest& request, Trainer& trainer, const Dataset& data);
    std::mutex m_mutex;        // guards m_trainer's pointer, not the trainer (its controls are thread-safe)
    Trainer* m_trainer = nullptr;
    bool m_stopRequested = false;
    std::atomic<bool> m_cancelLoad {false}; // read by the dataset loaders between images
    std::atomic<double> m_liveSeconds {2.0};
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::RunRequest)
Q_DECLARE_METATYPE(latentlab::BatchProgress)
Q_DECLARE_METATYPE(latentlab::ui::EpochResult)
Q_DECLARE_METATYPE(latentlab::EpochSnapshot)
Q_DECLARE_METATYPE(std::vector<latentlab::EpochStats>)
