// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer's data-parallel parts: joining the group, sharding batches and the test set by rank,
// averaging gradients. With one process none of this runs and the trainer is what it always was.
#include "core/training/trainer_impl.h"

#include "core/error.h"
#include "core/data/tensor_file.h"
#include "core/models/run_config.h"
#include "core/models/run_params.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace latentlab {

namespace {

std::vector<torch::Tensor> stateTensors(Autoencoder& module)
{
    std::vector<torch::Tensor> all = module->parameters();
    for (const auto& b : module->buffers())
        all.push_back(b);
    return all;
}

} // namespace

namespace {

// CRC-32 of a tensor's bytes (contiguous CPU copy); 0 for an undefined one.
uint32_t contentCrc(const torch::Tensor& t, uint32_t crc)
{
    if (!t.defined())
        return crc;
    const torch::Tensor c = t.contiguous().cpu();
    return crc32(static_cast<const uint8_t*>(c.data_ptr()), size_t(c.numel()) * c.element_size(), crc);
}

std::string hex(uint32_t v)
{
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", v);
    return buf;
}

} // namespace

// A rank started with other flags or data is refused at once instead of averaging gradients of
// different models. One "what<TAB>value" line per thing that shapes the run: every parameter of
// the run table, the model, and the data down to a checksum of its contents (ranks that read
// "mnist:digits" from folders with different files differ there).
std::string Trainer::Impl::jobFingerprint() const
{
    int64_t params = 0;
    for (const auto& p : model->module->parameters())
        params += p.numel();
    const DatasetInfo& info = data.info();
    const DatasetTensors& t = data.tensors();
    uint32_t crc = 0;
    for (const torch::Tensor* x : {&t.trainImages, &t.trainLabels, &t.trainAttributes, &t.trainFactors, &t.testImages,
                                   &t.testLabels, &t.testAttributes, &t.testFactors})
        crc = contentCrc(*x, crc);
    std::string lines;
    for (const RunParam& p : runParams()) {
        std::ostringstream value;
        value << (p.key == std::string("seed") ? double(seed) : p.get(config));
        lines += "--" + std::string(p.key) + "\t" + value.str() + "\n";
    }
    lines += "preset\t" + config.name + "\nmodel\t" + toString(config.model.kind) + ", " + std::to_string(params) +
                        " parameters\ndata\t" + info.spec + "\ndata size\t" + std::to_string(info.trainCount) + " train, " +
                        std::to_string(info.testCount) + " test\ndata contents\tCRC-32 " + hex(crc) +
                        "\nepochs done\t" + std::to_string(history.size()) + "\ndevice\t" + (device.is_cuda() ? "cuda" : "cpu") +
                        "\nloss\t" + toString(config.loss.reconstruction) + "\n";
    return lines;
}

void Trainer::Impl::joinGroup()
{
    group = RankGroup::join(options.distributed, device, jobFingerprint(), &stopRequested);
    group->broadcast(stateTensors(model->module));
    // Ranks on this node: torchrun says (LOCAL_WORLD_SIZE); ranks started by hand are taken as local.
    const char* local = std::getenv("LOCAL_WORLD_SIZE");
    const int localRanks = local && std::atoi(local) > 0 ? std::atoi(local) : worldSize();
    gradientSync = std::make_unique<GradientSync>(*group, model->module->parameters(),
                                                  overlapPays(device, threads, localRanks));
    bucketsSeen = bucketsEarlySeen = 0;
    stopAgreed = false;
}

Trainer::Impl::Share Trainer::Impl::batchShare(int batch, int64_t n) const
{
    const int64_t global = config.training.batchSize * int64_t(worldSize());
    const int64_t start = int64_t(batch) * global;
    const int64_t total = std::min(n, start + global) - start;
    // A short last batch is split evenly; a rank whose share is empty still takes part.
    const int64_t each = (total + worldSize() - 1) / worldSize();
    const int64_t first = std::min(total, each * rank());
    return {start + first, start + std::min(total, first + each), total, start};
}

std::pair<int64_t, int64_t> Trainer::Impl::testShare(int64_t n) const
{
    return {n * rank() / worldSize(), n * (rank() + 1) / worldSize()};
}

LossTerms Trainer::Impl::averageAcrossRanks(const LossTerms& terms, int64_t count)
{
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    torch::Tensor extras = count > 0 ? torch::stack({terms.total.detach(), terms.recon, terms.kl}).to(opts)
                                     : torch::zeros({3}, opts);
    torch::Tensor flags = torch::full({1}, stopRequested.load() ? 1.0 : 0.0, opts);
    gradientSync->finish(extras, flags);
    if (flags.item<double>() > 0)
        stopAgreed = true;
    LossTerms global;
    global.total = extras[0];
    global.recon = extras[1];
    global.kl = extras[2];
    return global;
}

double Trainer::Impl::takeOverlapShare()
{
    const int64_t all = gradientSync->started() - bucketsSeen, early = gradientSync->startedDuringBackward() - bucketsEarlySeen;
    bucketsSeen = gradientSync->started();
    bucketsEarlySeen = gradientSync->startedDuringBackward();
    return all > 0 ? double(early) / double(all) : 0.0;
}

void Trainer::Impl::sumAcrossRanks(torch::Tensor& recon, torch::Tensor& kl, torch::Tensor& klDims)
{
    const int64_t k = model->info.latentDim();
    const auto opts = torch::TensorOptions().dtype(torch::kFloat64).device(device);
    // Sizes must match on every rank, also where a rank's share of the test set is empty.
    torch::Tensor flat = torch::cat({recon.reshape(1), kl.reshape(1), torch::full({1}, klDims.defined() ? 1.0 : 0.0, opts),
                                     klDims.defined() ? klDims.reshape(-1) : torch::zeros({k}, opts)});
    group->sum(flat, "test loss sum");
    recon = flat[0];
    kl = flat[1];
    klDims = flat[2].item<double>() > 0 ? flat.slice(0, 3, 3 + k) : torch::Tensor();
}

} // namespace latentlab
