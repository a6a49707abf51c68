// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/weights_export.h"

#include "core/data/file_io.h"
#include "core/error.h"
#include "core/json_fields_impl.h"
#include "core/models/model_impl.h"

#include <nlohmann/json.hpp>

namespace latentlab {

std::string weightsDescriptionPath(const std::string& weightsPath)
{
    const size_t slash = weightsPath.find_last_of('/');
    const size_t dot = weightsPath.find_last_of('.');
    const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
    return (hasExtension ? weightsPath.substr(0, dot) : weightsPath) + ".json";
}

WeightsExport exportWeights(const Model& model, const std::string& weightsPath)
{
    if (model.empty())
        throw Error(weightsPath + ": no model to export");
    const ModelState& st = model.state();
    WeightsExport result;
    result.weightsPath = weightsPath;
    result.descriptionPath = weightsDescriptionPath(weightsPath);
    if (result.descriptionPath == weightsPath)
        throw InputError(weightsPath + ": the weights file must not end in .json (its description goes there)");

    // Module names are already PyTorch's: "encoder.0.weight", "mu.bias", "decoder.5.running_mean"...
    // because the C++ module registers the same submodules in the same order as the Python one.
    c10::Dict<std::string, at::Tensor> dict;
    nlohmann::json tensors = nlohmann::json::array();
    auto add = [&](const std::string& name, const torch::Tensor& t) {
        torch::Tensor cpu = t.detach().to(torch::kCPU).contiguous().clone();
        dict.insert(name, cpu);
        result.tensorNames.push_back(name);
        tensors.push_back({{"name", name}, {"shape", cpu.sizes().vec()}, {"dtype", std::string(c10::toString(cpu.scalar_type()))}});
    };
    for (const auto& p : st.module->named_parameters())
        add(p.key(), p.value());
    for (const auto& b : st.module->named_buffers())
        add(b.key(), b.value());

    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    writeFileAtomic(weightsPath, bytes.data(), bytes.size());

    const ModelInfo& info = st.info;
    nlohmann::json d = {
        {"format", "latentlab-weights"},
        {"version", 1},
        {"weights", weightsPath.substr(weightsPath.find_last_of('/') == std::string::npos ? 0 : weightsPath.find_last_of('/') + 1)},
        {"config", nlohmann::json::parse(runConfigToJson(info.config))},
        {"condition_dim", info.conditionDim},
        {"condition_names", info.conditionNames},
        {"condition_from_labels", info.conditionFromLabels},
        {"class_names", info.classNames},
        {"attribute_names", info.attributeNames},
        {"dataset", info.datasetSpec},
        {"epoch", info.epoch},
        {"tensors", tensors},
    };
    const std::string text = dumpJson(d, 2) + "\n";
    writeFileAtomic(result.descriptionPath, text.data(), text.size());
    return result;
}

} // namespace latentlab
