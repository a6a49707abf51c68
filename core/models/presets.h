// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bundled presets (resources/presets/*.json, embedded at build time).
#include "core/models/run_config.h"

#include <string>
#include <vector>

namespace latentlab {

/// Names of the bundled presets, sorted.
std::vector<std::string> presetNames();

/// All bundled presets, parsed.
std::vector<RunConfig> allPresets();

/// The preset called `name`, or the JSON config file at that path when it ends in ".json".
/// Throws InputError listing the known names when there is none.
RunConfig loadPreset(const std::string& nameOrPath);

} // namespace latentlab
