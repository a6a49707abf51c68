#include "core/session/session_file.h"

#include "core/data/file_io.h"
#include "core/error.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace latentlab {

using nlohmann::json;

namespace {

const std::set<std::string> kPanels = {"reconstructions", "loss", "kl", "scatter", "explore"};

struct Fields {
    const json& j;
    std::string where;

    bool has(const char* key) const { return j.contains(key) && !j.at(key).is_null(); }
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const
    {
        throw InputError(where + ": \"" + key + "\" " + problem);
    }
    std::string text(const char* key, const std::string& fallback = "") const
    {
        if (!has(key))
            return fallback;
        if (!j.at(key).is_string())
            fail(key, "must be a string");
        return j.at(key).get<std::string>();
    }
    bool flag(const char* key, bool fallback) const
    {
        if (!has(key))
            return fallback;
        if (!j.at(key).is_boolean())
            fail(key, "must be true or false");
        return j.at(key).get<bool>();
    }
    double number(const char* key, double fallback, double min, double max) const
    {
        if (!has(key))
            return fallback;
        if (!j.at(key).is_number())
            fail(key, "must be a number");
        const double v = j.at(key).get<double>();
        if (!std::isfinite(v) || v < min || v > max)
            fail(key, "is " + std::to_string(v) + ", expected " + std::to_string(min) + " to " + std::to_string(max));
        return v;
    }
    std::vector<float> vector(const char* key) const
    {
        std::vector<float> out;
        if (!has(key))
            return out;
        if (!j.at(key).is_array() || j.at(key).size() > 4096)
            fail(key, "must be a list of at most 4096 numbers");
        for (const auto& v : j.at(key)) {
            if (!v.is_number() || !std::isfinite(v.get<double>()) || std::fabs(v.get<double>()) > 1e6)
                fail(key, "must hold finite numbers (found " + v.dump() + ")");
            out.push_back(v.get<float>());
        }
        return out;
    }
};

RunConfig sessionConfig(const json& j, const std::string& source)
{
    const Fields f {j, source};
    RunConfig config;
    if (f.has("config")) {
        config = parseRunConfig(j.at("config").dump(), source + ": config");
    } else if (f.has("preset")) {
        try {
            config = loadPreset(f.text("preset"));
        } catch (const InputError& e) {
            throw InputError(source + ": \"preset\": " + e.what());
        }
    } else {
        throw InputError(source + ": needs \"config\" or \"preset\" (what to train)");
    }
    if (f.has("overrides")) {
        if (!j.at("overrides").is_object())
            f.fail("overrides", "must be an object");
        const Fields o {j.at("overrides"), source + ": overrides"};
        for (const auto& item : j.at("overrides").items())
            if (item.key() != "dataset" && !findRunParam(item.key()))
                o.fail(item.key(), "is not a setting a session can override");
        config.dataset = o.text("dataset", config.dataset);
        for (const RunParam& p : runParams()) {
            if (!o.has(p.key))
                continue;
            if (!o.j.at(p.key).is_number())
                o.fail(p.key, "must be a number");
            setRunParam(config, p.key, o.j.at(p.key).get<double>(), o.where);
        }
    }
    try {
        validateRunConfig(config);
    } catch (const InputError& e) {
        throw InputError(source + ": " + e.what());
    }
    return config;
}

} // namespace

