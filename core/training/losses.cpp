// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/losses_impl.h"

namespace latentlab {

torch::Tensor gaussianKl(const torch::Tensor& mu, const torch::Tensor& logvar)
{
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp());
}

LossTerms computeLoss(const AutoencoderImpl& model, const AutoencoderImpl::Output& out, const torch::Tensor& target,
                      const LossConfig& config, double beta)
{
    namespace F = torch::nn::functional;
    const bool sum = config.reduction == Reduction::Sum;
    const auto reduction = sum ? torch::Reduction::Sum : torch::Reduction::Mean;
    const double batch = double(target.size(0));
    torch::Tensor recon;
    if (config.reconstruction == ReconLoss::Bce) {
        // The decoder's raw output is the logit (validateRunConfig rejects BCE with tanh):
        // the fused, numerically stable BCE-with-logits replaces sigmoid + BCE.
        recon = torch::binary_cross_entropy_with_logits(out.raw, target, {}, {}, reduction);
    } else {
        recon = torch::mse_loss(model.activate(out.raw), target, reduction);
    }
    LossTerms terms;
    if (!model.variational()) {
        terms.total = recon;
        terms.recon = (sum ? recon / batch : recon).detach();
        terms.kl = torch::zeros({}, recon.options());
        return terms;
    }
    torch::Tensor klElem = gaussianKl(out.mu, out.logvar);
    torch::Tensor klSum = klElem.sum();
    torch::Tensor kl = sum ? klSum : klSum / batch;
    terms.total = beta > 0 ? recon + beta * kl : recon + 0.0 * kl;
    terms.recon = (sum ? recon / batch : recon).detach();
    terms.kl = (klSum / batch).detach();
    terms.klPerDim = klElem.detach().sum(0);
    return terms;
}

} // namespace latentlab
