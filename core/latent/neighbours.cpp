// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/neighbours.h"

#include "core/error.h"

#include <nanoflann.hpp>

#include <cmath>
#include <utility>

namespace latentlab {

namespace {

// nanoflann's view of the codes.
struct Cloud {
    const std::vector<float>& values;
    int dim;
    size_t kdtree_get_point_count() const { return values.size() / size_t(dim); }
    float kdtree_get_pt(size_t i, size_t d) const { return values[i * size_t(dim) + d]; }
    template <class Box>
    bool kdtree_get_bbox(Box&) const { return false; }
};
using KdTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<float, Cloud>, Cloud, -1, uint32_t>;

} // namespace

NeighbourGraph nearestNeighbours(const std::vector<float>& codes, int dim, int k, int threads)
{
    const int64_t n = int64_t(codes.size()) / dim;
    const Cloud cloud {codes, dim};
    const KdTree tree(dim, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(12));
    NeighbourGraph g;
    g.k = k;
    g.index.resize(size_t(n) * size_t(k));
    g.distance2.resize(size_t(n) * size_t(k));
    parallelFor(n, threads, [&](int64_t begin, int64_t end) {
        std::vector<uint32_t> idx(size_t(k) + 1);
        std::vector<float> d2(size_t(k) + 1);
        for (int64_t i = begin; i < end; ++i) {
            const size_t found = tree.knnSearch(&codes[size_t(i) * size_t(dim)], size_t(k) + 1, idx.data(), d2.data());
            size_t m = 0; // i itself is not its own neighbour (a duplicate of i may come first)
            for (size_t j = 0; j < found && m < size_t(k); ++j)
                if (idx[j] != uint32_t(i)) {
                    g.index[size_t(i) * size_t(k) + m] = idx[j];
                    g.distance2[size_t(i) * size_t(k) + m++] = d2[j];
                }
        }
    });
    return g;
}

double trustworthiness(const std::vector<float>& high, int highDim, const std::vector<float>& low, int lowDim, int k,
                       int maxPoints)
{
    const int64_t n = std::min<int64_t>({int64_t(high.size()) / highDim, int64_t(low.size()) / lowDim, maxPoints});
    if (n <= 3 * k + 1)
        throw InputError("trustworthiness: needs more than 3k + 1 points");
    const auto distances = [n](const std::vector<float>& v, int dim, int64_t i) {
        std::vector<std::pair<double, int64_t>> d(static_cast<size_t>(n));
        for (int64_t j = 0; j < n; ++j) {
            double s = 0;
            for (int c = 0; c < dim; ++c) {
                const double t = double(v[size_t(i * dim + c)]) - v[size_t(j * dim + c)];
                s += t * t;
            }
            d[size_t(j)] = {j == i ? -1.0 : s, j};
        }
        std::sort(d.begin(), d.end());
        return d;
    };
    double penalty = 0;
    for (int64_t i = 0; i < n; ++i) {
        const auto h = distances(high, highDim, i), l = distances(low, lowDim, i);
        std::vector<int64_t> rank(static_cast<size_t>(n));
        for (int64_t r = 0; r < n; ++r)
            rank[size_t(h[size_t(r)].second)] = r; // 0 = i itself
        for (int m = 1; m <= k; ++m)
            penalty += std::max<int64_t>(0, rank[size_t(l[size_t(m)].second)] - k);
    }
    return 1.0 - 2.0 / (double(n) * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
}

} // namespace latentlab
