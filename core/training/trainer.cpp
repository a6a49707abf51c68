#include "core/training/trainer.h"

#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"
#include "core/error.h"
#include "core/models/run_params.h"
#include "core/models/model_impl.h"
#include "core/training/checkpoint_impl.h"
#include "core/training/losses_impl.h"
#include "core/training/optimizer_impl.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

namespace latentlab {

namespace {

using Clock = std::chrono::steady_clock;

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

} // namespace

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
    std::atomic<double> beta {1.0};
    std::atomic<double> learningRate {1e-3};
    std::mutex mutex;
    std::condition_variable wake;

    Impl(const RunConfig& cfg, Dataset d, TrainerOptions opts) : config(cfg), data(std::move(d)), options(opts)
    {
        validateRunConfig(config);
        if (data.empty())
            throw InputError("no dataset loaded");
        device = chooseDevice(config.training.device);
        threads = config.training.threads > 0 ? config.training.threads
                                               : int(std::max(1u, std::thread::hardware_concurrency()));
        seed = config.training.seed;
        beta = config.loss.beta;
        learningRate = config.optimizer.lr;
        Model m = Model::create(config, data.info(), seed);
        model = m.sharedState();
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
            wake.wait(lock, [&] { return !pauseRequested.load() || stopRequested.load(); });
        }
        return !stopRequested.load();
    }

    EpochSnapshot evaluate(EpochStats stats, double betaNow);
};

EpochSnapshot Trainer::Impl::evaluate(EpochStats stats, double betaNow)
{
    torch::NoGradGuard noGrad;
    auto& m = model->module;
    m->eval();
    const int64_t n = testImages.size(0);
    const int64_t chunk = 1000;
    torch::Tensor sumRecon = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device));
    torch::Tensor sumKl = sumRecon.clone();
    torch::Tensor klDims;
    EpochSnapshot snap;
    snap.latents.dim = model->info.latentDim();
    const int64_t keep = options.snapshots ? std::min(n, options.maxLatentPoints) : 0;
    std::vector<torch::Tensor> mus;
    for (int64_t s = 0; s < n; s += chunk) {
        const int64_t e = std::min(n, s + chunk);
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
    stats.testRecon = sumRecon.item<double>() / double(n);
    stats.testKl = sumKl.item<double>() / double(n);
    stats.testLoss = stats.testRecon + betaNow * stats.testKl;
    if (klDims.defined()) {
        auto k = (klDims / double(n)).cpu();
        stats.klPerDim.assign(k.data_ptr<double>(), k.data_ptr<double>() + k.numel());
    }
    snap.stats = stats;
    if (options.snapshots) {
        auto mu = torch::cat(mus).to(torch::kCPU, torch::kFloat32).contiguous();
        snap.latents.values.assign(mu.data_ptr<float>(), mu.data_ptr<float>() + mu.numel());
        auto lab = testLabels.slice(0, 0, keep).to(torch::kCPU, torch::kInt64).contiguous();
        snap.latents.labels.assign(lab.data_ptr<int64_t>(), lab.data_ptr<int64_t>() + lab.numel());
        if (testAttrs.defined()) {
            auto attrs = testAttrs.slice(0, 0, keep).to(torch::kCPU, torch::kFloat32).contiguous();
            snap.latents.attributes.assign(attrs.data_ptr<float>(), attrs.data_ptr<float>() + attrs.numel());
            snap.latents.attributeNames = data.info().attributeNames;
        }
        const int64_t r = std::min<int64_t>(options.reconstructionCount, n);
        if (r > 0) {
            auto idx = torch::arange(0, r, torch::TensorOptions().dtype(torch::kInt64).device(device));
            auto x = prepare(testImages, idx);
            auto out = m->forward(x, conditionFor(testLabels, testAttrs, idx), /*sampleZ=*/false);
            auto originals = tensorToImages(toUnitRange(x, config.model.inputRange));
            auto recons = tensorToImages(toUnitRange(m->activate(out.raw), config.model.inputRange));
            originals.insert(originals.end(), recons.begin(), recons.end());
            snap.reconstructions = makeGrid(originals, int(r));
        }
    }
    m->train();
    return snap;
}

Trainer::Trainer(const RunConfig& config, Dataset data, TrainerOptions options)
    : m(std::make_unique<Impl>(config, std::move(data), options))
{
}

