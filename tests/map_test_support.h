// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Codes whose map is known (Gaussian clusters far apart) and a map's purity, for the t-SNE and UMAP tests.
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace latentlab::testing {

// n points in `clusters` Gaussian clusters (sd 1) around centres 10 apart in 20-d; labels beside.
inline std::vector<float> clustered(int n, int clusters, std::vector<int>& labels, uint64_t seed = 5)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise;
    std::vector<float> centres(size_t(clusters) * 20);
    for (float& c : centres)
        c = 10.0f * noise(rng);
    std::vector<float> codes;
    labels.clear();
    for (int i = 0; i < n; ++i) {
        labels.push_back(i % clusters);
        for (int d = 0; d < 20; ++d)
            codes.push_back(centres[size_t(labels.back()) * 20 + size_t(d)] + noise(rng));
    }
    return codes;
}

// The share of points whose nearest neighbour in the map (rows of `dims`) has their label.
inline double neighbourPurity(const std::vector<float>& y, const std::vector<int>& labels, int dims = 2)
{
    auto distance2 = [&](size_t i, size_t j) {
        double d = 0;
        for (int a = 0; a < dims; ++a)
            d += std::pow(double(y[dims * i + a]) - y[dims * j + a], 2);
        return d;
    };
    int same = 0;
    const size_t n = labels.size();
    for (size_t i = 0; i < n; ++i) {
        double best = 1e300;
        size_t nearest = i;
        for (size_t j = 0; j < n; ++j)
            if (const double d = distance2(i, j); j != i && d < best) {
                best = d;
                nearest = j;
            }
        same += labels[nearest] == labels[i];
    }
    return double(same) / double(n);
}

/// Mean map distance between points of the same label and of different labels, over the first
/// `count` points: islands have a between far above their within.
struct LabelDistances {
    double within = 0, between = 0;
};
inline LabelDistances labelDistances(const std::vector<float>& y, const std::vector<int>& labels, size_t count, int dims = 2)
{
    double within = 0, between = 0;
    int nw = 0, nb = 0;
    for (size_t i = 0; i < count; ++i)
        for (size_t j = i + 1; j < count; ++j) {
            double d2 = 0;
            for (int a = 0; a < dims; ++a)
                d2 += std::pow(double(y[dims * i + a]) - y[dims * j + a], 2);
            const double d = std::sqrt(d2);
            (labels[i] == labels[j] ? within : between) += d;
            ++(labels[i] == labels[j] ? nw : nb);
        }
    return {within / nw, between / nb};
}

} // namespace latentlab::testing
