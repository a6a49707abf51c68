// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/presets.h"

#include "core/data/file_io.h"
#include "core/error.h"

namespace latentlab {

const std::vector<std::pair<std::string, std::string>>& embeddedPresets(); // generated

std::vector<RunConfig> allPresets()
{
    std::vector<RunConfig> out;
    for (const auto& [file, text] : embeddedPresets())
        out.push_back(parseRunConfig(text, "resources/presets/" + file));
    return out;
}

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    for (const auto& p : allPresets())
        names.push_back(p.name);
    return names;
}

RunConfig loadPreset(const std::string& nameOrPath)
{
    if (nameOrPath.size() > 5 && nameOrPath.compare(nameOrPath.size() - 5, 5, ".json") == 0) {
        auto bytes = readFileBytes(nameOrPath);
        return parseRunConfig(std::string(bytes.begin(), bytes.end()), nameOrPath);
    }
    std::string known;
    for (const auto& p : allPresets()) {
        if (p.name == nameOrPath)
            return p;
        known += (known.empty() ? "" : ", ") + p.name;
    }
    throw InputError("unknown preset \"" + nameOrPath + "\"; known presets: " + known);
}

} // namespace latentlab
