// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/autoencoder_impl.h"

#include "core/error.h"
#include "core/models/conv_layers_impl.h"

#include <set>

namespace latentlab {

namespace {

std::string shapeText(const std::vector<int64_t>& s)
{
    std::string t;
    for (size_t i = 0; i < s.size(); ++i)
        t += (i ? "x" : "") + std::to_string(s[i]);
    return t;
}

// The product, saturating at 2^62 (sizes from a config may be absurd; they must not wrap).
int64_t product(const std::vector<int64_t>& s)
{
    constexpr int64_t kCap = int64_t(1) << 62;
    int64_t p = 1;
    for (auto v : s) {
        if (v < 0)
            return -1;
        p = v != 0 && p > kCap / v ? kCap : p * v;
    }
    return p;
}

// Bounds for one layer, far above any model here and far below what would exhaust memory: a typo
// in a preset ("out": 10000000) gets a message, not a 40 GB allocation or a torch backtrace.
constexpr int64_t kMaxLayerWeights = int64_t(1) << 28;   // 1 GiB of float weights
constexpr int64_t kMaxActivations = int64_t(1) << 24;    // values per sample and channel map
// Bounds for the whole model, checked on a dry pass over the layer specs before any tensor exists.
// Weights: 2^27 (512 MiB as float32; training holds them four times over with their gradients and
// Adam's two moments, 2 GiB), some 50 times the largest preset. Activations: 2^24 values per image
// over all layers (64 MiB; a batch of 64 keeps 4 GiB for backward), some 100 times the largest preset.
constexpr int64_t kMaxModelWeights = int64_t(1) << 27;
constexpr int64_t kMaxModelActivations = int64_t(1) << 24;

// What a model's layers add up to, per image.
struct Budget {
    int64_t weights = 0, activations = 0;
    void add(int64_t w, const std::vector<int64_t>& shape) { weights += w; activations += product(shape); }
};

void checkWeights(int64_t weights, const std::string& where)
{
    if (weights > kMaxLayerWeights || weights < 0)
        throw InputError(where + ": would hold " + std::to_string(weights) + " weights, more than the limit of " +
                         std::to_string(kMaxLayerWeights) + " per layer (check its \"out\" and \"kernel\")");
}

// Conv, transposed conv and max-pool layers, and the per-sample shape they produce.
// seq null: a dry pass, shapes and budget only.
void addSpatial(torch::nn::Sequential* seq, const LayerSpec& l, int64_t out, std::vector<int64_t>& shape,
                const std::string& where, Budget& budget)
{
    const bool transposed = l.type == "conv_transpose2d";
    const int64_t h = transposed ? (shape[1] - 1) * l.stride - 2 * l.padding + l.kernel + l.outputPadding
                                 : (shape[1] + 2 * l.padding - l.kernel) / l.stride + 1;
    const int64_t w = transposed ? (shape[2] - 1) * l.stride - 2 * l.padding + l.kernel + l.outputPadding
                                 : (shape[2] + 2 * l.padding - l.kernel) / l.stride + 1;
    // Checked before the layer exists: torch would allocate its weights (or fail deep inside).
    const bool fits = transposed || (l.kernel <= shape[1] + 2 * l.padding && l.kernel <= shape[2] + 2 * l.padding);
    if (h < 1 || w < 1 || !fits)
        throw InputError(where + ": input " + shapeText(shape) + " is too small for this layer (kernel " +
                         std::to_string(l.kernel) + ")");
    if (h * w > kMaxActivations)
        throw InputError(where + ": its output of " + std::to_string(h) + "x" + std::to_string(w) + " is too large");
    const int64_t weights = l.type == "maxpool2d" ? 0 : product({shape[0], out, l.kernel, l.kernel});
    checkWeights(weights, where);
    if (!seq)
        ;
    else if (transposed)
        (*seq)->push_back(AdjointConvTranspose2d(shape[0], out, l.kernel, l.stride, l.padding, l.outputPadding));
    else if (l.type == "conv2d")
        (*seq)->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(shape[0], out, l.kernel).stride(l.stride).padding(l.padding)));
    else
        (*seq)->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(l.kernel).stride(l.stride).padding(l.padding)));
    shape = {l.type == "maxpool2d" ? shape[0] : out, h, w};
    budget.add(weights, shape);
}

// Layers that keep the shape (activations, dropout); false when `l` is none of them.
bool addElementwise(torch::nn::Sequential* seq, const LayerSpec& l)
{
    static const std::set<std::string> kinds = {"relu", "leaky_relu", "tanh", "sigmoid", "dropout"};
    if (!kinds.count(l.type))
        return false;
    if (!seq)
        return true;
    if (l.type == "relu")
        (*seq)->push_back(torch::nn::ReLU());
    else if (l.type == "leaky_relu")
        (*seq)->push_back(torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(l.slope)));
    else if (l.type == "tanh")
        (*seq)->push_back(torch::nn::Tanh());
    else if (l.type == "sigmoid")
        (*seq)->push_back(torch::nn::Sigmoid());
    else
        (*seq)->push_back(torch::nn::Dropout(torch::nn::DropoutOptions(l.p)));
    return true;
}

