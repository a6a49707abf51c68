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


std::string formatNumber(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
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
