// SPDX-License-Identifier: GPL-3.0-or-later
// Views of the weights in the middle of an epoch, cheap enough to refresh every few seconds while
// training: the fixed test images' reconstructions, and the codes of a fixed test subset of which
// only a chunk is re-encoded per call (so that a conv model on two cores is not slowed by more
// than the caller's budget); the others keep the codes of earlier calls in this run.
#include "core/training/losses_impl.h"
#include "core/training/trainer_impl.h"

#include <algorithm>

namespace latentlab {

EpochSnapshot Trainer::liveSnapshot(const LiveViewRequest& request)
{
    Impl& d = *m;
    torch::NoGradGuard noGrad;
    auto& module = d.model->module;
    module->eval();
    const int64_t subset = std::clamp<int64_t>(request.subset, 1, d.testImages.size(0));
    const int64_t k = d.model->info.latentDim();
    const auto floats = torch::TensorOptions().dtype(torch::kFloat32).device(d.device);
    if (!d.liveMu.defined() || d.liveMu.size(0) != subset || d.liveMu.size(1) != k) {
        d.liveMu = torch::zeros({subset, k}, floats);
        d.liveLogvar = torch::zeros({subset, k}, floats);
        d.liveFilled = d.liveCursor = 0;
    }
    const int64_t chunk = std::clamp<int64_t>(request.chunk, 1, subset);
    for (int64_t done = 0; done < chunk;) {
        const int64_t s = d.liveCursor, e = std::min(subset, s + (chunk - done));
        auto idx = torch::arange(s, e, torch::TensorOptions().dtype(torch::kInt64).device(d.device));
        auto [mu, logvar] = module->encode(d.prepare(d.testImages, idx), d.conditionFor(d.testLabels, d.testAttrs, idx));
        d.liveMu.slice(0, s, e).copy_(mu);
        if (logvar.defined())
            d.liveLogvar.slice(0, s, e).copy_(logvar);
        done += e - s;
        d.liveFilled = std::max(d.liveFilled, e);
        d.liveCursor = e == subset ? 0 : e;
    }
    EpochSnapshot snap;
    snap.stats.epoch = int(d.history.size()) + 1; // the epoch in progress
    const auto mu = d.liveMu.slice(0, 0, d.liveFilled);
    if (d.model->info.config.model.kind != ModelKind::Autoencoder) {
        const auto lv = d.liveLogvar.slice(0, 0, d.liveFilled);
        const auto kl = gaussianKl(mu, lv).mean(0).to(torch::kCPU, torch::kFloat64).contiguous();
        snap.stats.klPerDim.assign(kl.data_ptr<double>(), kl.data_ptr<double>() + kl.numel());
    }
    const auto values = mu.to(torch::kCPU, torch::kFloat32).contiguous();
    snap.latents.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    d.describeCodes(snap.latents, d.liveFilled);
    snap.reconstructions = d.reconstructionGrid();
    module->train();
    return snap;
}

} // namespace latentlab
