// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The trainer's state, shared by the files that implement Trainer (trainer.cpp: the loop, the
// epoch's test pass; live_views.cpp: mid-epoch views). Internal to core: it exposes torch types.
#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"
#include "core/models/model_impl.h"
#include "core/training/distributed_impl.h"
#include "core/training/losses_impl.h"
#include "core/training/optimizer_impl.h"
#include "core/training/trainer.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace latentlab {

struct Trainer::Impl {
    RunConfig config;
    Dataset data;
    TrainerOptions options;
    std::shared_ptr<ModelState> model;
    std::unique_ptr<Optimizer> optimizer;
    torch::Device device = torch::kCPU;
    int threads = 1;
    uint64_t seed = 1;
    std::vector<EpochStats> history;
    torch::Tensor trainImages, trainLabels, trainAttrs, testImages, testLabels, testAttrs;

    std::atomic<bool> stopRequested {false};
    std::atomic<bool> pauseRequested {false};
    std::atomic<bool> holding {false};            // blocked in waitWhilePaused()
    std::atomic<int64_t> batchesTrained {0};      // optimizer steps this trainer took
    std::atomic<double> beta {1.0};
    std::atomic<double> learningRate {1e-3};
    std::mutex mutex;
    std::condition_variable wake;

    Impl(const RunConfig& cfg, Dataset d, TrainerOptions opts);

    double betaAt(int epoch, int batch, int batches) const
    {
        const int warm = config.loss.klWarmupEpochs;
        if (warm <= 0)
            return beta.load();
        const double progress = (double(epoch - 1) + double(batch + 1) / batches) / warm;
        return beta.load() * std::min(1.0, progress);
    }

    torch::Tensor prepare(const torch::Tensor& images, const torch::Tensor& idx)
    {
        return toModelRange(imagesToUnitFloat(images.index_select(0, idx)), config.model.inputRange);
    }

    torch::Tensor conditionFor(const torch::Tensor& labels, const torch::Tensor& attrs, const torch::Tensor& idx)
    {
        if (!model->info.conditional())
            return {};
        return conditionBatch(model->info, labels.index_select(0, idx),
                              attrs.defined() ? attrs.index_select(0, idx) : torch::Tensor());
    }

    // Blocks while paused; returns false when a stop was requested.
    bool waitWhilePaused()
    {
        if (pauseRequested.load()) {
            std::unique_lock<std::mutex> lock(mutex);
            holding = true;
            wake.wait(lock, [&] { return !pauseRequested.load() || stopRequested.load(); });
            holding = false;
        }
        return !stopRequested.load();
    }
    /// Whether the run stops: in a data-parallel run only when the ranks agreed on it (a stop
    /// requested on any rank takes effect on all of them after the same batch).
    bool stopped() const { return group ? stopAgreed : stopRequested.load(); }

    // Data-parallel runs (trainer_distributed.cpp); group is null in one process.
    std::unique_ptr<RankGroup> group;
    std::unique_ptr<GradientSync> gradientSync;
    bool stopAgreed = false;
    int rank() const { return group ? group->env().rank : 0; }
    int worldSize() const { return group ? group->env().worldSize : 1; }
    /// What every rank must agree on (preset, data, seed, epoch, batch), as one line.
    std::string jobFingerprint() const;
    /// Joins the group of options.distributed and takes rank 0's weights.
    void joinGroup();
    /// Rows [first, last) of this rank's share of global batch `batch` in an epoch's permutation
    /// of `n` images, and the global batch's size.
    struct Share {
        int64_t first, last, total; // this rank's rows [first, last) of the global batch's total
        int64_t start;              // the global batch's first row
    };
    Share batchShare(int batch, int64_t n) const;
    /// This rank's rows of the test set.
    std::pair<int64_t, int64_t> testShare(int64_t n) const;
    /// After backward on this rank's `count` of `total` images: gradients and loss terms of the
    /// whole global batch, on every rank; a stop requested on any rank is agreed here.
    LossTerms averageAcrossRanks(const LossTerms& terms, int64_t count);
    /// The share of gradient buckets started during backward since the last call.
    double takeOverlapShare();
    int64_t bucketsSeen = 0, bucketsEarlySeen = 0;
    /// The test pass's sums over all ranks (klDims may be undefined: a plain AE).
    void sumAcrossRanks(torch::Tensor& recon, torch::Tensor& kl, torch::Tensor& klDims);
    /// The forward and backward pass of one batch (rows `idx`): its loss terms, grads in place.
    /// An empty batch (a rank's share of a short last batch) leaves no grads and zero terms.
    LossTerms backwardPass(const torch::Tensor& perm, const Share& share, double betaNow);
    /// A variational model's reparameterisation noise for this rank's rows of the batch: every rank
    /// draws the whole global batch's from one stream and keeps its rows, so each row's noise is
    /// the same whatever the number of ranks (2 x 64 train as 1 x 128). Undefined for a plain AE.
    torch::Tensor batchNoise(const Share& share);
    at::Generator noiseGenerator;   // seeded per epoch (trainEpoch)

    EpochSnapshot evaluate(EpochStats stats, double betaNow);
    /// The fixed test images above their reconstructions (call in eval mode, without grad).
    Image reconstructionGrid();
    /// Labels (and attributes) of the first `count` test images, beside their codes.
    void describeCodes(LatentCodes& codes, int64_t count) const;

    // Mid-epoch views (live_views.cpp): codes of a fixed test subset, refreshed a chunk at a time.
    torch::Tensor liveMu, liveLogvar; // [subset, latent]; rows before liveFilled hold codes
    int64_t liveFilled = 0, liveCursor = 0;
    /// One epoch's training pass; false when it did not finish (stopped, or `result` says why).
    bool trainEpoch(int epoch, const TrainerCallbacks& callbacks, TrainResult& result, EpochStats& stats);
};

} // namespace latentlab
