// SPDX-License-Identifier: GPL-3.0-or-later
// Gradient averaging across ranks in buckets, started from autograd hooks while backward runs
// (DistributedDataParallel's scheme); the collectives themselves are RankGroup's (distributed.cpp).
#include "core/training/distributed_impl.h"

#include "core/error.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

namespace latentlab {

bool overlapPays(const torch::Device& device, int threadsPerRank, int localRanks)
{
    if (const char* v = std::getenv("LATENTLAB_DIST_OVERLAP"); v && *v && std::string(v) != "auto")
        return std::string(v) != "0";
    if (device.is_cuda()) // the collectives run on their own streams; the CPU waits anyway
        return true;
    // On the CPU, Gloo's threads reduce while backward computes: that pays only with idle cores.
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    return threadsPerRank * localRanks < cores;
}

GradientSync::GradientSync(RankGroup& group, std::vector<torch::Tensor> params, bool overlap, int64_t bucketBytes,
                           int64_t firstBucketBytes)
    : m_group(group), m_params(std::move(params)), m_bucketOf(m_params.size()), m_offsetOf(m_params.size()),
      m_filled(m_params.size(), 0), m_overlap(overlap)
{
    int64_t bytes = 0;
    for (size_t k = m_params.size(); k-- > 0;) { // the last parameters first: backward reaches them first
        const int64_t cap = m_buckets.size() <= 1 ? firstBucketBytes : bucketBytes;
        if (m_buckets.empty() || bytes >= cap) {
            m_buckets.emplace_back();
            bytes = 0;
        }
        Bucket& b = m_buckets.back();
        m_bucketOf[k] = m_buckets.size() - 1;
        m_offsetOf[k] = b.size;
        b.params.push_back(k);
        b.size += m_params[k].numel();
        bytes += m_params[k].numel() * int64_t(m_params[k].element_size());
    }
    for (size_t k = 0; k < m_params.size(); ++k)
        m_hooks.push_back(m_params[k].register_hook([this, k](const torch::Tensor& grad) {
            if (m_active)
                gradReady(k, grad);
        }));
}

GradientSync::~GradientSync()
{
    for (size_t k = 0; k < m_params.size(); ++k)
        m_params[k].remove_hook(m_hooks[k]);
}

void GradientSync::begin(int64_t count, int64_t total)
{
    m_share = double(count) / double(total);
    for (Bucket& b : m_buckets) {
        b.ready = 0;
        b.wait = nullptr;
    }
    std::fill(m_filled.begin(), m_filled.end(), 0);
    m_next = 0;
    m_active = true;
}

// From the autograd hook (on CUDA, the device's autograd thread), once per parameter per backward.
void GradientSync::gradReady(size_t k, const torch::Tensor& grad)
{
    torch::NoGradGuard noGrad;
    Bucket& b = m_buckets[m_bucketOf[k]];
    if (!b.flat.defined())
        b.flat = torch::empty({b.size + (&b == &m_buckets.back() ? 8 : 0)}, m_params[k].options());
    b.flat.slice(0, m_offsetOf[k], m_offsetOf[k] + m_params[k].numel()).copy_(grad.reshape(-1)).mul_(m_share);
    m_filled[k] = 1;
    ++b.ready;
    const size_t before = m_next;
    startReady();
    m_startedEarly += int64_t(m_next - before);
}

void GradientSync::startReady()
{
    // The last bucket waits for finish(): it carries the extras, known only then.
    while (m_overlap && m_next + 1 < m_buckets.size() && m_buckets[m_next].ready == m_buckets[m_next].params.size())
        start(m_next++);
}

void GradientSync::start(size_t i)
{
    Bucket& b = m_buckets[i];
    if (!b.flat.defined())
        b.flat = torch::empty({b.size + (i + 1 == m_buckets.size() ? 8 : 0)}, m_params[b.params.front()].options());
    for (size_t k : b.params) // no grad this step (no images on this rank, or unused): counts as zero
        if (!m_filled[k])
            b.flat.slice(0, m_offsetOf[k], m_offsetOf[k] + m_params[k].numel()).zero_();
    b.wait = m_group.startSum(b.flat, "gradient sum");
    ++m_started;
}

void GradientSync::finish(torch::Tensor& extras, torch::Tensor& flags)
{
    torch::NoGradGuard noGrad;
    m_active = false;
    while (m_next + 1 < m_buckets.size())
        start(m_next++);
    Bucket& last = m_buckets.back();
    if (!last.flat.defined())
        last.flat = torch::empty({last.size + 8}, m_params[last.params.front()].options());
    // The extras (per-rank means, weighted by the share) and flags ride in the last bucket's tail.
    const int64_t tail = extras.numel() + flags.numel();
    if (tail > 8)
        throw Error("GradientSync: at most 8 extra values ride along, not " + std::to_string(tail));
    auto sums = last.flat.slice(0, last.size, last.size + extras.numel());
    if (m_share > 0)
        sums.copy_(extras.reshape(-1)).mul_(m_share);
    else
        sums.zero_(); // this rank had no images: its (undefined) means count as nothing
    last.flat.slice(0, last.size + extras.numel(), last.size + tail).copy_(flags.reshape(-1));
    last.flat.slice(0, last.size + tail, last.size + 8).zero_();
    start(m_next++);
    for (Bucket& b : m_buckets)
        b.wait();
    for (size_t k = 0; k < m_params.size(); ++k) {
        const Bucket& b = m_buckets[m_bucketOf[k]];
        m_params[k].mutable_grad() = b.flat.slice(0, m_offsetOf[k], m_offsetOf[k] + m_params[k].numel()).view_as(m_params[k]);
    }
    extras = sums.view_as(extras).clone();
    flags = last.flat.slice(0, last.size + extras.numel(), last.size + tail).view_as(flags).clone();
}

} // namespace latentlab
