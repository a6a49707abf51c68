// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The training loop. Blocking: run it on a worker thread (the GUI) or the main thread (CLI).
// Control calls (pause, stop, beta, learning rate) are thread-safe and take effect at the next batch.
#include "core/data/dataset.h"
#include "core/image.h"
#include "core/models/model.h"
#include "core/models/run_config.h"
#include "core/models/epoch_stats.h"
#include "core/training/distributed.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace latentlab {

struct BatchProgress {
    int epoch = 0, batch = 0, batchesPerEpoch = 0;
    double loss = 0, recon = 0, kl = 0;   // running means over the epoch so far
    double imagesPerSecond = 0;
    double secondsLeftInEpoch = 0;

    /// Seconds left until epoch `untilEpoch` ends: the rest of this epoch plus the later epochs at
    /// this epoch's pace (`epochSeconds` until this epoch has one: the last epoch's, or 0).
    double secondsLeftInRun(int untilEpoch, double epochSeconds = 0) const
    {
        const double fraction = batchesPerEpoch > 0 ? double(batch) / batchesPerEpoch : 0.0;
        if (fraction < 1.0 && secondsLeftInEpoch > 0)
            epochSeconds = secondsLeftInEpoch / (1.0 - fraction);
        return secondsLeftInEpoch + (untilEpoch > epoch ? untilEpoch - epoch : 0) * epochSeconds;
    }
};

/// One epoch as every front end sees it, as plain values: the trainer fills its numbers, pictures
/// and codes; a TrainingRun (core/run) adds the scores and a copy of the weights. The same value
/// travels from the run to the CLI's epoch line and to the window's views.
struct EpochSnapshot {
    EpochStats stats;
    Image reconstructions;     // fixed test images (top row) above their reconstructions
    LatentCodes latents;       // test-set latent means (up to TrainerOptions::maxLatentPoints; in a
                               // data-parallel run, of this rank's share of the test set)
    double rankWeightSpread = 0; // data-parallel runs: largest difference between the ranks' weights
    double overlappedBuckets = 0; // data-parallel runs: share of this epoch's gradient buckets whose
                                  // allreduce started while backward still ran
    /// Disentanglement of the first codes against the data's ground-truth factors (dsprites), when
    /// hasMetrics: set by TrainingRun for unconditional models on data with factors.
    DisentanglementScores metrics;
    bool hasMetrics = false;
    /// A CPU copy of the weights after this epoch (TrainingRun, when its plan asks for them); empty
    /// for mid-epoch views. Safe to use on any thread.
    Model model;
};

struct TrainerCallbacks {
    std::function<void(const BatchProgress&)> onBatch;     // every progressEveryBatches batches
    std::function<void(const EpochSnapshot&)> onEpoch;     // after each epoch's test pass
};

enum class StopReason { Finished, Stopped, NonFiniteLoss };

struct TrainResult {
    StopReason reason = StopReason::Finished;
    std::string message;       // for NonFiniteLoss: epoch, batch and what was kept
    int epochsDone = 0;
};

struct TrainerOptions {
    int reconstructionCount = 8;
    int64_t maxLatentPoints = 10000;
    bool snapshots = true;     // build reconstruction grids and latent codes each epoch
    /// Several processes train one model (torchrun): at the first train() this one joins the
    /// group, takes rank 0's weights, and from then on trains on its share of each global batch
    /// (batchSize images; the global batch is batchSize x worldSize) with gradients averaged
    /// across ranks, and tests on its share of the test set with the sums reduced. Every rank
    /// ends each batch with the same weights.
    DistributedEnv distributed;
};

/// Mid-epoch views (Trainer::liveSnapshot): the scatter shows the first `subset` test images,
/// `chunk` of which are re-encoded with the current weights per call, cycling through the subset.
struct LiveViewRequest {
    int64_t subset = 2000;
    int64_t chunk = 2000;
};

/// What may differ when a run continues from its checkpoint: run parameters the table marks
/// resumable (lr, beta, batch, epochs, warm-up, threads) and the device.
struct ResumeChanges {
    std::map<std::string, double> params;
    std::string device; // "" keeps the checkpoint's
};

/// "LibTorch 1.13.1, CUDA: not available (this build or machine has none)" or "..., CUDA: 2 devices":
/// what this build trains with, for --version.
std::string trainingBackendDescription();

class Trainer {
public:
    /// A fresh run: builds the model for the dataset's shape and the optimizer.
    Trainer(const RunConfig& config, Dataset data, TrainerOptions options = {});
    /// Continues from a checkpoint (its config, weights, optimizer state, epoch and seed), with
    /// `changes` applied; throws InputError naming a parameter that cannot change (latent, seed).
    static std::unique_ptr<Trainer> resume(const std::string& checkpointPath, Dataset data, TrainerOptions options = {},
                                           const ResumeChanges& changes = {});
    ~Trainer();

    /// A data-parallel run (TrainerOptions::distributed): meets the other ranks and takes rank 0's
    /// weights now instead of at the first train(); returns the backend ("gloo", "nccl").
    std::string joinProcessGroup();

    /// Trains until `untilEpoch` epochs are done in total, or pause/stop/NaN. Sets thread count
    /// and grad mode on the calling thread.
    TrainResult train(int untilEpoch, const TrainerCallbacks& callbacks = {});

    /// The live views' values for the current weights (test pass, no training): used after
    /// opening a checkpoint. Call on the thread that owns the trainer.
    EpochSnapshot snapshot();
    /// Views of the current weights between batches (call from TrainerCallbacks::onBatch, on the
    /// training thread): reconstructions of the fixed test images, and codes and KL per dimension
    /// of the fixed test subset (rows not yet re-encoded keep earlier codes of this run).
    /// stats.epoch is the epoch in progress; its losses are left at 0.
    EpochSnapshot liveSnapshot(const LiveViewRequest& request);

    void requestStop();
    void pause();
    void resumeTraining();
    bool paused() const;
    /// True while the training thread is blocked by a pause (not merely asked to pause).
    bool holdingPause() const;
    /// Optimizer steps taken so far (any thread): what a pause must stop.
    int64_t batchesTrained() const;
    /// Changes a parameter the table marks live ("beta", "lr"); read at the next batch. Throws
    /// InputError for other parameters and values outside the table's range.
    void setLiveParam(const std::string& key, double value);

    /// Writes a checkpoint atomically.
    void saveCheckpoint(const std::string& path) const;

    int epoch() const;
    const RunConfig& config() const;
    const std::vector<EpochStats>& history() const;
    /// "cpu (2 threads)" or "cuda:0".
    std::string deviceDescription() const;
    /// The live model (same weights the trainer updates; use cloneToCpu() from other threads).
    Model model() const;
    const Dataset& dataset() const;

private:
    struct Impl;
    explicit Trainer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

} // namespace latentlab
