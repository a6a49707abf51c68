// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/likelihood.h"

#include "core/data/dataset_impl.h"
#include "core/error.h"
#include "core/models/autoencoder_impl.h"
#include "core/models/model_impl.h"

#include <cmath>

namespace latentlab {

namespace {
// log p(x | z) per row: x and raw are [rows, ...].
torch::Tensor logLikelihood(const AutoencoderImpl& module, const LossConfig& loss, const torch::Tensor& raw, const torch::Tensor& x)
{
    const auto rows = x.size(0);
    if (loss.reconstruction == ReconLoss::Bce)
        return -torch::binary_cross_entropy_with_logits(raw, x, {}, {}, torch::Reduction::None).reshape({rows, -1}).sum(1);
    const double pixels = double(x.numel() / rows);
    return -(module.activate(raw) - x).pow(2).reshape({rows, -1}).sum(1) - 0.5 * pixels * std::log(M_PI);
}
} // namespace

LikelihoodEstimate estimateNll(const Model& model, const Dataset& data, int n, int k, uint64_t seed)
{
    const ModelInfo& mi = model.info();
    if (mi.config.model.kind == ModelKind::Autoencoder)
        throw InputError("likelihood: a plain autoencoder defines no p(x); use a VAE or CVAE checkpoint");
    if (k < 1 || k > 100000)
        throw InputError("likelihood: samples per image must be 1 to 100000, got " + std::to_string(k));
    requireDatasetFits(mi, data.info());
    const DatasetTensors& t = data.tensors();
    const int64_t count = std::min<int64_t>(n, t.testImages.size(0));
    if (count < 1)
        throw InputError("likelihood: no test images in dataset \"" + data.info().spec + "\"");
    torch::NoGradGuard noGrad;
    AutoencoderImpl& module = *model.sharedState()->module;
    const torch::Device device = model.state().device;
    const bool wasTraining = module.is_training();
    module.eval();
    torch::manual_seed(seed);
    const int64_t d = mi.latentDim(), rowsPerPass = 4096;
    const int64_t batch = std::max<int64_t>(1, std::min<int64_t>(count, rowsPerPass / k));
    const double log2pi = std::log(2 * M_PI);
    double nllSum = 0, elboSum = 0;
    for (int64_t s = 0; s < count; s += batch) {
        const int64_t e = std::min(count, s + batch), b = e - s;
        const auto [x, cond] = splitBatch(mi, t, true, s, e, device);
        const auto [mu, logvar] = module.encode(x, cond);
        std::vector<torch::Tensor> logw;
        for (int64_t done = 0; done < k;) {
            const int64_t kc = std::min<int64_t>(k - done, std::max<int64_t>(1, rowsPerPass / b));
            const auto eps = torch::randn({b, kc, d}, torch::TensorOptions().device(device));
            const auto z = mu.unsqueeze(1) + (0.5 * logvar).exp().unsqueeze(1) * eps; // [b, kc, d]
            const auto raw = module.decodeRaw(z.reshape({b * kc, d}), cond.defined() ? cond.repeat_interleave(kc, 0) : cond);
            const auto logpx = logLikelihood(module, mi.config.loss, raw, x.repeat_interleave(kc, 0)).reshape({b, kc});
            const auto logpz = -0.5 * (z.pow(2) + log2pi).sum(2);
            const auto logqz = -0.5 * (eps.pow(2) + log2pi + logvar.unsqueeze(1)).sum(2);
            logw.push_back((logpx + logpz - logqz).to(torch::kFloat64));
            done += kc;
        }
        const auto w = torch::cat(logw, 1); // [b, k]
        nllSum -= (torch::logsumexp(w, 1) - std::log(double(k))).sum().item<double>();
        elboSum -= w.mean(1).sum().item<double>();
    }
    module.train(wasTraining);
    return {nllSum / double(count), elboSum / double(count), int(count), k};
}

} // namespace latentlab