// Flatten and unflatten: reshapes that keep the number of values.
void addReshape(torch::nn::Sequential* seq, const LayerSpec& l, const ModelConfig& config, std::vector<int64_t>& shape,
                const std::string& where)
{
    if (l.type == "flatten") {
        if (seq)
            (*seq)->push_back(torch::nn::Flatten());
        shape = {product(shape)};
        return;
    }
    std::vector<int64_t> target;
    if (l.shapeIsInput)
        target.assign(config.input.begin(), config.input.end());
    else
        target.assign(l.shape.begin(), l.shape.end());
    if (product(target) != product(shape))
        throw InputError(where + ": cannot reshape " + shapeText(shape) + " to " + shapeText(target));
    if (seq)
        (*seq)->push_back(torch::nn::Unflatten(torch::nn::UnflattenOptions(1, target)));
    shape = target;
}

// Builds a Sequential from layer specs, tracking the per-sample shape so that input sizes
// (in_features, in_channels) are inferred and mistakes are reported by layer index. Each
// convolution takes `conditionChannels` more input channels (the condition maps, see runStack).
// seq null: a dry pass that only follows the shapes and adds up the budget (nothing is allocated).
void buildStack(torch::nn::Sequential* seq, const std::vector<LayerSpec>& layers, std::vector<int64_t>& shape,
                const ModelConfig& config, const std::string& part, int64_t conditionChannels, Budget& budget)
{
    const int64_t inputSize = int64_t(config.input[0]) * config.input[1] * config.input[2];
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& l = layers[i];
        const std::string where = part + " layer " + std::to_string(i) + " (" + l.type + ")";
        const int64_t out = l.outIsLatent ? config.latent : l.outIsInput ? inputSize : l.out;
        auto needRank = [&](size_t rank) {
            if (shape.size() != rank)
                throw InputError(where + ": expects a " + std::to_string(rank) + "-d input per sample, got " +
                                 shapeText(shape) + (rank == 1 ? " (add a flatten layer first)" : ""));
        };
        if (l.type == "linear") {
            needRank(1);
            const int64_t weights = product({shape[0], out});
            checkWeights(weights, where);
            if (seq)
                (*seq)->push_back(torch::nn::Linear(shape[0], out));
            shape = {out};
            budget.add(weights, shape);
        } else if (l.type == "conv2d" || l.type == "conv_transpose2d" || l.type == "maxpool2d") {
            needRank(3);
            if (l.type != "maxpool2d")
                shape[0] += conditionChannels;
            addSpatial(seq, l, out, shape, where, budget);
        } else if (l.type == "batchnorm") {
            if (shape.size() != 1 && shape.size() != 3)
                throw InputError(where + ": needs a 1-d or 3-d input, got " + shapeText(shape));
            if (seq && shape.size() == 1)
                (*seq)->push_back(torch::nn::BatchNorm1d(shape[0]));
            else if (seq)
                (*seq)->push_back(torch::nn::BatchNorm2d(shape[0]));
            budget.add(2 * shape[0], shape);
        } else if (l.type == "flatten" || l.type == "unflatten") {
            addReshape(seq, l, config, shape, where);
        } else if (!addElementwise(seq, l)) {
            throw InputError(where + ": unknown layer type");
        }
    }
}

// The model's layers against the whole-model bounds, before any of them is made.
void checkBudget(const Budget& b, const std::string& name)
{
    if (b.weights > kMaxModelWeights)
        throw InputError(name + ": the model would hold " + std::to_string(b.weights) + " weights, more than the limit of " +
                         std::to_string(kMaxModelWeights) + " (512 MiB; check the layers' \"out\" sizes and their number)");
    if (b.activations > kMaxModelActivations)
        throw InputError(name + ": the layers would produce " + std::to_string(b.activations) +
                         " values per image, more than the limit of " + std::to_string(kMaxModelActivations) +
                         " (64 MiB per image; check the channel counts and the image size)");
}

// Runs a stack; with a condition, every convolution also sees it as constant maps, one channel
// per condition value, at that layer's size.
torch::Tensor runStack(torch::nn::Sequential& seq, torch::Tensor x, const torch::Tensor& cond)
{
    if (!cond.defined())
        return seq->forward(x);
    for (auto& layer : *seq)
        x = takesConditionMaps(*layer.ptr()) ? convWithConditionMaps(*layer.ptr(), x, cond) : layer.forward(x);
    return x;
}

} // namespace

