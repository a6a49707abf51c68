// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/neighbours.h"

#include <nanoflann.hpp>

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

} // namespace latentlab
