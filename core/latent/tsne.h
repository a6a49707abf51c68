// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Barnes-Hut t-SNE (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms"): a 2-D
// or 3-D map of latent codes that keeps neighbours together, for the latent scatter. Exact k nearest
// neighbours from nanoflann's k-d tree; the affinities, the quadtree/octree and the optimiser are ours.
// Plain C++ (no torch, no Qt); deterministic for a seed and a thread count.
#include "core/latent/neighbours.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace latentlab {

struct TsneOptions {
    double perplexity = 30;
    int iterations = 750;             // in all, the early-exaggeration phase included
    int exaggerationIterations = 250;
    double exaggeration = 12;
    double theta = 0.5;               // Barnes-Hut accuracy: a cell is one body when its width < theta * distance
    double earlyTheta = 1.0;          // ... during early exaggeration, when the layout is still coarse
    uint64_t seed = 1;
    int threads = 0;                  // 0: every core
    int reportEvery = 25;             // iterations between progress calls
    int dims = 2;                     // the map's dimensions: 2 (a quadtree) or 3 (an octree)
};

/// Called every reportEvery iterations with the iteration done and the embedding so far (n x dims,
/// interleaved x, y[, z]). Return false to stop.
using TsneProgress = std::function<bool(int iteration, const std::vector<float>& embedding)>;

struct TsneResult {
    std::vector<float> embedding; // n x dims
    int iterations = 0;           // done
    bool stopped = false;         // progress returned false
    double kl = 0;                // KL(P || Q) of the map before the last iteration: lower is a better fit
};

/// Embeds n = codes.size() / dim points. Throws InputError when there are fewer than 4 points, a
/// value is not finite, the perplexity is not below n - 1, or dims is not 2 or 3.
TsneResult runTsne(const std::vector<float>& codes, int dim, const TsneOptions& options = {},
                   const TsneProgress& progress = {});

} // namespace latentlab
