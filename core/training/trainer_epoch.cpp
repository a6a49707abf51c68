// SPDX-License-Identifier: GPL-3.0-or-later
// One epoch's training pass: the epoch's image order, each batch's forward and backward pass (this
// rank's share of it), the running sums the progress callbacks see, and the guard that stops a
// diverging run with the last good weights.
#include "core/training/trainer_impl.h"

#include "core/data/dataset_impl.h"
#include "core/models/model_impl.h"
#include "core/training/losses_impl.h"
#include "core/training/optimizer_impl.h"

#include <chrono>
#include <cmath>
#include <random>
#include <sstream>

namespace latentlab {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string formatNumber(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

// Deterministic per-epoch order, independent of how many epochs ran before (exact resume).
torch::Tensor epochPermutation(int64_t n, uint64_t seed, int epoch)
{
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + uint64_t(epoch));
    for (int64_t i = n - 1; i > 0; --i)
        std::swap(order[i], order[rng() % uint64_t(i + 1)]);
    return torch::from_blob(order.data(), {n}, torch::kInt64).clone();
}

// The running sums of one epoch's training pass: the progress its callbacks see and the
// statistics it ends with. Sums stay on the device; reading them syncs, so only at progress points.
class ProgressMeter {
public:
    ProgressMeter(torch::Device device, int64_t images)
        : m_images(images), m_t0(Clock::now()),
          m_recon(torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device))), m_kl(m_recon.clone())
    {
    }
    void add(const LossTerms& terms, int64_t count)
    {
        m_recon.add_(terms.recon, double(count));
        m_kl.add_(terms.kl, double(count));
        m_seen += count;
    }
    BatchProgress progress(int epoch, int batch, int batches, double beta) const
    {
        BatchProgress p;
        p.epoch = epoch;
        p.batch = batch;
        p.batchesPerEpoch = batches;
        p.recon = m_recon.item<double>() / double(m_seen);
        p.kl = m_kl.item<double>() / double(m_seen);
        p.loss = p.recon + beta * p.kl;
        const double elapsed = secondsSince(m_t0);
        p.imagesPerSecond = elapsed > 0 ? double(m_seen) / elapsed : 0.0;
        p.secondsLeftInEpoch = p.imagesPerSecond > 0 ? double(m_images - m_seen) / p.imagesPerSecond : 0.0;
        return p;
    }
    EpochStats stats(int epoch, double beta, double learningRate) const
    {
        EpochStats s;
        s.epoch = epoch;
        // The sums first: item() waits for a GPU's queued work, which belongs to this epoch's time.
        s.trainRecon = m_recon.item<double>() / double(m_images);
        s.trainKl = m_kl.item<double>() / double(m_images);
        s.seconds = secondsSince(m_t0);
        s.trainLoss = s.trainRecon + beta * s.trainKl;
        s.beta = beta;
        s.learningRate = learningRate;
        return s;
    }

private:
    int64_t m_images, m_seen = 0;
    Clock::time_point m_t0;
    torch::Tensor m_recon, m_kl;
};

// Stops a diverging run with the last good weights. On the CPU the check is free, so a bad batch
// is caught before its update. On CUDA it would force a host sync per batch, so it runs at progress
// points and rolls back to the weights of the last check.
class NonFiniteGuard {
public:
    NonFiniteGuard(Autoencoder& module, bool cpu, int every) : m_module(module), m_cpu(cpu), m_every(every) {}
    bool due(int batch, int batches) const { return m_cpu || (batch + 1) % m_every == 0 || batch + 1 == batches; }
    /// Whether `loss` is finite; when it is not, the last good weights are back in place.
    bool check(double loss)
    {
        if (std::isfinite(loss)) {
            if (!m_cpu)
                remember();
            return true;
        }
        torch::NoGradGuard noGrad;
        auto params = m_module->parameters();
        for (size_t i = 0; i < m_lastGood.size(); ++i)
            params[i].copy_(m_lastGood[i]);
        return false;
    }
    std::string message(double loss, int epoch, int batch, int batches) const
    {
        return "loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " at epoch " + std::to_string(epoch) +
               ", batch " + std::to_string(batch + 1) + " of " + std::to_string(batches) +
               "; training stopped and the last good weights (" + (m_cpu ? "before that batch" : "from the last check") +
               ") were kept";
    }

private:
    void remember()
    {
        torch::NoGradGuard noGrad;
        auto params = m_module->parameters();
        if (m_lastGood.empty())
            for (auto& p : params)
                m_lastGood.push_back(p.detach().clone());
        else
            for (size_t i = 0; i < params.size(); ++i)
                m_lastGood[i].copy_(params[i]);
    }
    Autoencoder& m_module;
    bool m_cpu;
    int m_every;
    std::vector<torch::Tensor> m_lastGood; // CUDA only: weights at the last finite check
};

} // namespace

