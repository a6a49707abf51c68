#include "core/training/checkpoint_impl.h"
#include "core/training/checkpoint.h"

#include "core/data/tensor_convert_impl.h"
#include "core/error.h"
#include "core/training/optimizer_impl.h"

#include <nlohmann/json.hpp>

namespace latentlab {

using nlohmann::json;

namespace {

json statsToJson(const EpochStats& s)
{
    return {{"epoch", s.epoch},           {"train_loss", s.trainLoss}, {"train_recon", s.trainRecon},
            {"train_kl", s.trainKl},      {"test_loss", s.testLoss},   {"test_recon", s.testRecon},
            {"test_kl", s.testKl},        {"seconds", s.seconds},      {"beta", s.beta},
            {"learning_rate", s.learningRate}, {"kl_per_dim", s.klPerDim}};
}

EpochStats statsFromJson(const json& j)
{
    EpochStats s;
    s.epoch = j.at("epoch").get<int>();
    s.trainLoss = j.at("train_loss").get<double>();
    s.trainRecon = j.at("train_recon").get<double>();
    s.trainKl = j.at("train_kl").get<double>();
    s.testLoss = j.at("test_loss").get<double>();
    s.testRecon = j.at("test_recon").get<double>();
    s.testKl = j.at("test_kl").get<double>();
    s.seconds = j.at("seconds").get<double>();
    s.beta = j.at("beta").get<double>();
    s.learningRate = j.at("learning_rate").get<double>();
    s.klPerDim = j.at("kl_per_dim").get<std::vector<double>>();
    return s;
}

// The description part of a checkpoint (its meta JSON): config, names, epoch, seed, history.
void parseMeta(const std::string& metaJson, CheckpointContents& c)
{
    const std::string& path = c.path;
    try {
        json meta = json::parse(metaJson);
        const int format = meta.at("format").get<int>();
        if (format > kCheckpointFormat)
            throw InputError(path + ": checkpoint format " + std::to_string(format) +
                             " is newer than this build reads (" + std::to_string(kCheckpointFormat) + "); update LatentLab");
        c.info.config = parseRunConfig(meta.at("config").dump(), path + " (config)");
        c.info.conditionDim = meta.at("condition_dim").get<int>();
        c.info.conditionNames = meta.at("condition_names").get<std::vector<std::string>>();
        c.info.conditionFromLabels = meta.at("condition_from_labels").get<bool>();
        c.info.classNames = meta.at("class_names").get<std::vector<std::string>>();
        c.info.attributeNames = meta.at("attribute_names").get<std::vector<std::string>>();
        c.info.datasetSpec = meta.at("dataset").get<std::string>();
        c.info.epoch = meta.at("epoch").get<int>();
        c.seed = meta.at("seed").get<uint64_t>();
        c.optimizerStep = meta.at("optimizer_step").get<int64_t>();
        c.muProduct = meta.at("optimizer_mu_product").get<double>();
        c.signature = meta.at("signature").get<std::vector<std::string>>();
        for (const auto& h : meta.at("history"))
            c.history.push_back(statsFromJson(h));
    } catch (const json::exception& e) {
        throw InputError(path + ": checkpoint description is incomplete: " + e.what());
    }
    if (c.info.conditionDim < 0 || size_t(c.info.conditionDim) != c.info.conditionNames.size())
        throw InputError(path + ": condition size and names disagree");
    c.info.history = c.history;
}

} // namespace

void writeCheckpoint(const std::string& path, const ModelState& model, const Optimizer* optimizer, uint64_t seed,
                     const std::vector<EpochStats>& history)
{
    const ModelInfo& mi = model.info;
    json hist = json::array();
    for (const auto& s : history)
        hist.push_back(statsToJson(s));
    json meta = {
        {"format", kCheckpointFormat},
        {"config", json::parse(runConfigToJson(mi.config))},
        {"condition_dim", mi.conditionDim},
        {"condition_names", mi.conditionNames},
        {"condition_from_labels", mi.conditionFromLabels},
        {"class_names", mi.classNames},
        {"attribute_names", mi.attributeNames},
        {"dataset", mi.datasetSpec},
        {"epoch", mi.epoch},
        {"seed", seed},
        {"optimizer_step", optimizer ? optimizer->stepCount() : 0},
        {"optimizer_mu_product", optimizer ? optimizer->muProduct() : 1.0},
        {"has_optimizer", optimizer != nullptr},
        {"signature", model.module->signature()},
        {"history", hist},
    };
    TensorFile f;
    f.kind = "checkpoint";
    f.metaJson = meta.dump();
    for (const auto& p : model.module->named_parameters())
        f.arrays.push_back(tensorToArray("model." + p.key(), p.value().detach()));
    for (const auto& b : model.module->named_buffers())
        f.arrays.push_back(tensorToArray("model." + b.key(), b.value()));
    if (optimizer)
        for (const auto& [name, t] : optimizer->stateTensors())
            f.arrays.push_back(tensorToArray("optim." + name, t));
    writeTensorFile(path, f);
}

CheckpointContents readCheckpoint(const std::string& path)
{
    CheckpointContents c;
    c.path = path;
    c.file = readTensorFile(path, "checkpoint");
    parseMeta(c.file.metaJson, c);
    return c;
}

void loadModelWeights(ModelState& model, const CheckpointContents& c)
{
    const auto expected = model.module->signature();
    if (expected != c.signature) {
        std::string detail;
        for (size_t i = 0; i < std::max(expected.size(), c.signature.size()); ++i) {
            const std::string a = i < c.signature.size() ? c.signature[i] : "(none)";
            const std::string b = i < expected.size() ? expected[i] : "(none)";
            if (a != b) {
                detail = "file has " + a + ", model has " + b;
                break;
            }
        }
        throw InputError(c.path + ": checkpoint is from another architecture (" + detail + ")");
    }
    torch::NoGradGuard noGrad;
    auto copyInto = [&](const std::string& key, torch::Tensor dst) {
        const NamedArray* a = c.file.find("model." + key);
        if (!a)
            throw InputError(c.path + ": weights for \"" + key + "\" are missing");
        torch::Tensor src = arrayToTensor(*a);
        if (src.sizes() != dst.sizes())
            throw InputError(c.path + ": weights for \"" + key + "\" do not fit the architecture described in the file");
        dst.copy_(src.to(dst.options()));
    };
    for (const auto& p : model.module->named_parameters())
        copyInto(p.key(), p.value());
    for (const auto& b : model.module->named_buffers())
        copyInto(b.key(), b.value());
    model.info.epoch = c.info.epoch;
}

ModelInfo readCheckpointInfo(const std::string& path)
{
    CheckpointContents c;
    c.path = path;
    parseMeta(readTensorFileMeta(path, "checkpoint"), c);
    return c.info;
}

std::map<std::string, torch::Tensor> optimizerTensors(const CheckpointContents& c)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto& a : c.file.arrays)
        if (a.name.rfind("optim.", 0) == 0)
            out[a.name.substr(6)] = arrayToTensor(a);
    return out;
}

} // namespace latentlab
