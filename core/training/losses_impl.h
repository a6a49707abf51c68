// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): reconstruction + KL losses.
#include "core/models/autoencoder_impl.h"

namespace latentlab {

struct LossTerms {
    torch::Tensor total;      // what backward() runs on
    torch::Tensor recon;      // detached, in reporting units (per sample for "sum", per element for "mean")
    torch::Tensor kl;         // detached, per sample; zero for a plain AE
    torch::Tensor klPerDim;   // detached [K], summed over the batch (undefined for AE)
};

/// KL(q(z|x) || N(0, I)) of each element of a batch of Gaussian codes: -0.5 (1 + logvar - mu^2 - e^logvar).
torch::Tensor gaussianKl(const torch::Tensor& mu, const torch::Tensor& logvar);

/// Loss of one batch. `target` is in the model's input range; `beta` weighs the KL term.
LossTerms computeLoss(const AutoencoderImpl& model, const AutoencoderImpl::Output& out, const torch::Tensor& target,
                      const LossConfig& config, double beta);

} // namespace latentlab
