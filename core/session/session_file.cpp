// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/session_file.h"

#include "core/data/file_io.h"
#include "core/error.h"
#include "core/json_fields_impl.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

namespace latentlab {

using nlohmann::json;

namespace {

const std::set<std::string> kPanels = {"reconstructions", "loss", "kl", "scatter", "explore", "metrics"};

constexpr size_t kMaxVector = 4096; // values in a session's latent point or condition
constexpr double kMaxValue = 1e6;   // magnitude of any of them
constexpr size_t kMaxSelection = 10'000'000; // codes in a scatter selection

RunConfig sessionConfig(const json& j, const std::string& source)
{
    const JsonFields f(j, source);
    RunConfig config;
    if (f.has("config")) {
        config = parseRunConfig(j.at("config").dump(), source + ": config");
    } else if (f.has("preset")) {
        try {
            std::string preset;
            f.text("preset", preset);
            config = loadPreset(preset);
        } catch (const InputError& e) {
            throw InputError(source + ": \"preset\": " + e.what());
        }
    } else {
        throw InputError(source + ": needs \"config\" or \"preset\" (what to train)");
    }
    if (f.has("overrides")) {
        if (!j.at("overrides").is_object())
            f.fail("overrides", "must be an object");
        const JsonFields o(j.at("overrides"), source + ": overrides");
        for (const auto& item : j.at("overrides").items())
            if (item.key() != "dataset" && !findRunParam(item.key()))
                o.fail(item.key(), "is not a setting a session can override");
        o.text("dataset", config.dataset);
        for (const RunParam& p : runParams()) {
            if (!o.has(p.key))
                continue;
            double value = 0;
            o.number(p.key, value);
            setRunParam(config, p.key, value, o.where());
        }
    }
    try {
        validateRunConfig(config);
    } catch (const InputError& e) {
        throw InputError(source + ": " + e.what());
    }
    return config;
}

// The "captions" object: panel names to the text shown over them in presentation mode.
std::map<std::string, std::string> sessionCaptions(const JsonFields& f)
{
    std::map<std::string, std::string> captions;
    if (!f.at("captions").is_object())
        f.fail("captions", "must be an object of panel names to text");
    const JsonFields c(f.at("captions"), f.where() + ": captions");
    for (const auto& item : f.at("captions").items()) {
        if (!kPanels.count(item.key()))
            c.fail(item.key(), "is not a panel");
        c.text(item.key(), captions[item.key()]);
    }
    return captions;
}

// "translations": {"zh_CN": {"title": ..., "description": ..., "captions": {...}}, ...}
std::map<std::string, SessionTexts> sessionTranslations(const JsonFields& f)
{
    std::map<std::string, SessionTexts> out;
    if (!f.at("translations").is_object())
        f.fail("translations", "must be an object of language codes (\"zh_CN\") to texts");
    for (const auto& item : f.at("translations").items()) {
        const std::string& code = item.key();
        const bool codeOk = code.size() >= 2 && code.size() <= 8 &&
                            code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
        if (!codeOk)
            f.fail("translations", "\"" + code + "\" is not a language code like \"zh_CN\"");
        const JsonFields t(item.value(), f.path("translations") + "." + code, {"title", "description", "captions"});
        SessionTexts texts;
        t.text("title", texts.title);
        t.text("description", texts.description);
        if (t.has("captions"))
            texts.captions = sessionCaptions(t);
        out[code] = std::move(texts);
    }
    return out;
}

// The explore object's "bookmarks": a list of named points.
std::vector<Bookmark> bookmarks(const JsonFields& e)
{
    std::vector<Bookmark> out;
    if (!e.has("bookmarks"))
        return out;
    if (!e.at("bookmarks").is_array() || e.at("bookmarks").size() > 10000)
        e.fail("bookmarks", "must be a list of at most 10000 bookmarks");
    for (size_t i = 0; i < e.at("bookmarks").size(); ++i) {
        const JsonFields b(e.at("bookmarks").at(i), e.path("bookmarks") + "[" + std::to_string(i) + "]",
                           {"name", "point", "condition", "attribute", "amount"});
        Bookmark k;
        b.text("name", k.name);
        b.floats("point", k.point, kMaxVector, kMaxValue);
        b.floats("condition", k.condition, kMaxVector, kMaxValue);
        b.text("attribute", k.attribute);
        b.integer("amount", k.amount, -1000, 1000);
        if (k.point.empty())
            b.fail("point", "is missing");
        out.push_back(std::move(k));
    }
    return out;
}

// The "explore" object; its latent points must have the model's `latent` size.
ExploreSettings exploreSettings(const JsonFields& f, size_t latent)
{
    if (!f.at("explore").is_object())
        f.fail("explore", "must be an object");
    const JsonFields e(f.at("explore"), f.where() + ": explore");
    ExploreSettings x;
    e.floats("point", x.point, kMaxVector, kMaxValue);
    e.floats("condition", x.condition, kMaxVector, kMaxValue);
    e.text("attribute", x.attribute);
    e.integer("amount", x.amount, -1000, 1000);
    e.floats("interpolation_a", x.interpolationA, kMaxVector, kMaxValue);
    e.floats("interpolation_b", x.interpolationB, kMaxVector, kMaxValue);
    e.floats("interpolation_a_condition", x.interpolationConditionA, kMaxVector, kMaxValue);
    e.floats("interpolation_b_condition", x.interpolationConditionB, kMaxVector, kMaxValue);
    e.flag("spherical", x.spherical);
    e.integer("scatter_dim_x", x.scatterDimX, 0, 256);
    e.integer("scatter_dim_y", x.scatterDimY, 0, 256);
    bool tsne = false; // before scatter_map: sessions saved by 0.2
    e.flag("scatter_tsne", tsne);
    x.scatterMap = tsne ? "tsne" : "";
    e.text("scatter_map", x.scatterMap);
    if (x.scatterMap != "" && x.scatterMap != "tsne" && x.scatterMap != "umap")
        e.fail("scatter_map", "must be \"tsne\", \"umap\" or \"\" (on a plane), not \"" + x.scatterMap + "\"");
    e.number("map_perplexity", x.mapPerplexity, 2, 100);
    e.integer("map_neighbours", x.mapNeighbours, 2, 200);
    e.number("map_min_dist", x.mapMinDist, 0, 0.99);
    e.flag("scatter_thumbnails", x.scatterThumbnails);
    e.floats("scatter_view", x.scatterView, 4, kMaxValue);
    if (!x.scatterView.empty() &&
        (x.scatterView.size() != 4 || !(x.scatterView[0] < x.scatterView[1]) || !(x.scatterView[2] < x.scatterView[3])))
        e.fail("scatter_view", "must be [x0, x1, y0, y1] with x0 < x1 and y0 < y1");
    e.text("scatter_search", x.scatterSearch);
    e.flag("scatter_isolate", x.scatterIsolate);
    for (const auto& [key, list] : {std::pair {"scatter_selection", &x.scatterSelection}, {"attribute_selection", &x.attributeSelection}}) {
        e.integers(key, *list);
        if (std::any_of(list->begin(), list->end(), [](int i) { return i < 0; }) || list->size() > kMaxSelection)
            e.fail(key, "must list at most " + std::to_string(kMaxSelection) + " code indices (0 or more)");
    }
    e.flag("scatter_3d", x.scatter3d);
    e.floats("scatter_3d_camera", x.scatter3dCamera, 3, 100000);
    if (!x.scatter3dCamera.empty() && (x.scatter3dCamera.size() != 3 || !(x.scatter3dCamera[2] > 0)))
        e.fail("scatter_3d_camera", "must be [rotation, elevation, zoom] with a zoom above 0");
    std::string codes = "test";
    e.text("scatter_codes", codes);
    if (codes != "test" && codes != "all")
        e.fail("scatter_codes", "must be \"test\" or \"all\", not \"" + codes + "\"");
    x.scatterAllCodes = codes == "all";
    e.text("tab", x.tab);
    e.integer("source_test_image", x.sourceTestImage, -1, 1000000000);
    e.text("source_file", x.sourceFile);
    x.bookmarks = bookmarks(e);
    std::vector<const std::vector<float>*> points = {&x.point, &x.interpolationA, &x.interpolationB};
    for (const Bookmark& b : x.bookmarks)
        points.push_back(&b.point);
    for (const auto* v : points)
        if (!v->empty() && v->size() != latent)
            throw InputError(f.where() + ": explore: a latent point has " + std::to_string(v->size()) +
                             " values but the model's latent has " + std::to_string(latent));
    return x;
}

} // namespace

SessionFile parseSession(const std::string& text, const std::string& source)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) { // a syntax error, or a number beyond a double (1e400)
        throw InputError(source + ": not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object())
        throw InputError(source + ": expected a JSON object");
    const JsonFields f(j, source);
    std::string format;
    f.text("format", format);
    if (format != "latentlab-session")
        throw InputError(source + ": not a LatentLab session (\"format\" must be \"latentlab-session\")");
    SessionFile s;
    f.integer("version", s.version, 1, 1000000000);
    if (s.version > 1)
        throw InputError(source + ": session version " + std::to_string(s.version) + " is newer than this LatentLab (1)");
    f.text("title", s.title);
    f.text("description", s.description);
    s.config = sessionConfig(j, source);
    f.text("checkpoint", s.checkpoint);
    f.flag("autostart", s.autostart);
    f.text("view", s.view);
    if (s.view != "train" && s.view != "explore")
        f.fail("view", "must be \"train\" or \"explore\"");
    f.flag("presentation", s.presentation);
    f.flag("log_scale", s.logScale);
    if (f.has("captions"))
        s.captions = sessionCaptions(f);
    if (f.has("translations"))
        s.translations = sessionTranslations(f);
    if (f.has("explore")) {
        s.hasExplore = true;
        s.explore = exploreSettings(f, size_t(s.config.model.latent));
    }
    return s;
}

SessionFile localizedSession(SessionFile s, const std::string& language)
{
    const auto it = s.translations.find(language);
    if (it == s.translations.end())
        return s;
    const SessionTexts& t = it->second;
    if (!t.title.empty())
        s.title = t.title;
    if (!t.description.empty())
        s.description = t.description;
    for (const auto& [panel, text] : t.captions)
        if (!text.empty())
            s.captions[panel] = text;
    return s;
}

SessionFile readSession(const std::string& path)
{
    const std::vector<uint8_t> bytes = readFileBytes(path, 16u << 20); // sized before it is read
    return parseSession(std::string(bytes.begin(), bytes.end()), path);
}

namespace {

// The explore block of a session.
json exploreToJson(const ExploreSettings& e)
{
    json j = {{"point", e.point},
              {"condition", e.condition},
              {"attribute", e.attribute},
              {"attribute_selection", e.attributeSelection},
              {"amount", e.amount},
              {"interpolation_a", e.interpolationA},
              {"interpolation_b", e.interpolationB},
              {"interpolation_a_condition", e.interpolationConditionA},
              {"interpolation_b_condition", e.interpolationConditionB},
              {"spherical", e.spherical},
              {"scatter_dim_x", e.scatterDimX},
              {"scatter_dim_y", e.scatterDimY},
              {"scatter_tsne", e.scatterMap == "tsne"},
              {"scatter_map", e.scatterMap},
              {"map_perplexity", e.mapPerplexity},
              {"map_neighbours", e.mapNeighbours},
              {"map_min_dist", e.mapMinDist},
              {"scatter_thumbnails", e.scatterThumbnails},
              {"scatter_view", e.scatterView},
              {"scatter_search", e.scatterSearch},
              {"scatter_isolate", e.scatterIsolate},
              {"scatter_selection", e.scatterSelection},
              {"scatter_3d", e.scatter3d},
              {"scatter_3d_camera", e.scatter3dCamera},
              {"scatter_codes", e.scatterAllCodes ? "all" : "test"},
              {"tab", e.tab},
              {"source_test_image", e.sourceTestImage},
              {"source_file", e.sourceFile}};
    if (!e.bookmarks.empty()) {
        json marks = json::array();
        for (const Bookmark& b : e.bookmarks)
            marks.push_back({{"name", b.name}, {"point", b.point}, {"condition", b.condition}, {"attribute", b.attribute},
                             {"amount", b.amount}});
        j["bookmarks"] = marks;
    }
    return j;
}

} // namespace

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
    for (const auto& [code, texts] : s.translations) {
        json& t = j["translations"][code];
        if (!texts.title.empty())
            t["title"] = texts.title;
        if (!texts.description.empty())
            t["description"] = texts.description;
        if (!texts.captions.empty())
            t["captions"] = texts.captions;
    }
    if (s.hasExplore)
        j["explore"] = exploreToJson(s.explore);
    // Floats widen exactly to double and print with 17 digits: they read back to the same bits.
    return dumpJson(j, 2) + "\n";
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
