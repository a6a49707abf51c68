// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the Explore view's panels need to draw: a plain value built by ExploreView on demand.
#include "core/latent/latent_math.h"
#include "core/latent/pca.h"
#include "core/models/model.h"

#include <vector>

namespace latentlab::ui {

/// Decode channels, in priority order (lower first): the image under the sliders comes first.
enum DecodeChannel : int {
    kChannelCurrent = 0,
    kChannelEncode,
    kChannelInterpolation,
    kChannelSamples,
    kChannelTraversal,
    kChannelManifold,
    kChannelNeighbours,   // encoding the training images once per model
    kChannelHover,        // the reconstruction of the test image under the mouse on the scatter
    kChannelCompare = 10, // + 2 * column (+1 for its scatter codes)
};

/// An image a view asks the exploration to decode: `codes` (rows of latent values) laid out as a
/// grid of `columns`, in `condition` (empty: the model's default), with `model` (empty: the model
/// explored; Compare decodes with its own). It comes back as Exploration::imageDecoded on `channel`,
/// and a newer request on the same channel replaces one not yet started.
struct DecodeRequest {
    int channel = kChannelCurrent;
    std::vector<float> codes;
    int columns = 1;
    std::vector<float> condition;
    Model model;
};

struct ExploreState {
    Model model;                     // the snapshot being explored
    LatentCodes codes;               // test-set codes (scatter, statistics, attribute vectors)
    LatentBasis basis;               // slider axes
    std::vector<float> point;        // the current code, attribute vector included
    std::vector<float> condition;    // condition values (empty for unconditional models)
    Projection2D projection;         // the scatter's axes
    double xMin = -3, xMax = 3, yMin = -3, yMax = 3; // the scatter's visible region
    bool ready() const { return !model.empty() && !point.empty(); }
};

} // namespace latentlab::ui
