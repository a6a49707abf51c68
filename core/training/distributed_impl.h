#pragma once
// Internal (torch types): a joined c10d process group and the collectives the trainer runs on it.
// Every call is collective: all ranks make the same calls in the same order.
#include "core/training/distributed.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace latentlab {

class RankGroup {
public:
    /// Rendezvous at MASTER_ADDR:MASTER_PORT (TCPStore) and join the group: Gloo for CPU tensors,
    /// NCCL for CUDA ones where the build has it. `fingerprint` (the job: preset, data, seed, epoch)
    /// must be the same on every rank; otherwise throws InputError naming the rank that differs.
    static std::unique_ptr<RankGroup> join(const DistributedEnv& env, const torch::Device& device,
                                           const std::string& fingerprint);
    ~RankGroup();

    const DistributedEnv& env() const;
    /// "gloo" or "nccl".
    std::string backend() const;
    /// Copies rank 0's values into `tensors` on every rank.
    void broadcast(const std::vector<torch::Tensor>& tensors);
    /// Sums `flat` (one contiguous tensor) over the ranks, in place; `what` names it in errors.
    void sum(torch::Tensor& flat, const char* what);
    /// The largest absolute difference between the ranks' copies of `tensors`.
    double maxDifference(const std::vector<torch::Tensor>& tensors);

private:
    struct Impl;
    explicit RankGroup(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

/// Averages gradients over the ranks like PyTorch's DistributedDataParallel: after backward, the
/// gradients are packed into flat buckets (about 25 MB each, in parameter order), each bucket is
/// summed in one allreduce, and the parameters' grads become views of the result.
class GradientSync {
public:
    GradientSync(RankGroup& group, std::vector<torch::Tensor> params, int64_t bucketBytes = int64_t(25) << 20);
    /// This rank computed its grads on `count` of the global batch's `total` images (mean losses,
    /// so count may be 0: then its grads count as zero). Afterwards every rank holds the gradient
    /// of the whole global batch. `extras` (per-rank batch means) ride along in the last bucket
    /// and come back as the global batch's means; `flags` (0 or 1) come back summed.
    void average(int64_t count, int64_t total, torch::Tensor& extras, torch::Tensor& flags);

private:
    RankGroup& m_group;
    std::vector<torch::Tensor> m_params;
    std::vector<std::pair<size_t, size_t>> m_buckets; // [first, last) parameter index
};

} // namespace latentlab
