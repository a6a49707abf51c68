// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/checkpoint_impl.h"
#include "core/training/checkpoint.h"

#include "core/data/tensor_convert_impl.h"
#include "core/error.h"
#include "core/json_fields_impl.h"
#include "core/models/model_info_json_impl.h"
#include "core/training/optimizer_impl.h"

#include <nlohmann/json.hpp>

namespace latentlab {

using nlohmann::json;

namespace {

// The description part of a checkpoint (its meta JSON): the model's description plus the
// training state (seed, optimizer step) and the architecture signature.
void parseMeta(const std::string& metaJson, CheckpointContents& c)
{
    const std::string& path = c.path;
    try {
        json meta = json::parse(metaJson);
        const int format = meta.at("format").get<int>();
        if (format > kCheckpointFormat)
            throw InputError(path + ": checkpoint format " + std::to_string(format) +
                             " is newer than this build reads (" + std::to_string(kCheckpointFormat) + "); update LatentLab");
        c.info = modelInfoFromJson(meta, path);
        c.seed = meta.at("seed").get<uint64_t>();
        c.optimizerStep = meta.at("optimizer_step").get<int64_t>();
        c.muProduct = meta.at("optimizer_mu_product").get<double>();
        c.signature = meta.at("signature").get<std::vector<std::string>>();
    } catch (const json::exception& e) {
        throw InputError(path + ": checkpoint description is incomplete: " + e.what());
    }
    c.history = c.info.history;
}

} // namespace

void writeCheckpoint(const std::string& path, const ModelState& model, const Optimizer* optimizer, uint64_t seed,
                     const std::vector<EpochStats>& history)
{
    ModelInfo mi = model.info;
    mi.history = history;
    json meta = {
        {"format", kCheckpointFormat},
        {"seed", seed},
        {"optimizer_step", optimizer ? optimizer->stepCount() : 0},
        {"optimizer_mu_product", optimizer ? optimizer->muProduct() : 1.0},
        {"has_optimizer", optimizer != nullptr},
        {"signature", model.module->signature()},
    };
    modelInfoToJson(mi, meta);
    TensorFile f;
    f.kind = "checkpoint";
    f.metaJson = dumpJson(meta);
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

// Model::load lives here, with the format it reads: models/ knows nothing of checkpoints.
Model Model::load(const std::string& path)
{
    CheckpointContents ck = readCheckpoint(path);
    auto st = std::make_shared<ModelState>();
    st->info = ck.info;
    try {
        st->module = Autoencoder(st->info.config.model, st->info.conditionDim);
    } catch (const InputError& e) {
        throw InputError(path + ": its architecture cannot be built: " + e.what());
    }
    loadModelWeights(*st, ck);
    return Model(st);
}

} // namespace latentlab