Trainer::Trainer(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Trainer::~Trainer() = default;

std::unique_ptr<Trainer> Trainer::resume(const std::string& path, Dataset data, TrainerOptions options)
{
    CheckpointContents ck = readCheckpoint(path);
    auto impl = std::make_unique<Impl>(ck.info.config, std::move(data), options);
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

TrainResult Trainer::train(int untilEpoch, const TrainerCallbacks& callbacks)
{
    Impl& d = *m;
    // Thread count and grad mode are per thread: set them on the thread that trains.
    if (d.device.is_cpu())
        setComputeThreadsForThisThread(d.threads);
    torch::AutoGradMode gradMode(true);
    d.stopRequested = false;
    auto& module = d.model->module;
    module->train();
    const int64_t n = d.trainImages.size(0);
    const int64_t bs = d.config.training.batchSize;
    const int batches = int((n + bs - 1) / bs);
    const int every = d.config.training.progressEveryBatches;
    const bool cpu = d.device.is_cpu();
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64).device(d.device);
    TrainResult result;

    for (int epoch = int(d.history.size()) + 1; epoch <= untilEpoch; ++epoch) {
        if (d.stopRequested)
            break;
        torch::manual_seed(d.seed * 1000003ull + uint64_t(epoch));
        torch::Tensor perm = epochPermutation(n, d.seed, epoch).to(d.device);
        torch::Tensor sumRecon = torch::zeros({}, f64), sumKl = torch::zeros({}, f64);
        std::vector<torch::Tensor> lastGood; // CUDA only: weights at the last finite check
        int64_t seen = 0;
        double betaNow = d.betaAt(epoch, 0, batches);
        const auto t0 = Clock::now();
        bool interrupted = false;
        for (int b = 0; b < batches; ++b) {
            if (!d.waitWhilePaused()) {
                interrupted = true;
                break;
            }
            d.optimizer->setLearningRate(d.learningRate.load());
            betaNow = d.betaAt(epoch, b, batches);
            auto idx = perm.slice(0, int64_t(b) * bs, std::min<int64_t>(n, int64_t(b + 1) * bs));
            auto x = d.prepare(d.trainImages, idx);
            auto cond = d.conditionFor(d.trainLabels, d.trainAttrs, idx);
            auto out = module->forward(x, cond, true);
            auto terms = computeLoss(*module, out, x, d.config.loss, betaNow);
            d.optimizer->zeroGrad();
            terms.total.backward();
            // On the CPU the check is free, so a bad batch is caught before its update. On CUDA
            // it would force a host sync per batch, so it runs at progress points and rolls back.
            const bool check = cpu || (b + 1) % every == 0 || b + 1 == batches;
            if (check) {
                const double lossValue = terms.total.item<double>();
                if (!std::isfinite(lossValue)) {
                    if (!cpu && !lastGood.empty()) {
                        torch::NoGradGuard g;
                        size_t i = 0;
                        for (auto& p : module->parameters())
                            p.copy_(lastGood[i++]);
                    }
                    result.reason = StopReason::NonFiniteLoss;
                    result.message = "loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite") +
                                     " at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) + " of " +
                                     std::to_string(batches) + "; training stopped and the last good weights (" +
                                     (cpu ? "before that batch" : "from the last check") + ") were kept";
                    result.epochsDone = int(d.history.size());
                    module->eval();
                    return result;
                }
                if (!cpu) {
                    torch::NoGradGuard g;
                    auto params = module->parameters();
                    if (lastGood.empty())
                        for (auto& p : params)
                            lastGood.push_back(p.detach().clone());
                    else
                        for (size_t i = 0; i < params.size(); ++i)
                            lastGood[i].copy_(params[i]);
                }
            }
            d.optimizer->step();
            const double count = double(idx.size(0));
            sumRecon.add_(terms.recon, count);
            sumKl.add_(terms.kl, count);
            seen += idx.size(0);
            if (callbacks.onBatch && ((b + 1) % every == 0 || b + 1 == batches)) {
                BatchProgress p;
                p.epoch = epoch;
                p.batch = b + 1;
                p.batchesPerEpoch = batches;
                p.recon = sumRecon.item<double>() / double(seen);
                p.kl = sumKl.item<double>() / double(seen);
                p.loss = p.recon + betaNow * p.kl;
                const double elapsed = secondsSince(t0);
                p.imagesPerSecond = elapsed > 0 ? double(seen) / elapsed : 0.0;
                p.secondsLeftInEpoch = p.imagesPerSecond > 0 ? double(n - seen) / p.imagesPerSecond : 0.0;
                callbacks.onBatch(p);
            }
        }
        if (interrupted)
            break;
        EpochStats stats;
        stats.epoch = epoch;
        stats.seconds = secondsSince(t0);
        stats.trainRecon = sumRecon.item<double>() / double(n);
        stats.trainKl = sumKl.item<double>() / double(n);
        stats.trainLoss = stats.trainRecon + betaNow * stats.trainKl;
        stats.beta = betaNow;
        stats.learningRate = d.optimizer->learningRate();
        EpochSnapshot snap = d.evaluate(stats, betaNow);
        d.history.push_back(snap.stats);
        d.model->info.epoch = epoch;
        result.epochsDone = epoch;
        if (callbacks.onEpoch)
            callbacks.onEpoch(snap);
    }
    result.epochsDone = int(d.history.size());
    if (d.stopRequested) {
        result.reason = StopReason::Stopped;
        result.message = "stopped after " + std::to_string(result.epochsDone) + " complete epochs";
    }
    return result;
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

void Trainer::requestStop()
{
    m->stopRequested = true;
    std::lock_guard<std::mutex> lock(m->mutex);
    m->wake.notify_all();
}

void Trainer::pause() { m->pauseRequested = true; }

void Trainer::resumeTraining()
{
    m->pauseRequested = false;
    std::lock_guard<std::mutex> lock(m->mutex);
    m->wake.notify_all();
}

bool Trainer::paused() const { return m->pauseRequested.load(); }

void Trainer::setLiveParam(const std::string& key, double value)
{
    const RunParam& p = runParam(key);
    if (!p.live)
        throw InputError(std::string(p.label) + " cannot change while training");
    p.check(value, "live change");
    if (key == "beta")
        m->beta = value;
    else if (key == "lr")
        m->learningRate = value;
    else
        throw InputError(std::string(p.label) + " is marked live but the trainer does not read it per batch");
    p.set(m->config, value);
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

std::string Trainer::deviceDescription() const
{
    if (m->device.is_cuda())
        return "cuda:" + std::to_string(m->device.index());
    return "cpu (" + std::to_string(m->threads) + " threads)";
}

} // namespace latentlab