SessionFile parseSession(const std::string& text, const std::string& source)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError(source + ": not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object())
        throw InputError(source + ": expected a JSON object");
    const Fields f {j, source};
    if (f.text("format") != "latentlab-session")
        throw InputError(source + ": not a LatentLab session (\"format\" must be \"latentlab-session\")");
    SessionFile s;
    s.version = int(f.number("version", 1, 1, 1e9));
    if (s.version > 1)
        throw InputError(source + ": session version " + std::to_string(s.version) + " is newer than this LatentLab (1)");
    s.title = f.text("title");
    s.description = f.text("description");
    s.config = sessionConfig(j, source);
    s.checkpoint = f.text("checkpoint");
    s.autostart = f.flag("autostart", false);
    s.view = f.text("view", "train");
    if (s.view != "train" && s.view != "explore")
        f.fail("view", "must be \"train\" or \"explore\"");
    s.presentation = f.flag("presentation", false);
    s.logScale = f.flag("log_scale", false);
    if (f.has("captions")) {
        if (!j.at("captions").is_object())
            f.fail("captions", "must be an object of panel names to text");
        const Fields c {j.at("captions"), source + ": captions"};
        for (const auto& item : j.at("captions").items()) {
            if (!kPanels.count(item.key()))
                c.fail(item.key(), "is not a panel");
            s.captions[item.key()] = c.text(item.key().c_str());
        }
    }
    if (f.has("explore")) {
        if (!j.at("explore").is_object())
            f.fail("explore", "must be an object");
        const Fields e {j.at("explore"), source + ": explore"};
        s.hasExplore = true;
        s.explore.point = e.vector("point");
        s.explore.condition = e.vector("condition");
        s.explore.attribute = e.text("attribute");
        s.explore.amount = int(e.number("amount", 0, -1000, 1000));
        s.explore.interpolationA = e.vector("interpolation_a");
        s.explore.interpolationB = e.vector("interpolation_b");
        s.explore.spherical = e.flag("spherical", true);
        s.explore.scatterDimX = int(e.number("scatter_dim_x", 0, 0, 256));
        s.explore.scatterDimY = int(e.number("scatter_dim_y", 0, 0, 256));
        s.explore.tab = e.text("tab");
        s.explore.sourceTestImage = int64_t(e.number("source_test_image", -1, -1, 1e9));
        s.explore.sourceFile = e.text("source_file");
        const size_t latent = size_t(s.config.model.latent);
        for (const auto* v : {&s.explore.point, &s.explore.interpolationA, &s.explore.interpolationB})
            if (!v->empty() && v->size() != latent)
                throw InputError(source + ": explore: a latent point has " + std::to_string(v->size()) +
                                 " values but the model's latent has " + std::to_string(latent));
    }
    return s;
}

SessionFile readSession(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open session file");
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > (16u << 20))
        throw InputError(path + ": session file is larger than 16 MiB");
    return parseSession(text.str(), path);
}

std::string sessionToJson(const SessionFile& s)
{
    json j = {{"format", "latentlab-session"},
              {"version", 1},
              {"title", s.title},
              {"description", s.description},
              {"preset", s.config.name},
              {"config", json::parse(runConfigToJson(s.config))},
              {"autostart", s.autostart},
              {"view", s.view},
              {"presentation", s.presentation},
              {"log_scale", s.logScale}};
    if (!s.checkpoint.empty())
        j["checkpoint"] = s.checkpoint;
    if (!s.captions.empty())
        j["captions"] = s.captions;
    if (s.hasExplore) {
        const ExploreSettings& e = s.explore;
        j["explore"] = {{"point", e.point},
                        {"condition", e.condition},
                        {"attribute", e.attribute},
                        {"amount", e.amount},
                        {"interpolation_a", e.interpolationA},
                        {"interpolation_b", e.interpolationB},
                        {"spherical", e.spherical},
                        {"scatter_dim_x", e.scatterDimX},
                        {"scatter_dim_y", e.scatterDimY},
                        {"tab", e.tab},
                        {"source_test_image", e.sourceTestImage},
                        {"source_file", e.sourceFile}};
    }
    // Floats widen exactly to double and print with 17 digits: they read back to the same bits.
    return j.dump(2) + "\n";
}

void writeSession(const std::string& path, const SessionFile& session)
{
    const std::string text = sessionToJson(session);
    writeFileAtomic(path, text.data(), text.size());
}

std::string sessionCheckpointPath(const std::string& sessionPath, const SessionFile& session)
{
    if (session.checkpoint.empty() || session.checkpoint[0] == '/')
        return session.checkpoint;
    const size_t slash = sessionPath.find_last_of('/');
    return slash == std::string::npos ? session.checkpoint : sessionPath.substr(0, slash + 1) + session.checkpoint;
}

} // namespace latentlab
