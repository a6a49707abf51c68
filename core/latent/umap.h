// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// UMAP (McInnes, Healy and Melville 2018, "UMAP: Uniform Manifold Approximation and Projection for
// Dimension Reduction"): a 2-D (or 3-D) map of latent codes that keeps each point's neighbourhood, like
// t-SNE, and more of the global layout. The k nearest neighbours (core/latent/neighbours), the
// fuzzy simplicial set from smooth-kNN distances, a PCA start, the a/b curve fitted to min_dist
// and spread, and the SGD with negative sampling are ours. Plain C++ (no torch, no Qt).
//
// Deterministic for a seed, whatever the thread count: each epoch moves every point against the
// layout of the epoch before (not "hogwild" as umap-learn), with random numbers drawn per point and
// epoch.
#include <cstdint>
#include <functional>
#include <vector>

namespace latentlab {

struct UmapOptions {
    int neighbours = 15;        // the size of the local neighbourhood (umap-learn's n_neighbors)
    int dims = 2;               // the map's dimensions: 2 or 3
    double minDist = 0.1;       // how tightly points may pack in the map
    double spread = 1.0;        // the scale of the map's clusters
    int epochs = 0;             // 0: umapDefaultEpochs(points)
    double learningRate = 1.0;
    int negativeSamples = 5;    // repulsive samples per attractive one
    uint64_t seed = 1;
    int threads = 0;            // 0: every core
    int reportEvery = 25;       // epochs between progress calls
};

/// Called every reportEvery epochs with the epochs done and the embedding so far (n x dims,
/// interleaved x, y[, z]). Return false to stop.
using UmapProgress = std::function<bool(int epoch, const std::vector<float>& embedding)>;

struct UmapResult {
    std::vector<float> embedding; // n x dims
    int epochs = 0;               // done
    bool stopped = false;         // progress returned false
};

/// Embeds n = codes.size() / dim points. Throws InputError when there are fewer than 4 points, a
/// value is not finite, or an option is out of range (neighbours from 2 to n - 1 after clamping to
/// n - 1; min_dist from 0 to below spread; dims 2 or 3).
UmapResult runUmap(const std::vector<float>& codes, int dim, const UmapOptions& options = {},
                   const UmapProgress& progress = {});

/// The epochs UMAP runs by default: 500 below 10,000 points, else 200 (umap-learn's choice).
int umapDefaultEpochs(int64_t points);

/// The a and b of the map's low-dimensional similarity 1 / (1 + a d^(2b)), fitted by least squares to
/// 1 below min_dist and exp(-(d - min_dist) / spread) above it (umap-learn's find_ab_params).
std::pair<double, double> umapCurve(double minDist, double spread);

} // namespace latentlab
