// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// latentlab-cli evaluate: a checkpoint's held-out likelihood, its disentanglement against a
// dataset's ground-truth factors, and how well its edits control attributes.
#include "core/models/model.h"

#include <string>
#include <vector>

namespace latentlab::cli {

int cmdEvaluate(const std::vector<std::string>& argv);
/// The attributes a condition switches on ("Black_Hair, Young"; "none"), for the lines that say
/// what the unnamed conditions were.
std::string conditionText(const ModelInfo& info, const std::vector<float>& condition);

} // namespace latentlab::cli
