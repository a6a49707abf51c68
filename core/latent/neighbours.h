// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The k nearest neighbours of every code (exact, from nanoflann's k-d tree), shared by the maps
// (t-SNE, UMAP), the thread split they use, and how well a map keeps neighbours. Plain C++;
// deterministic.
#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace latentlab {

/// Row i holds point i's k nearest other points, nearest first, with their squared distances.
struct NeighbourGraph {
    int k = 0;
    std::vector<uint32_t> index;   // n x k
    std::vector<float> distance2;  // n x k
};

/// The k nearest neighbours of each of the n = codes.size() / dim points, itself left out (a
/// duplicate of it is a neighbour at distance 0). k must be below n.
NeighbourGraph nearestNeighbours(const std::vector<float>& codes, int dim, int k, int threads);

/// Runs f(begin, end) over [0, n) split among `threads` threads (the last range on this thread).
template <typename F>
void parallelFor(int64_t n, int threads, const F& f)
{
    const int64_t parts = std::clamp<int64_t>(threads, 1, std::max<int64_t>(1, n / 64));
    std::vector<std::thread> pool;
    for (int64_t p = 0; p + 1 < parts; ++p)
        pool.emplace_back([&, p] { f(n * p / parts, n * (p + 1) / parts); });
    f(n * (parts - 1) / parts, n);
    for (auto& t : pool)
        t.join();
}

/// Trustworthiness T(k) (Venna and Kaski 2001) of an embedding: 1 when every point's k nearest
/// neighbours in `low` are among its k nearest in `high`, lower the more intruders rank far away.
/// Over the first maxPoints points (the cost grows with their square).
double trustworthiness(const std::vector<float>& high, int highDim, const std::vector<float>& low, int lowDim, int k,
                       int maxPoints = 2000);

} // namespace latentlab
