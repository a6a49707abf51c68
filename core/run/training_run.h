// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One run, whichever program starts it: `latentlab-cli train` and the window's worker both drive a
// TrainingRun (as qBittorrent's front ends share one Session). It loads the dataset (cancellable),
// builds the trainer (fresh, or resumed with changes), trains with throttled progress and mid-epoch
// views on a time budget, scores disentanglement where the data has factors, and writes the run
// folder the same way for both programs: metrics.csv, checkpoint, reconstructions.png and
// status.json after each epoch, samples.png at the end. In a data-parallel run only rank 0 writes.
//
// Blocking: call run() on the thread that trains (a worker thread in both programs, so the CLI on
// CUDA exercises the window's thread). The control calls are thread-safe and take effect at the
// next image (loading) or batch (training).
#include "core/data/dataset.h"
#include "core/export/run_folder.h"
#include "core/image.h"
#include "core/models/run_config.h"
#include "core/training/trainer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace latentlab {

/// What to run.
struct RunPlan {
    RunConfig config;           // a fresh run: the whole config; config.dataset is the dataset spec
    std::string resumeFrom;     // a checkpoint to continue ("" = fresh weights from config)
    ResumeChanges changes;      // with resumeFrom: what differs from the checkpoint's config
    std::string dataset;        // with resumeFrom: the dataset spec ("" = the checkpoint's)
    int epochs = 0;             // train until this many epochs in total
    std::string folder;         // the run folder ("" = write nothing)
    bool evaluateOnly = false;  // with resumeFrom: one epoch event with the checkpoint's views, no training
    bool copyWeights = false;   // epoch events carry a CPU copy of the weights (EpochSnapshot::model)
    int64_t liveSubset = 2000;  // test images the mid-epoch scatter shows
    DistributedEnv distributed; // torchrun's RANK, WORLD_SIZE, ... (one process by default)
    bool rankCheckpoints = false; // data-parallel: every rank writes FOLDER/rank-N.checkpoint at the end
    /// Writes an image as PNG (core/pixels' writeImage where the program has OpenCV); without one
    /// the run folder holds no PNGs.
    std::function<void(const Image&, const std::string&)> writeImage;
};

/// The changes a resumed run makes to the checkpoint's config: every resumable run parameter and
/// the device where `edited` differs from `saved` (the window's edits after opening a checkpoint).
ResumeChanges resumeChangesBetween(const RunConfig& saved, const RunConfig& edited);

/// The run once its dataset is loaded and its trainer built (before a data-parallel join).
struct RunStart {
    RunConfig config;                  // as trained (a resumed run's, with its changes)
    Dataset data;
    std::string device;                // "cpu (2 threads)", "cuda:0"
    int epoch = 0;                     // epochs already trained (a resumed run)
    int epochs = 0;                    // the target
    std::vector<EpochStats> history;   // a resumed run's loss history
    int staleTempsRemoved = 0;         // temp files of killed writers removed from the folder
    std::string tookOver;              // "took over FOLDER from PID ..., which is no longer running"
};

/// What a run emits, on the thread that calls run(). Any may be empty.
struct RunEvents {
    std::function<void(const std::string& what, int64_t done, int64_t total)> loading;
    std::function<void(const RunStart&)> started;
    std::function<void(const std::string& backend)> joined;  // data-parallel: met the other ranks
    std::function<void(const BatchProgress&)> progress;      // at most 4 a second, and each epoch's last batch
    std::function<void(const EpochSnapshot&)> live;          // mid-epoch views
    std::function<void(const EpochSnapshot&)> epoch;         // after the run folder has it
};

/// How run() ended (errors are thrown instead, after status.json says "failed").
struct RunOutcome {
    enum class State { Finished, Stopped, Cancelled, NonFinite };
    State state = State::Finished;  // Cancelled: stopped before training began (while loading)
    int epoch = 0;                  // epochs trained in total
    int epochsThisRun = 0;
    std::string message;            // NonFinite: epoch, batch and what was kept
    bool wroteFolder = false;       // this process wrote the run folder (rank 0, at least one epoch)
};

class TrainingRun {
public:
    explicit TrainingRun(RunPlan plan);
    ~TrainingRun();
    TrainingRun(const TrainingRun&) = delete;
    TrainingRun& operator=(const TrainingRun&) = delete;

    /// Runs the plan to its end. The writer holds the folder's RunFolderLock throughout, taken
    /// before the data loads: a folder another process writes is refused at once (InputError
    /// naming the holder). Throws what the load or training throws (InputError for bad input),
    /// after marking the folder's status.json failed.
    RunOutcome run(const RunEvents& events);

    void requestStop();
    void pause();
    void resume();
    /// Whether the training thread is blocked by a pause now, and its batches so far (any thread;
    /// false and 0 before the trainer exists).
    bool holdingPause();
    int64_t batchesTrained();
    /// A parameter the table marks live (beta, lr): reaches the trainer at its next batch.
    void setLiveParam(const std::string& key, double value);
    /// Seconds of training between mid-epoch views (0: at epoch ends only).
    void setLiveRefresh(double seconds) { m_liveSeconds = seconds; }
    /// The share of training time the mid-epoch views may take: each refresh re-encodes as much of
    /// the scatter's subset as fits in it.
    static constexpr double kLiveBudget = 0.03;
    /// Test codes scored against the data's factors each epoch.
    static constexpr int64_t kMetricsCodes = 2000;

private:
    /// The dataset and the trainer; null when the load was cancelled.
    std::unique_ptr<Trainer> loadAndBuild(const RunEvents& events);
    std::unique_ptr<Trainer> makeTrainer(const Dataset& data) const;
    void train(Trainer& trainer, const RunEvents& events, RunOutcome& outcome);
    TrainerCallbacks callbacks(Trainer& trainer, const RunEvents& events);
    void writeEpoch(Trainer& trainer, const EpochSnapshot& snapshot);
    void writeStatus(const Trainer& trainer, RunStatus::State state, const std::string& message);
    void finish(Trainer& trainer);
    bool writer() const { return !m_plan.folder.empty() && m_plan.distributed.rank == 0; }

    RunPlan m_plan;
    std::mutex m_mutex;          // guards m_trainer's pointer, not the trainer (its controls are thread-safe)
    Trainer* m_trainer = nullptr;
    std::atomic<bool> m_stopRequested {false}; // also re-applied per batch: Trainer::train() starts by clearing its own
    bool m_pauseRequested = false;
    std::atomic<bool> m_cancelLoad {false};
    std::atomic<double> m_liveSeconds {2.0};
};

/// Scores the snapshot's codes against the data's ground-truth factors when it has them and the
/// model is unconditional (a conditional model is handed some factors as its condition, so its
/// codes are meant to leave them out).
void scoreDisentanglement(EpochSnapshot& snapshot, const Model& model, const Dataset& data);

} // namespace latentlab
