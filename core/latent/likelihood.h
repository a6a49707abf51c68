// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How likely a VAE finds held-out images: an importance-weighted estimate of -log p(x) (Burda,
// Grosse and Salakhutdinov 2016, as pythae's get_nll), with the negative ELBO from the same samples.
#include "core/data/dataset.h"
#include "core/models/model.h"

#include <cstdint>

namespace latentlab {

struct LikelihoodEstimate {
    double nll = 0;          // -log p(x) estimate, nats per image (mean over the images)
    double negativeElbo = 0; // the same samples' -ELBO, nats per image: never below nll
    int images = 0;
    int samples = 0;         // importance samples per image
};

/// Estimates -log p(x) over the first n test images with k samples z ~ q(z|x) each:
/// -log (1/k sum_k p(x|z_k) p(z_k) / q(z_k|x)). p(x|z) is the decoder's Bernoulli (BCE presets) or
/// a Gaussian with variance 1/2 (MSE presets: -log p(x|z) is the summed squared error plus
/// D/2 log pi), in the model's input range. Conditional models use each image's own condition.
/// Throws InputError for a plain autoencoder (it has no likelihood) and for n or k out of range.
LikelihoodEstimate estimateNll(const Model& model, const Dataset& data, int n, int k, uint64_t seed);

} // namespace latentlab
