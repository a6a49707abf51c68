// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (exposes nlohmann::json): a ModelInfo and its epoch history as JSON, the description a
// checkpoint carries. Non-finite statistics (a diverged epoch) are written as the strings "nan",
// "inf" and "-inf", so a file with them still reads back; JSON itself has no such numbers.
#include "core/models/model.h"

#include <nlohmann/json.hpp>

namespace latentlab {

nlohmann::json statsToJson(const EpochStats& stats);
/// Throws InputError naming `where` when a field is missing or of the wrong type.
EpochStats statsFromJson(const nlohmann::json& j, const std::string& where);

/// The model's description: config, condition, names, dataset, epoch and history.
void modelInfoToJson(const ModelInfo& info, nlohmann::json& out);
/// The inverse; throws InputError naming `where` when the description is incomplete.
ModelInfo modelInfoFromJson(const nlohmann::json& j, const std::string& where);

} // namespace latentlab
