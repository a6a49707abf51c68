// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/model_info_json_impl.h"

#include "core/error.h"

#include <cmath>
#include <limits>

namespace latentlab {

using nlohmann::json;

namespace {

json numberToJson(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    return v;
}

double numberFromJson(const json& j, const std::string& where)
{
    if (j.is_number())
        return j.get<double>();
    if (j.is_null()) // written by builds before non-finite numbers were spelled out
        return std::numeric_limits<double>::quiet_NaN();
    if (j.is_string()) {
        const std::string s = j.get<std::string>();
        if (s == "nan")
            return std::numeric_limits<double>::quiet_NaN();
        if (s == "inf" || s == "-inf")
            return s == "inf" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    throw InputError(where + ": expected a number, found " + j.dump());
}

} // namespace

json statsToJson(const EpochStats& s)
{
    json perDim = json::array();
    for (double v : s.klPerDim)
        perDim.push_back(numberToJson(v));
    return {{"epoch", s.epoch},
            {"train_loss", numberToJson(s.trainLoss)},
            {"train_recon", numberToJson(s.trainRecon)},
            {"train_kl", numberToJson(s.trainKl)},
            {"test_loss", numberToJson(s.testLoss)},
            {"test_recon", numberToJson(s.testRecon)},
            {"test_kl", numberToJson(s.testKl)},
            {"seconds", numberToJson(s.seconds)},
            {"beta", numberToJson(s.beta)},
            {"learning_rate", numberToJson(s.learningRate)},
            {"kl_per_dim", perDim}};
}

EpochStats statsFromJson(const json& j, const std::string& where)
{
    EpochStats s;
    try {
        s.epoch = j.at("epoch").get<int>();
        const std::pair<const char*, double*> fields[] = {
            {"train_loss", &s.trainLoss}, {"train_recon", &s.trainRecon}, {"train_kl", &s.trainKl},
            {"test_loss", &s.testLoss},   {"test_recon", &s.testRecon},   {"test_kl", &s.testKl},
            {"seconds", &s.seconds},      {"beta", &s.beta},              {"learning_rate", &s.learningRate}};
        for (const auto& [key, out] : fields)
            *out = numberFromJson(j.at(key), where + " " + key);
        for (const auto& v : j.at("kl_per_dim"))
            s.klPerDim.push_back(numberFromJson(v, where + " kl_per_dim"));
    } catch (const json::exception& e) {
        throw InputError(where + ": " + e.what());
    }
    return s;
}

void modelInfoToJson(const ModelInfo& mi, json& out)
{
    json hist = json::array();
    for (const auto& s : mi.history)
        hist.push_back(statsToJson(s));
    out["config"] = json::parse(runConfigToJson(mi.config));
    out["condition_dim"] = mi.conditionDim;
    out["condition_names"] = mi.conditionNames;
    out["condition_from_labels"] = mi.conditionFromLabels;
    if (!mi.referenceCondition.empty())
        out["reference_condition"] = mi.referenceCondition;
    out["class_names"] = mi.classNames;
    out["attribute_names"] = mi.attributeNames;
    out["dataset"] = mi.datasetSpec;
    out["epoch"] = mi.epoch;
    out["history"] = hist;
}

ModelInfo modelInfoFromJson(const json& j, const std::string& where)
{
    ModelInfo mi;
    try {
        mi.config = parseRunConfig(j.at("config").dump(), where + " (config)");
        mi.conditionDim = j.at("condition_dim").get<int>();
        mi.conditionNames = j.at("condition_names").get<std::vector<std::string>>();
        mi.conditionFromLabels = j.at("condition_from_labels").get<bool>();
        if (j.contains("reference_condition")) // absent in checkpoints written before it existed
            mi.referenceCondition = j.at("reference_condition").get<std::vector<float>>();
        mi.classNames = j.at("class_names").get<std::vector<std::string>>();
        mi.attributeNames = j.at("attribute_names").get<std::vector<std::string>>();
        mi.datasetSpec = j.at("dataset").get<std::string>();
        mi.epoch = j.at("epoch").get<int>();
        const json& history = j.at("history");
        for (size_t i = 0; i < history.size(); ++i)
            mi.history.push_back(statsFromJson(history.at(i), where + ": history entry " + std::to_string(i + 1)));
    } catch (const json::exception& e) {
        throw InputError(where + ": checkpoint description is incomplete: " + e.what());
    }
    if (mi.conditionDim < 0 || size_t(mi.conditionDim) != mi.conditionNames.size())
        throw InputError(where + ": condition size and names disagree");
    if (!mi.referenceCondition.empty() && mi.referenceCondition.size() != size_t(mi.conditionDim))
        throw InputError(where + ": reference_condition has " + std::to_string(mi.referenceCondition.size()) +
                         " values, expected " + std::to_string(mi.conditionDim));
    for (float v : mi.referenceCondition)
        if (!std::isfinite(v))
            throw InputError(where + ": reference_condition values must be finite numbers");
    return mi;
}

} // namespace latentlab