torch::Tensor Trainer::Impl::batchNoise(const Share& share)
{
    if (!model->module->variational())
        return {};
    torch::Tensor all = at::randn({share.total, model->info.latentDim()}, noiseGenerator,
                                  torch::TensorOptions().dtype(torch::kFloat32).device(device));
    return all.slice(0, share.first - share.start, share.last - share.start);
}

LossTerms Trainer::Impl::backwardPass(const torch::Tensor& perm, const Share& share, double betaNow)
{
    auto& module = model->module;
    optimizer->zeroGrad();
    const torch::Tensor noise = batchNoise(share); // drawn by every rank, images or not: the streams stay in step
    if (share.last == share.first) {
        const auto zero = torch::zeros({}, torch::TensorOptions().device(device));
        return {zero, zero, zero, {}};
    }
    const torch::Tensor idx = perm.slice(0, share.first, share.last);
    auto x = prepare(trainImages, idx);
    auto out = module->forward(x, conditionFor(trainLabels, trainAttrs, idx), true, noise);
    auto terms = computeLoss(*module, out, x, config.loss, betaNow);
    terms.total.backward();
    return terms;
}

bool Trainer::Impl::trainEpoch(int epoch, const TrainerCallbacks& callbacks, TrainResult& result, EpochStats& stats)
{
    const int64_t n = trainImages.size(0);
    const int64_t globalBatch = config.training.batchSize * int64_t(worldSize());
    const int batches = int((n + globalBatch - 1) / globalBatch);
    const int every = config.training.progressEveryBatches;
    // Dropout masks: each rank draws its own (rank 0 and a one-process run keep the old seeds). The
    // reparameterisation noise has a stream of its own, the same on every rank (batchNoise).
    torch::manual_seed(seed * 1000003ull + uint64_t(epoch) + 7919ull * uint64_t(rank()));
    // Seeded as one process's global generator was before the noise had a stream of its own, so a
    // one-process run of a model without dropout draws exactly the noise it drew then.
    noiseGenerator = at::globalContext().defaultGenerator(device).clone();
    noiseGenerator.set_current_seed(seed * 1000003ull + uint64_t(epoch));
    const torch::Tensor perm = epochPermutation(n, seed, epoch).to(device);
    ProgressMeter meter(device, n);
    NonFiniteGuard guard(model->module, device.is_cpu(), every);
    double betaNow = betaAt(epoch, 0, batches);
    for (int b = 0; b < batches; ++b) {
        if (group ? stopAgreed : !waitWhilePaused())
            return false;
        optimizer->setLearningRate(learningRate.load());
        betaNow = betaAt(epoch, b, batches);
        const Share share = batchShare(b, n);
        if (group)
            gradientSync->begin(share.last - share.first, share.total);
        LossTerms terms = backwardPass(perm, share, betaNow);
        ++batchesTrained;
        if (group)
            terms = averageAcrossRanks(terms, share.last - share.first);
        if (guard.due(b, batches)) {
            // In a data-parallel run every rank checks the same (global) loss, so all stop together.
            const double loss = terms.total.item<double>();
            if (!guard.check(loss)) {
                result.reason = StopReason::NonFiniteLoss;
                result.message = guard.message(loss, epoch, b, batches) + "; try a smaller learning rate than " +
                                 formatNumber(optimizer->learningRate()) + " (or a smaller beta)";
                return false;
            }
        }
        optimizer->step();
        meter.add(terms, share.total);
        if (callbacks.onBatch && ((b + 1) % every == 0 || b + 1 == batches))
            callbacks.onBatch(meter.progress(epoch, b + 1, batches, betaNow));
    }
    stats = meter.stats(epoch, betaNow, optimizer->learningRate());
    return true;
}

} // namespace latentlab
