// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (torch types): a joined c10d process group and the collectives the trainer runs on it.
// Every call is collective: all ranks make the same calls in the same order.
#include "core/training/distributed.h"

#include <torch/torch.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace latentlab {

class RankGroup {
public:
    /// Rendezvous at MASTER_ADDR:MASTER_PORT (TCPStore) and join the group: Gloo for CPU tensors,
    /// NCCL for CUDA ones where the build has it. `fingerprint` (the job: preset, data, seed, epoch)
    /// must be the same on every rank; otherwise throws InputError naming the rank that differs.
    /// Answers `cancel` (the trainer's stop) while it waits: throws LoadCancelled.
    static std::unique_ptr<RankGroup> join(const DistributedEnv& env, const torch::Device& device,
                                           const std::string& fingerprint, const std::atomic<bool>* cancel = nullptr);
    ~RankGroup();

    const DistributedEnv& env() const;
    /// "gloo" or "nccl".
    std::string backend() const;
    /// Copies rank 0's values into `tensors` on every rank.
    void broadcast(const std::vector<torch::Tensor>& tensors);
    /// Sums `flat` (one contiguous tensor) over the ranks, in place; `what` names it in errors.
    void sum(torch::Tensor& flat, const char* what);
    /// The same, started now; calling the returned function waits for it (and throws as sum() does).
    /// Every rank starts its sums in the same order.
    std::function<void()> startSum(torch::Tensor& flat, const char* what);
    /// The largest absolute difference between the ranks' copies of `tensors`.
    double maxDifference(const std::vector<torch::Tensor>& tensors);

private:
    struct Impl;
    explicit RankGroup(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

/// Averages gradients over the ranks like PyTorch's DistributedDataParallel: the parameters are
/// packed into flat buckets in reverse order (backward reaches the last layers first), and each
/// bucket's allreduce starts from an autograd hook as soon as its last gradient is in, while
/// backward still runs on the earlier layers. Buckets start in one fixed order on every rank (a
/// ready bucket waits for those before it), so the collectives always match.
/// Whether starting allreduces during backward pays here: LATENTLAB_DIST_OVERLAP=1 or 0 when set
/// (auto otherwise); always on CUDA; on the CPU only when this node's ranks leave cores idle
/// (threads per rank x ranks on the node < cores), since Gloo's threads otherwise take their time
/// from backward itself (docs/benchmarks.md measured it on 2 cores).
bool overlapPays(const torch::Device& device, int threadsPerRank, int localRanks);

class GradientSync {
public:
    /// firstBucketBytes: the bucket of the last layers, small so that it starts early (DDP: 1 MB).
    /// overlap false: every bucket starts after backward (overlapPays says when to overlap).
    GradientSync(RankGroup& group, std::vector<torch::Tensor> params, bool overlap = true,
                 int64_t bucketBytes = int64_t(8) << 20, int64_t firstBucketBytes = int64_t(1) << 20);
    ~GradientSync();
    GradientSync(const GradientSync&) = delete;
    GradientSync& operator=(const GradientSync&) = delete;

    /// Before this rank's backward: it computes its grads on `count` of the global batch's `total`
    /// images (mean losses, so count may be 0 and there is no backward: its grads count as zero).
    void begin(int64_t count, int64_t total);
    /// After backward: starts the buckets not started yet, waits for all, and makes every
    /// parameter's grad the global batch's. `extras` (per-rank batch means) ride along in the last
    /// bucket and come back as the global batch's means; `flags` (0 or 1) come back summed.
    void finish(torch::Tensor& extras, torch::Tensor& flags);
    /// How many buckets started from a hook, during backward, and in all, since construction.
    int64_t startedDuringBackward() const { return m_startedEarly; }
    int64_t started() const { return m_started; }

private:
    struct Bucket {
        std::vector<size_t> params;   // in this bucket, last parameter first
        int64_t size = 0;             // their elements (the last bucket also holds the extras)
        torch::Tensor flat;
        size_t ready = 0;             // grads in this step
        std::function<void()> wait;   // set once started
    };
    void gradReady(size_t param, const torch::Tensor& grad);
    void start(size_t bucket);
    void startReady();

    RankGroup& m_group;
    std::vector<torch::Tensor> m_params;
    std::vector<Bucket> m_buckets;          // in the order they start
    std::vector<size_t> m_bucketOf;         // per parameter
    std::vector<int64_t> m_offsetOf;        // per parameter, within its bucket
    std::vector<char> m_filled;             // per parameter: its grad is in this step
    std::vector<unsigned> m_hooks;          // per parameter, to remove them again
    size_t m_next = 0;                      // the next bucket to start
    double m_share = 0;
    bool m_active = false;                  // between begin() and finish()
    bool m_overlap = true;                  // start buckets from the hooks
    int64_t m_startedEarly = 0;
    int64_t m_started = 0;
};

} // namespace latentlab
