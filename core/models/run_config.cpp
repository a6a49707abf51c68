// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/run_config.h"

#include "core/error.h"
#include "core/json_fields_impl.h"
#include "core/models/run_params.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

namespace latentlab {

using nlohmann::json;

namespace {

template <typename Enum>
struct EnumNames {
    std::vector<std::pair<Enum, const char*>> names;
    Enum parse(const std::string& text, const std::string& where) const
    {
        std::string allowed;
        for (const auto& [value, name] : names) {
            if (text == name)
                return value;
            allowed += (allowed.empty() ? "" : ", ") + std::string(name);
        }
        throw InputError(where + ": unknown value \"" + text + "\", expected one of: " + allowed);
    }
    const char* name(Enum value) const
    {
        for (const auto& [v, n] : names)
            if (v == value)
                return n;
        return "?";
    }
};

const EnumNames<ModelKind> kKinds {{{ModelKind::Autoencoder, "ae"}, {ModelKind::Vae, "vae"}, {ModelKind::ConditionalVae, "cvae"}}};
const EnumNames<ReconLoss> kRecon {{{ReconLoss::Bce, "bce"}, {ReconLoss::Mse, "mse"}}};
const EnumNames<Reduction> kReduction {{{Reduction::Sum, "sum"}, {Reduction::Mean, "mean"}}};
const EnumNames<OptimizerType> kOptim {
    {{OptimizerType::Adam, "adam"}, {OptimizerType::AdamW, "adamw"}, {OptimizerType::Sgd, "sgd"}, {OptimizerType::Nadam, "nadam"}}};
const EnumNames<InputRange> kRange {{{InputRange::Unit, "unit"}, {InputRange::Symmetric, "symmetric"}}};
const EnumNames<OutputActivation> kOutput {
    {{OutputActivation::Sigmoid, "sigmoid"}, {OutputActivation::Tanh, "tanh"}, {OutputActivation::None, "none"}}};
const EnumNames<ConditionSource> kCondition {
    {{ConditionSource::Auto, "auto"}, {ConditionSource::Labels, "labels"}, {ConditionSource::Attributes, "attributes"}}};

const std::set<std::string> kLayerTypes = {"linear", "conv2d", "conv_transpose2d", "maxpool2d", "relu", "leaky_relu",
                                           "tanh", "sigmoid", "dropout", "flatten", "unflatten", "batchnorm"};

LayerSpec parseLayer(const json& j, const std::string& where)
{
    const JsonFields r(j, where, {"type", "out", "kernel", "stride", "padding", "output_padding", "p", "slope", "shape"});
    LayerSpec l;
    r.text("type", l.type);
    if (!kLayerTypes.count(l.type))
        throw InputError(where + ".type: unknown layer type \"" + l.type + "\"");
    // Each type's own keys: "out" on a flatten layer, say, is a mistake to name, not to ignore.
    static const std::map<std::string, std::set<std::string>> kKeys = {
        {"linear", {"out"}},
        {"conv2d", {"out", "kernel", "stride", "padding"}},
        {"conv_transpose2d", {"out", "kernel", "stride", "padding", "output_padding"}},
        {"maxpool2d", {"kernel", "stride", "padding"}},
        {"leaky_relu", {"slope"}},
        {"dropout", {"p"}},
        {"unflatten", {"shape"}}};
    const auto own = kKeys.find(l.type);
    for (const auto& [key, value] : j.items())
        if (key != "type" && (own == kKeys.end() || !own->second.count(key)))
            throw InputError(where + "." + key + ": a \"" + l.type + "\" layer takes no \"" + key + "\"" +
                             (own == kKeys.end() ? std::string(" (it takes no settings)") : ""));
    if (r.has("out")) {
        const json& o = r.at("out");
        if (o.is_string() && o.get<std::string>() == "latent")
            l.outIsLatent = true;
        else if (o.is_string() && o.get<std::string>() == "input")
            l.outIsInput = true;
        else
            r.integer("out", l.out);
    }
    r.integer("kernel", l.kernel);
    r.integer("stride", l.stride);
    r.integer("padding", l.padding);
    r.integer("output_padding", l.outputPadding);
    r.number("p", l.p);
    r.number("slope", l.slope);
    if (r.has("shape")) {
        if (r.at("shape").is_string() && r.at("shape").get<std::string>() == "input")
            l.shapeIsInput = true;
        else
            r.integers("shape", l.shape);
    }
    const bool sized = l.type == "linear" || l.type == "conv2d" || l.type == "conv_transpose2d";
    if (sized && l.out <= 0 && !l.outIsLatent && !l.outIsInput)
        throw InputError(where + ": layer \"" + l.type + "\" needs a positive \"out\"");
    if ((l.type == "conv2d" || l.type == "conv_transpose2d" || l.type == "maxpool2d") && l.kernel <= 0)
        throw InputError(where + ": layer \"" + l.type + "\" needs a positive \"kernel\"");
    if (l.stride <= 0 || l.padding < 0 || l.outputPadding < 0)
        throw InputError(where + ": stride must be positive and padding non-negative");
    if (l.type == "dropout" && !(l.p >= 0.0 && l.p < 1.0))
        throw InputError(where + ".p: dropout probability must be in [0, 1)");
    if (l.type == "unflatten" && l.shape.empty() && !l.shapeIsInput)
        throw InputError(where + ": unflatten needs a \"shape\"");
    return l;
}

std::vector<LayerSpec> parseLayers(const json& j, const std::string& where)
{
    if (!j.is_array())
        throw InputError(where + ": expected an array of layers");
    std::vector<LayerSpec> out;
    for (size_t i = 0; i < j.size(); ++i)
        out.push_back(parseLayer(j[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

json layerToJson(const LayerSpec& l)
{
    json j = {{"type", l.type}};
    if (l.outIsLatent)
        j["out"] = "latent";
    else if (l.outIsInput)
        j["out"] = "input";
    else if (l.out > 0)
        j["out"] = l.out;
    if (l.kernel > 0) {
        j["kernel"] = l.kernel;
        j["stride"] = l.stride;
        j["padding"] = l.padding;
        if (l.outputPadding)
            j["output_padding"] = l.outputPadding;
    }
    if (l.type == "dropout")
        j["p"] = l.p;
    if (l.type == "leaky_relu")
        j["slope"] = l.slope;
    if (l.type == "unflatten") {
        if (l.shapeIsInput)
            j["shape"] = "input";
        else
            j["shape"] = l.shape;
    }
    return j;
}

// The "model" object: kind, latent, input, ranges, condition and both layer lists.
void parseModelSection(const JsonFields& top, ModelConfig& model)
{
    const JsonFields m(top.at("model"), top.path("model"),
                       {"kind", "latent", "fixed_latent", "input", "input_range", "output", "condition", "condition_maps", "encoder",
                        "decoder"});
    m.choice("kind", kKinds, model.kind);
    m.integer("latent", model.latent);
    m.flag("fixed_latent", model.fixedLatent);
    m.integers("input", model.input);
    m.choice("input_range", kRange, model.inputRange);
    m.choice("output", kOutput, model.output);
    m.choice("condition", kCondition, model.condition);
    m.flag("condition_maps", model.conditionMaps);
    if (!m.has("encoder") || !m.has("decoder"))
        throw InputError(top.path("model") + ": needs \"encoder\" and \"decoder\" layer lists");
    model.encoder = parseLayers(m.at("encoder"), m.path("encoder"));
    model.decoder = parseLayers(m.at("decoder"), m.path("decoder"));
}

} // namespace

RunConfig parseRunConfig(const std::string& text, const std::string& source)
{
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError(source + ": invalid JSON at byte " + std::to_string(e.byte));
    } catch (const json::exception& e) { // e.g. a number too large for a double (1e400)
        throw InputError(source + ": invalid JSON: " + e.what());
    }
    RunConfig c;
    const JsonFields top(doc, source, {"name", "description", "dataset", "model", "loss", "optimizer", "training"});
    top.text("name", c.name);
    top.text("description", c.description);
    top.text("dataset", c.dataset);
    if (!top.has("model"))
        throw InputError(source + ": missing \"model\"");
    parseModelSection(top, c.model);
    if (top.has("loss")) {
        const JsonFields l(top.at("loss"), top.path("loss"), {"reconstruction", "reduction", "beta", "kl_warmup_epochs"});
        l.choice("reconstruction", kRecon, c.loss.reconstruction);
        l.choice("reduction", kReduction, c.loss.reduction);
        l.number("beta", c.loss.beta);
        l.integer("kl_warmup_epochs", c.loss.klWarmupEpochs);
    }
    if (top.has("optimizer")) {
        const JsonFields o(top.at("optimizer"), top.path("optimizer"),
                 {"type", "lr", "beta1", "beta2", "eps", "weight_decay", "momentum", "momentum_decay"});
        o.choice("type", kOptim, c.optimizer.type);
        o.number("lr", c.optimizer.lr);
        o.number("beta1", c.optimizer.beta1);
        o.number("beta2", c.optimizer.beta2);
        o.number("eps", c.optimizer.eps);
        o.number("weight_decay", c.optimizer.weightDecay);
        o.number("momentum", c.optimizer.momentum);
        o.number("momentum_decay", c.optimizer.momentumDecay);
    }
    if (top.has("training")) {
        const JsonFields t(top.at("training"), top.path("training"),
                 {"batch_size", "epochs", "seed", "test_fraction", "device", "threads", "progress_every_batches"});
        t.integer("batch_size", c.training.batchSize);
        t.integer("epochs", c.training.epochs);
        t.unsignedInteger("seed", c.training.seed);
        t.number("test_fraction", c.training.testFraction);
        t.text("device", c.training.device);
        t.integer("threads", c.training.threads);
        t.integer("progress_every_batches", c.training.progressEveryBatches);
    }
    validateRunConfig(c);
    return c;
}

std::string runConfigToJson(const RunConfig& c)
{
    json enc = json::array(), dec = json::array();
    for (const auto& l : c.model.encoder)
        enc.push_back(layerToJson(l));
    for (const auto& l : c.model.decoder)
        dec.push_back(layerToJson(l));
    json j = {
        {"name", c.name},
        {"description", c.description},
        {"dataset", c.dataset},
        {"model",
         {{"kind", kKinds.name(c.model.kind)},
          {"latent", c.model.latent},
          {"fixed_latent", c.model.fixedLatent},
          {"input", c.model.input},
          {"input_range", kRange.name(c.model.inputRange)},
          {"output", kOutput.name(c.model.output)},
          {"condition", kCondition.name(c.model.condition)},
          {"condition_maps", c.model.conditionMaps},
          {"encoder", enc},
          {"decoder", dec}}},
        {"loss",
         {{"reconstruction", kRecon.name(c.loss.reconstruction)},
          {"reduction", kReduction.name(c.loss.reduction)},
          {"beta", c.loss.beta},
          {"kl_warmup_epochs", c.loss.klWarmupEpochs}}},
        {"optimizer",
         {{"type", kOptim.name(c.optimizer.type)},
          {"lr", c.optimizer.lr},
          {"beta1", c.optimizer.beta1},
          {"beta2", c.optimizer.beta2},
          {"eps", c.optimizer.eps},
          {"weight_decay", c.optimizer.weightDecay},
          {"momentum", c.optimizer.momentum},
          {"momentum_decay", c.optimizer.momentumDecay}}},
        {"training",
         {{"batch_size", c.training.batchSize},
          {"epochs", c.training.epochs},
          {"seed", c.training.seed},
          {"test_fraction", c.training.testFraction},
          {"device", c.training.device},
          {"threads", c.training.threads},
          {"progress_every_batches", c.training.progressEveryBatches}}},
    };
    return dumpJson(j, 2);
}

void validateRunConfig(const RunConfig& c)
{
    const std::string who = c.name.empty() ? std::string("config") : c.name;
    // The user-settable numbers: one table holds their ranges (run_params.h).
    for (const RunParam& p : runParams())
        p.check(p.get(c), who);
    if (c.model.input.size() != 3 || c.model.input[0] < 1 || c.model.input[1] < 1 || c.model.input[2] < 1)
        throw InputError(who + ": input shape must be [channels, height, width] with positive sizes");
    if (!(c.optimizer.beta1 >= 0 && c.optimizer.beta1 < 1 && c.optimizer.beta2 >= 0 && c.optimizer.beta2 < 1))
        throw InputError(who + ": optimizer betas must be in [0, 1)");
    if (!(c.optimizer.eps > 0) || c.optimizer.weightDecay < 0 || c.optimizer.momentum < 0)
        throw InputError(who + ": eps must be positive, weight decay and momentum non-negative");
    if (!(c.training.testFraction > 0.0 && c.training.testFraction < 1.0))
        throw InputError(who + ": test fraction must be in (0, 1)");
    if (c.training.device != "auto" && c.training.device != "cpu" && c.training.device != "cuda")
        throw InputError(who + ": device \"" + c.training.device + "\" is not one of auto, cpu, cuda");
    if (c.training.progressEveryBatches < 1)
        throw InputError(who + ": progress interval must be at least 1 batch");
    if (c.loss.reconstruction == ReconLoss::Bce &&
        (c.model.output == OutputActivation::Tanh || c.model.inputRange == InputRange::Symmetric))
        throw InputError(who + ": BCE needs a sigmoid output and inputs in [0, 1]; use MSE with tanh / symmetric inputs");
    if (c.model.encoder.empty() || c.model.decoder.empty())
        throw InputError(who + ": encoder and decoder need at least one layer");
}

std::string toString(ModelKind kind) { return kKinds.name(kind); }
std::string toString(OptimizerType type) { return kOptim.name(type); }
std::string toString(ReconLoss loss) { return kRecon.name(loss); }

} // namespace latentlab
