// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plain description of a run: model architecture, loss, optimizer and training settings.
// Presets are files in resources/presets/ parsed into this struct. No torch, no Qt.
#include <string>
#include <vector>

namespace latentlab {

/// One layer of an encoder or decoder. Sizes given as "latent" or "input" in the file are
/// resolved when the model is built (outIsLatent / outIsInput / shapeIsInput).
struct LayerSpec {
    std::string type;              // linear conv2d conv_transpose2d maxpool2d relu leaky_relu tanh sigmoid
                                   // dropout flatten unflatten batchnorm
    int out = 0;                   // linear out_features or conv out_channels
    bool outIsLatent = false;      // "out": "latent"
    bool outIsInput = false;       // "out": "input" (product of the input shape)
    int kernel = 0, stride = 1, padding = 0, outputPadding = 0;
    double p = 0.5;                // dropout probability
    double slope = 0.01;           // leaky_relu negative slope
    std::vector<int> shape;        // unflatten target shape
    bool shapeIsInput = false;     // "shape": "input"
};

enum class ModelKind { Autoencoder, Vae, ConditionalVae };
enum class ReconLoss { Bce, Mse };
enum class Reduction { Sum, Mean };
enum class OptimizerType { Adam, AdamW, Sgd, Nadam };
enum class InputRange { Unit, Symmetric };   // [0,1] or [-1,1]
enum class OutputActivation { Sigmoid, Tanh, None };
enum class ConditionSource { Auto, Labels, Attributes };

struct ModelConfig {
    ModelKind kind = ModelKind::Vae;
    int latent = 20;
    bool fixedLatent = false;      // the architecture fixes the latent size (e.g. conv-ae)
    std::vector<int> input = {1, 28, 28};   // C, H, W; replaced by the dataset's shape at build time
    InputRange inputRange = InputRange::Unit;
    OutputActivation output = OutputActivation::Sigmoid;
    ConditionSource condition = ConditionSource::Auto;
    /// Every convolution of a CVAE's encoder and decoder also sees the condition, as constant
    /// channels (one per condition value) at its input's size; otherwise only the encoder's
    /// mean/log-variance heads and the decoder's first layer see it.
    bool conditionMaps = false;
    std::vector<LayerSpec> encoder;
    std::vector<LayerSpec> decoder;
};

struct LossConfig {
    ReconLoss reconstruction = ReconLoss::Bce;
    Reduction reduction = Reduction::Sum;
    double beta = 1.0;
    int klWarmupEpochs = 0;        // beta ramps linearly from 0 over this many epochs
};

struct OptimizerConfig {
    OptimizerType type = OptimizerType::Adam;
    double lr = 1e-3;
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double weightDecay = 0.0;
    double momentum = 0.0;         // SGD
    double momentumDecay = 4e-3;   // Nadam (as in PyTorch's NAdam)
};

struct TrainingConfig {
    int batchSize = 128;
    int epochs = 10;
    uint64_t seed = 1;
    double testFraction = 1.0 / 7.0;   // used only when the dataset has no test split of its own
    std::string device = "auto";       // auto | cpu | cuda
    int threads = 0;                   // 0 = all cores
    int progressEveryBatches = 50;
};

struct RunConfig {
    std::string name;
    std::string description;
    std::string dataset = "mnist";
    ModelConfig model;
    LossConfig loss;
    OptimizerConfig optimizer;
    TrainingConfig training;
};

/// Parses a run config from JSON text; `source` names the file in error messages.
RunConfig parseRunConfig(const std::string& json, const std::string& source);

/// Serialises a config to JSON (round-trips through parseRunConfig).
std::string runConfigToJson(const RunConfig& config);

/// Checks values a user can set (latent 1..256, beta >= 0, lr > 0, batch >= 1, ...).
/// Throws InputError with the field and the allowed range.
void validateRunConfig(const RunConfig& config);

/// Human-readable names, e.g. "vae", "bce", "adam".
std::string toString(ModelKind kind);
std::string toString(OptimizerType type);
std::string toString(ReconLoss loss);

} // namespace latentlab