AutoencoderImpl::AutoencoderImpl(const ModelConfig& config, int conditionDim)
    : m_config(config), m_conditionDim(config.kind == ModelKind::ConditionalVae ? conditionDim : 0)
{
    if (config.kind == ModelKind::ConditionalVae && conditionDim <= 0)
        throw InputError("a conditional VAE needs a condition (class labels or attributes) from its dataset");
    const std::vector<int64_t> inputShape(config.input.begin(), config.input.end());
    const int64_t mapChannels = conditionMaps() ? m_conditionDim : 0;
    { // a dry pass first: nothing is allocated for a model that would not fit
        Budget budget;
        std::vector<int64_t> s = inputShape, d = {int64_t(config.latent) + m_conditionDim};
        buildStack(nullptr, config.encoder, s, config, "encoder", mapChannels, budget);
        buildStack(nullptr, config.decoder, d, config, "decoder", mapChannels, budget);
        checkBudget(budget, "the model");
    }
    std::vector<int64_t> shape = inputShape;
    Budget budget;
    torch::nn::Sequential enc, dec;
    buildStack(&enc, config.encoder, shape, config, "encoder", mapChannels, budget);
    encoder = register_module("encoder", enc);
    if (shape.size() != 1)
        throw InputError("encoder ends with shape " + shapeText(shape) + ": end it with a flatten layer");
    if (variational()) {
        const int64_t features = shape[0] + m_conditionDim;
        muHead = register_module("mu", torch::nn::Linear(features, config.latent));
        logvarHead = register_module("logvar", torch::nn::Linear(features, config.latent));
    } else if (shape[0] != config.latent) {
        throw InputError("the autoencoder's encoder produces " + std::to_string(shape[0]) + " values but the latent size is " +
                         std::to_string(config.latent) +
                         (config.fixedLatent ? " (this architecture fixes the latent size)" : ""));
    }
    std::vector<int64_t> decShape = {int64_t(config.latent) + m_conditionDim};
    buildStack(&dec, config.decoder, decShape, config, "decoder", mapChannels, budget);
    decoder = register_module("decoder", dec);
    if (decShape != inputShape)
        throw InputError("the decoder produces " + shapeText(decShape) + " but the data is " + shapeText(inputShape) +
                         ": this architecture does not fit that image size");
}

std::pair<torch::Tensor, torch::Tensor> AutoencoderImpl::encode(const torch::Tensor& x, const torch::Tensor& cond)
{
    torch::Tensor h = runStack(encoder, x, conditionMaps() ? cond : torch::Tensor());
    if (!variational())
        return {h, torch::Tensor()};
    if (m_conditionDim > 0)
        h = torch::cat({h, cond}, 1);
    return {muHead->forward(h), logvarHead->forward(h)};
}

torch::Tensor AutoencoderImpl::decodeRaw(const torch::Tensor& z, const torch::Tensor& cond)
{
    if (m_conditionDim > 0)
        return runStack(decoder, torch::cat({z, cond}, 1), conditionMaps() ? cond : torch::Tensor());
    return decoder->forward(z);
}

torch::Tensor AutoencoderImpl::activate(const torch::Tensor& raw) const
{
    switch (m_config.output) {
    case OutputActivation::Sigmoid:
        return torch::sigmoid(raw);
    case OutputActivation::Tanh:
        return torch::tanh(raw);
    case OutputActivation::None:
        break;
    }
    return raw;
}

torch::Tensor AutoencoderImpl::decodeToUnit(const torch::Tensor& z, const torch::Tensor& cond)
{
    return toUnitRange(activate(decodeRaw(z, cond)), m_config.inputRange).clamp(0.0, 1.0);
}

AutoencoderImpl::Output AutoencoderImpl::forward(const torch::Tensor& x, const torch::Tensor& cond, bool sampleZ,
                                                 const torch::Tensor& noise)
{
    auto [mu, logvar] = encode(x, cond);
    torch::Tensor z = mu;
    if (variational() && sampleZ)
        z = mu + (noise.defined() ? noise : torch::randn_like(mu)) * torch::exp(0.5 * logvar);
    return {decodeRaw(z, cond), mu, logvar};
}

std::vector<std::string> AutoencoderImpl::signature() const
{
    std::vector<std::string> out;
    auto add = [&](const std::string& name, const torch::Tensor& t) {
        std::string s = name + ":";
        for (auto d : t.sizes())
            s += std::to_string(d) + ",";
        out.push_back(s);
    };
    for (const auto& p : named_parameters())
        add(p.key(), p.value());
    for (const auto& b : named_buffers())
        add(b.key(), b.value());
    return out;
}

torch::Tensor toModelRange(const torch::Tensor& unit, InputRange range)
{
    return range == InputRange::Symmetric ? unit * 2.0 - 1.0 : unit;
}

torch::Tensor toUnitRange(const torch::Tensor& x, InputRange range)
{
    return range == InputRange::Symmetric ? (x + 1.0) * 0.5 : x;
}

} // namespace latentlab
