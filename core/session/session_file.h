// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Lesson sessions: a JSON file holding what to train (dataset, preset, hyper-parameters, seed),
// which checkpoint to open, the Explore view's state and which panels are visible, plus a title and
// per-panel captions for teaching. Opening one restores the view exactly. Plain C++; no Qt.
#include "core/models/run_config.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace latentlab {

/// A named place in the latent space: the point, condition and attribute edit that decode to it.
struct Bookmark {
    std::string name;
    std::vector<float> point;          // before the attribute vector
    std::vector<float> condition;
    std::string attribute;             // "" = none
    int amount = 0;                    // hundredths of the attribute vector
};

struct ExploreSettings {
    std::vector<float> point;          // the current latent point (before the attribute vector)
    std::vector<float> condition;      // condition slider values (conditional models)
    std::string attribute;             // the chosen attribute vector ("" = none; "selection": toward...
    std::vector<int> attributeSelection; // ...these codes, indices into the test codes)
    int amount = 0;                    // its amount slider position (hundredths of the vector)
    std::vector<float> interpolationA, interpolationB;
    std::vector<float> interpolationConditionA, interpolationConditionB; // each end's condition ("" = the current)
    bool spherical = true;
    int scatterDimX = 0, scatterDimY = 0; // 1-based chosen dimensions; 0 = principal directions
    std::string scatterMap;            // the scatter laid out by "tsne" or "umap" ("" = on a plane)
    double mapPerplexity = 30;         // t-SNE's perplexity
    int mapNeighbours = 15;            // UMAP's neighbours...
    double mapMinDist = 0.1;           // ...and min-dist
    bool scatterThumbnails = false;    // images at points when zoomed in
    std::vector<float> scatterView;    // a zoomed scatter's x0, x1, y0, y1 (empty: the whole cloud)
    std::string scatterSearch;         // the scatter's search ("7", "Smiling & not Male"; "" = none)
    bool scatterIsolate = false;       // only the highlighted codes drawn
    std::vector<int> scatterSelection; // the selected codes (indices into the scatter's codes)
    bool scatter3d = false;            // the Explore scatter in three dimensions
    std::vector<float> scatter3dCamera; // its rotation about the vertical, elevation and zoom (%); empty: the default
    bool scatterAllCodes = false;      // the scatter shows the training codes too ("all"), not only the test codes
    std::string tab;                   // the visible grid tab ("Samples", "Traversal", ...)
    int64_t sourceTestImage = -1;      // the source image: a test image's index, or...
    std::string sourceFile;            // ...an image file ("" = none)
    std::vector<Bookmark> bookmarks;
};

/// A session's texts in one language (a lesson's translation): empty ones fall back to the source's.
struct SessionTexts {
    std::string title, description;
    std::map<std::string, std::string> captions;
};

struct SessionFile {
    int version = 1;
    std::string title, description;
    RunConfig config;                  // dataset, preset, hyper-parameters and seed
    std::string checkpoint;            // as written (may be relative to the session file)
    bool autostart = false;            // start training on open (lessons without a checkpoint)
    std::string view = "train";        // "train" or "explore"
    bool presentation = false;
    bool logScale = false;
    bool hasExplore = false;
    ExploreSettings explore;
    std::map<std::string, std::string> captions; // panel ("reconstructions", "loss", "kl", "scatter", "explore", "metrics") -> text
    std::map<std::string, SessionTexts> translations; // "translations": language ("zh_CN") -> its texts
};

/// The session with its texts in `language` ("zh_CN") where it has them, the source's elsewhere.
SessionFile localizedSession(SessionFile session, const std::string& language);

/// Reads and checks a session file. "config" (a full run config) or "preset" plus optional
/// "overrides" (dataset, epochs, latent, beta, lr, batch, seed) say what to train. Throws InputError
/// naming the file and the field for anything missing, mistyped or out of range (NaN included).
SessionFile readSession(const std::string& path);
/// Parses session JSON text; `source` names it in errors.
SessionFile parseSession(const std::string& text, const std::string& source);
/// Writes a session atomically (always with the full config).
void writeSession(const std::string& path, const SessionFile& session);
std::string sessionToJson(const SessionFile& session);
/// The session's checkpoint path resolved against the session file's folder ("" when none).
std::string sessionCheckpointPath(const std::string& sessionPath, const SessionFile& session);

} // namespace latentlab
