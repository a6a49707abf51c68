// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): the autoencoder module built from a ModelConfig.
// Never include this from a public header; ui/ must not see torch.
#include "core/models/run_config.h"

#include <torch/torch.h>

namespace latentlab {

/// Encoder, optional mean/log-variance heads, decoder. One class serves AE, VAE, beta-VAE
/// and conditional VAE: the kind decides whether heads and the condition input exist.
struct AutoencoderImpl : torch::nn::Module {
    /// `config.input` must already hold the data shape; conditionDim > 0 only for cvae.
    AutoencoderImpl(const ModelConfig& config, int conditionDim);

    struct Output {
        torch::Tensor raw;      // decoder output before the output activation (logits for sigmoid)
        torch::Tensor mu;       // latent mean (the code itself for a plain AE)
        torch::Tensor logvar;   // undefined for a plain AE
    };

    /// Latent mean and log-variance (logvar undefined for AE). cond may be undefined when unconditional.
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x, const torch::Tensor& cond);
    /// Decoder output before the output activation.
    torch::Tensor decodeRaw(const torch::Tensor& z, const torch::Tensor& cond);
    /// Applies the output activation (sigmoid/tanh/none).
    torch::Tensor activate(const torch::Tensor& raw) const;
    /// Images in [0,1] decoded from z.
    torch::Tensor decodeToUnit(const torch::Tensor& z, const torch::Tensor& cond);
    /// Full pass. With sampleZ a VAE decodes z = mu + sigma * eps (the reparameterisation trick,
    /// used for training and for the test ELBO); without, it decodes mu.
    /// sampleZ: z = mu + noise * sigma for a variational model, with `noise` when given (one row per
    /// image: the trainer's, the same whichever rank draws it), else drawn here.
    Output forward(const torch::Tensor& x, const torch::Tensor& cond, bool sampleZ = true, const torch::Tensor& noise = {});

    /// "name:shape" for every parameter and buffer: compared when loading weights.
    std::vector<std::string> signature() const;

    bool variational() const { return m_config.kind != ModelKind::Autoencoder; }
    int latentDim() const { return m_config.latent; }
    int conditionDim() const { return m_conditionDim; }
    /// Every convolution's input carries the condition as extra channels (ModelConfig::conditionMaps).
    bool conditionMaps() const { return m_conditionDim > 0 && m_config.conditionMaps; }
    const ModelConfig& config() const { return m_config; }

    torch::nn::Sequential encoder{nullptr}, decoder{nullptr};
    torch::nn::Linear muHead{nullptr}, logvarHead{nullptr};

private:
    ModelConfig m_config;
    int m_conditionDim = 0;
};
TORCH_MODULE(Autoencoder);

/// Maps data in [0,1] to the model's input range (identity or 2x-1).
torch::Tensor toModelRange(const torch::Tensor& unit, InputRange range);
/// Maps model-range values back to [0,1].
torch::Tensor toUnitRange(const torch::Tensor& x, InputRange range);

} // namespace latentlab
