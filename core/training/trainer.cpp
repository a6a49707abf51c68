// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/trainer_impl.h"

#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"
#include "core/error.h"
#include "core/models/run_params.h"
#include "core/models/model_impl.h"
#include "core/training/checkpoint_impl.h"
#include "core/training/losses_impl.h"
#include "core/training/optimizer_impl.h"

#include <ATen/Parallel.h>
#include <torch/version.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace latentlab {

namespace {

using Clock = std::chrono::steady_clock;

std::string formatNumber(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

torch::Device chooseDevice(const std::string& wanted)
{
    const bool cuda = torch::cuda::is_available();
    if (wanted == "cuda" && !cuda)
        throw InputError("device \"cuda\" requested but no CUDA device is available (this LibTorch build or machine has none)");
    if (wanted == "cuda" || (wanted == "auto" && cuda))
        return torch::Device(torch::kCUDA, 0);
    return torch::Device(torch::kCPU);
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

Trainer::Impl::Impl(const RunConfig& cfg, Dataset d, TrainerOptions opts) : config(cfg), data(std::move(d)), options(opts)
{
    validateRunConfig(config);
    if (data.empty())
        throw InputError("no dataset loaded");
    if (data.info().trainCount < 1 || data.info().testCount < 1)
        throw InputError(data.info().spec + ": has " + std::to_string(data.info().trainCount) + " training and " +
                         std::to_string(data.info().testCount) + " test images; training needs at least one of each");
    device = chooseDevice(config.training.device);
    if (device.is_cuda() && options.distributed.distributed()) // one GPU per process on a node, as torchrun means it
        device = torch::Device(torch::kCUDA, int(options.distributed.localRank % int(torch::cuda::device_count())));
    threads = config.training.threads > 0 ? config.training.threads
                                           : int(std::max(1u, std::thread::hardware_concurrency()));
    seed = config.training.seed;
    beta = config.loss.beta;
    learningRate = config.optimizer.lr;
    Model m = Model::create(config, data.info(), seed);
    model = m.sharedState();
    model->info.referenceCondition = mostCommonCondition(model->info, data);
    model->module->to(device);
    model->device = device;
    std::vector<std::pair<std::string, torch::Tensor>> params;
    for (const auto& p : model->module->named_parameters())
        params.emplace_back(p.key(), p.value());
    optimizer = std::make_unique<Optimizer>(params, config.optimizer);
    const auto& t = data.tensors();
    trainImages = t.trainImages.to(device);
    trainLabels = t.trainLabels.to(device);
    testImages = t.testImages.to(device);
    testLabels = t.testLabels.to(device);
    if (t.trainAttributes.defined()) {
        trainAttrs = t.trainAttributes.to(device);
        testAttrs = t.testAttributes.to(device);
    }
}

EpochSnapshot Trainer::Impl::evaluate(EpochStats stats, double betaNow)
{
    torch::NoGradGuard noGrad;
    auto& m = model->module;
    m->eval();
    const int64_t n = testImages.size(0);
    const auto [from, to] = testShare(n);
    // The training batch size: per image, conv-cvae-faces' test pass took 10x as long in chunks of
    // 1,000 as in its batches of 64 (buffers past the allocator's reuse limit, caches overrun).
    const int64_t chunk = std::max(1, config.training.batchSize);
    torch::Tensor sumRecon = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device));
    torch::Tensor sumKl = sumRecon.clone();
    torch::Tensor klDims;
    EpochSnapshot snap;
    snap.latents.dim = model->info.latentDim();
    const int64_t keep = options.snapshots && from == 0 ? std::min(to, options.maxLatentPoints) : 0;
    std::vector<torch::Tensor> mus;
    for (int64_t s = from; s < to; s += chunk) {
        const int64_t e = std::min(to, s + chunk);
        auto idx = torch::arange(s, e, torch::TensorOptions().dtype(torch::kInt64).device(device));
        auto x = prepare(testImages, idx);
        auto cond = conditionFor(testLabels, testAttrs, idx);
        auto out = m->forward(x, cond, /*sampleZ=*/true);
        auto terms = computeLoss(*m, out, x, config.loss, betaNow);
        sumRecon += terms.recon.to(torch::kFloat64) * double(e - s);
        sumKl += terms.kl.to(torch::kFloat64) * double(e - s);
        if (terms.klPerDim.defined())
            klDims = klDims.defined() ? klDims + terms.klPerDim.to(torch::kFloat64) : terms.klPerDim.to(torch::kFloat64);
        if (s < keep)
            mus.push_back(out.mu.slice(0, 0, std::min(e, keep) - s));
    }
    if (group)
        sumAcrossRanks(sumRecon, sumKl, klDims);
    stats.testRecon = sumRecon.item<double>() / double(n);
    stats.testKl = sumKl.item<double>() / double(n);
    stats.testLoss = stats.testRecon + betaNow * stats.testKl;
    if (klDims.defined()) {
        auto k = (klDims / double(n)).cpu();
        stats.klPerDim.assign(k.data_ptr<double>(), k.data_ptr<double>() + k.numel());
    }
    snap.stats = stats;
    if (options.snapshots) {
        if (!mus.empty()) {
            auto mu = torch::cat(mus).to(torch::kCPU, torch::kFloat32).contiguous();
            snap.latents.values.assign(mu.data_ptr<float>(), mu.data_ptr<float>() + mu.numel());
            describeCodes(snap.latents, keep);
        }
        snap.reconstructions = reconstructionGrid();
    }
    m->train();
    return snap;
}

Image Trainer::Impl::reconstructionGrid()
{
    const int64_t r = std::min<int64_t>(options.reconstructionCount, testImages.size(0));
    if (r <= 0)
        return {};
    auto idx = torch::arange(0, r, torch::TensorOptions().dtype(torch::kInt64).device(device));
    auto x = prepare(testImages, idx);
    auto out = model->module->forward(x, conditionFor(testLabels, testAttrs, idx), /*sampleZ=*/false);
    auto originals = tensorToImages(toUnitRange(x, config.model.inputRange));
    auto recons = tensorToImages(toUnitRange(model->module->activate(out.raw), config.model.inputRange));
    originals.insert(originals.end(), recons.begin(), recons.end());
    return makeGrid(originals, int(r));
}

void Trainer::Impl::describeCodes(LatentCodes& codes, int64_t count) const
{
    codes.dim = model->info.latentDim();
    auto lab = testLabels.slice(0, 0, count).to(torch::kCPU, torch::kInt64).contiguous();
    codes.labels.assign(lab.data_ptr<int64_t>(), lab.data_ptr<int64_t>() + lab.numel());
    if (testAttrs.defined()) {
        auto attrs = testAttrs.slice(0, 0, count).to(torch::kCPU, torch::kFloat32).contiguous();
        codes.attributes.assign(attrs.data_ptr<float>(), attrs.data_ptr<float>() + attrs.numel());
        codes.attributeNames = data.info().attributeNames;
    }
}

Trainer::Trainer(const RunConfig& config, Dataset data, TrainerOptions options)
    : m(std::make_unique<Impl>(config, std::move(data), options))
{
}

Trainer::Trainer(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Trainer::~Trainer() = default;

std::unique_ptr<Trainer> Trainer::resume(const std::string& path, Dataset data, TrainerOptions options,
                                         const ResumeChanges& changes)
{
    CheckpointContents ck = readCheckpoint(path);
    RunConfig config = ck.info.config;
    for (const auto& [key, value] : changes.params) {
        const RunParam& p = runParam(key);
        if (!p.resumable)
            throw InputError(path + ": the " + std::string(p.label) + " of a run cannot change when it resumes (\"" + key +
                             "\" is " + std::to_string(int64_t(p.get(config))) + " in its checkpoint)");
        setRunParam(config, key, value, path);
    }
    if (!changes.device.empty())
        config.training.device = changes.device;
    auto impl = std::make_unique<Impl>(config, std::move(data), options);
    if (impl->model->info.config.model.input != ck.info.config.model.input)
        throw InputError(path + ": checkpoint was trained on images shaped differently from dataset \"" +
                         impl->data.info().spec + "\"");
    if (impl->model->info.conditionDim != ck.info.conditionDim)
        throw InputError(path + ": checkpoint's condition size differs from what dataset \"" + impl->data.info().spec +
                         "\" provides");
    loadModelWeights(*impl->model, ck);
    impl->seed = ck.seed;
    impl->optimizer->loadState(optimizerTensors(ck), ck.optimizerStep, ck.muProduct, path);
    impl->history = ck.history;
    return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
}

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

TrainResult Trainer::train(int untilEpoch, const TrainerCallbacks& callbacks)
{
    Impl& d = *m;
    // Thread count and grad mode are per thread: set them on the thread that trains.
    if (d.device.is_cpu())
        setComputeThreadsForThisThread(d.threads);
    torch::AutoGradMode gradMode(true);
    d.stopRequested = false;
    d.stopAgreed = false;
    if (d.options.distributed.distributed() && !d.group)
        d.joinGroup();
    d.model->module->train();
    TrainResult result;
    for (int epoch = int(d.history.size()) + 1; epoch <= untilEpoch && !d.stopped(); ++epoch) {
        EpochStats stats;
        if (!d.trainEpoch(epoch, callbacks, result, stats))
            break;
        EpochSnapshot snap = d.evaluate(stats, stats.beta);
        if (!std::isfinite(snap.stats.trainLoss) || !std::isfinite(snap.stats.testLoss)) {
            // The last update diverged: this epoch is not kept (nor written), the previous one is.
            result.reason = StopReason::NonFiniteLoss;
            result.message = "loss became non-finite at the end of epoch " + std::to_string(epoch) +
                             " (the weights diverged: try a smaller learning rate than " +
                             formatNumber(d.optimizer->learningRate()) + "); training stopped and " +
                             (epoch > 1 ? "kept epoch " + std::to_string(epoch - 1) : std::string("kept no epoch"));
            break;
        }
        if (d.group) {
            snap.rankWeightSpread = d.group->maxDifference(d.model->module->parameters());
            snap.overlappedBuckets = d.takeOverlapShare();
        }
        d.history.push_back(snap.stats);
        d.model->info.epoch = epoch;
        if (callbacks.onEpoch)
            callbacks.onEpoch(snap);
    }
    result.epochsDone = int(d.history.size());
    if (result.reason == StopReason::NonFiniteLoss) {
        d.model->module->eval();
    } else if (d.stopped()) {
        result.reason = StopReason::Stopped;
        result.message = "stopped after " + std::to_string(result.epochsDone) + " complete epochs";
    }
    return result;
}

std::string Trainer::joinProcessGroup()
{
    if (!m->options.distributed.distributed())
        throw InputError("this run is one process (WORLD_SIZE is not above 1): there is no group to join");
    if (!m->group)
        m->joinGroup();
    return m->group->backend();
}

EpochSnapshot Trainer::snapshot()
{
    Impl& d = *m;
    if (d.device.is_cpu())
        setComputeThreadsForThisThread(d.threads);
    EpochStats stats = d.history.empty() ? EpochStats {} : d.history.back();
    const int epoch = int(d.history.size());
    const double betaNow = d.betaAt(std::max(1, epoch), 0, 1);
    EpochSnapshot snap = d.evaluate(stats, betaNow);
    snap.stats = stats;
    return snap;
}

void Trainer::saveCheckpoint(const std::string& path) const
{
    ModelState& st = *m->model;
    st.info.config.loss.beta = m->beta.load();
    st.info.config.optimizer.lr = m->learningRate.load();
    writeCheckpoint(path, st, m->optimizer.get(), m->seed, m->history);
}

int Trainer::epoch() const { return int(m->history.size()); }
const RunConfig& Trainer::config() const { return m->config; }
const std::vector<EpochStats>& Trainer::history() const { return m->history; }
const Dataset& Trainer::dataset() const { return m->data; }
Model Trainer::model() const { return Model(m->model); }

std::string trainingBackendDescription()
{
    const bool cuda = torch::cuda::is_available();
    return std::string("LibTorch ") + TORCH_VERSION + ", CUDA: " +
           (cuda ? std::to_string(torch::cuda::device_count()) + " device(s)" : std::string("not available (this build or machine has none)"));
}

std::string Trainer::deviceDescription() const
{
    if (m->device.is_cuda())
        return "cuda:" + std::to_string(m->device.index());
    return "cpu (" + std::to_string(m->threads) + " threads)";
}

} // namespace latentlab
