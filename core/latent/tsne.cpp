// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/tsne.h"

#include "core/error.h"

#include "core/latent/neighbours.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <thread>

namespace latentlab {

namespace {

// The symmetric input affinities P as sparse rows (CSR), summing to 1.
struct Affinities {
    std::vector<int64_t> rowStart; // n + 1
    std::vector<uint32_t> column;
    std::vector<float> value;
};

// p_{j|i} over i's k nearest neighbours, with the Gaussian's precision found by bisection so that
// the entropy is log(perplexity).
void conditionalRow(const float* dist2, int k, double perplexity, float* out)
{
    const double target = std::log(perplexity);
    double beta = 1, lo = 0, hi = std::numeric_limits<double>::infinity();
    const double nearest = dist2[0]; // subtracted for stability: the row is normalised anyway
    for (int step = 0; step < 200; ++step) {
        double sum = 0, weighted = 0;
        for (int j = 0; j < k; ++j) {
            const double p = std::exp(-beta * (dist2[j] - nearest));
            out[j] = float(p);
            sum += p;
            weighted += (dist2[j] - nearest) * p;
        }
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (int j = 0; j < k; ++j)
            out[j] = float(out[j] / sum);
        if (std::abs(entropy - target) < 1e-5)
            break;
        if (entropy > target) {
            lo = beta;
            beta = std::isinf(hi) ? beta * 2 : (beta + hi) / 2;
        } else {
            hi = beta;
            beta = (beta + lo) / 2;
        }
    }
}

Affinities inputAffinities(const std::vector<float>& codes, int dim, int64_t n, double perplexity, int threads)
{
    const int k = int(std::min<int64_t>(n - 1, int64_t(3 * perplexity)));
    const NeighbourGraph graph = nearestNeighbours(codes, dim, k, threads);
    const std::vector<uint32_t>& neighbours = graph.index;
    std::vector<float> conditional(size_t(n) * size_t(k));
    parallelFor(n, threads, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            conditionalRow(&graph.distance2[size_t(i) * size_t(k)], k, perplexity, &conditional[size_t(i) * size_t(k)]);
    });
    // P = (P_{j|i} + P_{i|j}) / 2n: both directions of every edge, merged by (row, column).
    std::vector<std::pair<uint64_t, float>> edges;
    edges.reserve(size_t(n) * size_t(k) * 2);
    for (int64_t i = 0; i < n; ++i)
        for (int m = 0; m < k; ++m) {
            const uint64_t j = neighbours[size_t(i) * size_t(k) + size_t(m)];
            const float v = conditional[size_t(i) * size_t(k) + size_t(m)] / float(2 * n);
            edges.push_back({uint64_t(i) << 32 | j, v});
            edges.push_back({j << 32 | uint64_t(i), v});
        }
    std::sort(edges.begin(), edges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Affinities p;
    p.rowStart.assign(size_t(n) + 1, 0);
    for (size_t e = 0; e < edges.size(); ++e) {
        if (e > 0 && edges[e].first == edges[e - 1].first) {
            p.value.back() += edges[e].second;
            continue;
        }
        p.column.push_back(uint32_t(edges[e].first & 0xffffffffu));
        p.value.push_back(edges[e].second);
        ++p.rowStart[size_t(edges[e].first >> 32) + 1];
    }
    std::partial_sum(p.rowStart.begin(), p.rowStart.end(), p.rowStart.begin());
    return p;
}

// A quadtree (D = 2) or octree (D = 3) over the embedding: each cell's centre of mass and point
// count stand in for its points when it is far enough away.
template <int D>
class SpaceTree {
public:
    explicit SpaceTree(const std::vector<float>& y) : m_y(y), m_order(y.size() / D)
    {
        std::iota(m_order.begin(), m_order.end(), 0u);
        float lo[D], hi[D];
        bounds(0, uint32_t(m_order.size()), lo, hi);
        float centre[D], half = 0;
        for (int d = 0; d < D; ++d) {
            centre[d] = (lo[d] + hi[d]) / 2;
            half = std::max(half, (hi[d] - lo[d]) / 2);
        }
        m_nodes.reserve(m_order.size() * 2);
        build(0, uint32_t(m_order.size()), centre, half + 1e-5f, 0);
        collectGroups(0);
    }

    static constexpr uint32_t kGroup = 64; // points per group walk
    static constexpr int kMaxDepth = 48;   // below this, coincident points share a leaf

    /// The points in the tree's order: neighbours on the map are neighbours here, so walking the
    /// tree for them in this order keeps the same cells in the cache.
    const std::vector<uint32_t>& order() const { return m_order; }

    /// The groups: the nodes of at most kGroup points whose parent holds more (ranges of order()).
    const std::vector<uint32_t>& groups() const { return m_groups; }

    // What one walk of the tree for a group of points found: far cells (centre of mass, count) and
    // the points near enough to be summed one by one, as one list of bodies (a point: a body of
    // count 1), by coordinate.
    struct Interactions {
        std::vector<float> at[D]; // each body's centre of mass
        std::vector<float> count;
        void clear()
        {
            for (auto& v : at)
                v.clear();
            count.clear();
        }
        void add(const float* where, float n)
        {
            for (int d = 0; d < D; ++d)
                at[d].push_back(where[d]);
            count.push_back(n);
        }
    };

    // The repulsion on every point of group `group` (a node) at once (Barnes 1990's grouping): one
    // walk of the tree for the group's bounding box, a cell taken whole when it is far enough from
    // every point of the box, then each point's sums over that list. Writes sumQ[i] and
    // repel[D i + d] for the group's points. `list` is scratch space, reused between calls.
    void groupRepulsion(uint32_t group, double theta2, std::vector<double>& sumQ, std::vector<double>& repel,
                        Interactions& list) const
    {
        const Node& g = m_nodes[group];
        float lo[D], hi[D];
        bounds(g.begin, g.end, lo, hi);
        list.clear();
        // A path of at most kMaxDepth + 1 nodes, each leaving at most 2^D - 1 siblings behind.
        uint32_t stack[(kMaxDepth + 1) * (1 << D)];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Node& c = m_nodes[stack[--top]];
            double gap2 = 0; // from the centre of mass to the nearest point of the group's box
            for (int d = 0; d < D; ++d) {
                const double gap = std::max({0.0, double(lo[d]) - c.com[d], double(c.com[d]) - hi[d]});
                gap2 += gap * gap;
            }
            const bool holdsGroup = c.begin <= g.begin && g.end <= c.end; // never whole: the group's own points are in it
            if (!holdsGroup && double(c.width) * c.width < theta2 * gap2) {
                list.add(c.com, float(c.count));
            } else if (c.firstChild == 0) {
                for (uint32_t k = c.begin; k < c.end; ++k)
                    list.add(m_y.data() + size_t(D) * m_order[k], 1.0f);
            } else {
                for (uint32_t ch = c.firstChild; ch < c.firstChild + c.children; ++ch)
                    stack[top++] = ch;
            }
        }
        // Each of the group's points against every body, in single precision and in SIMD lanes;
        // the point itself is among the bodies (a leaf of its own group): w = 1, no force.
        const size_t bodies = list.count.size();
        const float* bx = list.at[0].data();
        const float* by = list.at[1].data();
        const float* bz = D == 3 ? list.at[D - 1].data() : nullptr;
        const float* bn = list.count.data();
        for (uint32_t k = g.begin; k < g.end; ++k) {
            const uint32_t i = m_order[k];
            const float* yi = m_y.data() + size_t(D) * i;
            const float x = yi[0], y = yi[1], z = D == 3 ? yi[D - 1] : 0.0f;
            float q = 0, fx = 0, fy = 0, fz = 0;
            if constexpr (D == 2) {
#pragma omp simd reduction(+ : q, fx, fy)
                for (size_t b = 0; b < bodies; ++b) {
                    const float dx = x - bx[b], dy = y - by[b];
                    const float w = 1 / (1 + dx * dx + dy * dy), m = bn[b] * w * w;
                    q += bn[b] * w;
                    fx += m * dx;
                    fy += m * dy;
                }
            } else {
#pragma omp simd reduction(+ : q, fx, fy, fz)
                for (size_t b = 0; b < bodies; ++b) {
                    const float dx = x - bx[b], dy = y - by[b], dz = z - bz[b];
                    const float w = 1 / (1 + dx * dx + dy * dy + dz * dz), m = bn[b] * w * w;
                    q += bn[b] * w;
                    fx += m * dx;
                    fy += m * dy;
                    fz += m * dz;
                }
            }
            sumQ[i] = double(q) - 1; // not its own neighbour
            const float f[3] = {fx, fy, fz};
            for (int d = 0; d < D; ++d)
                repel[size_t(D) * i + size_t(d)] = f[d];
        }
    }

private:
    static constexpr int kCells = 1 << D;
    struct Node {
        float com[D] = {};
        float width = 0;
        uint32_t count = 0, begin = 0, end = 0;
        uint32_t firstChild = 0, children = 0; // 0 children: a leaf (the root is never a child)
    };

    // The box around the points order()[begin, end).
    void bounds(uint32_t begin, uint32_t end, float* lo, float* hi) const
    {
        std::fill_n(lo, D, 1e30f);
        std::fill_n(hi, D, -1e30f);
        for (uint32_t k = begin; k < end; ++k)
            for (int d = 0; d < D; ++d) {
                lo[d] = std::min(lo[d], m_y[size_t(D) * m_order[k] + size_t(d)]);
                hi[d] = std::max(hi[d], m_y[size_t(D) * m_order[k] + size_t(d)]);
            }
    }

    // Splits [begin, end) of the order into the 2^D cells around centre: cell c holds the points
    // at or above centre along dimension d where bit (D - 1 - d) of c is set. cuts[c]..cuts[c + 1].
    void partitionCells(uint32_t begin, uint32_t end, const float* centre, uint32_t* cuts)
    {
        uint32_t bounds[kCells + 1] = {begin, end};
        int parts = 1;
        for (int d = 0; d < D; ++d) {
            uint32_t next[kCells + 1];
            for (int p = 0; p < parts; ++p) {
                auto* first = m_order.data() + bounds[p];
                auto* last = m_order.data() + bounds[p + 1];
                auto* mid = std::partition(first, last, [&](uint32_t q) { return m_y[size_t(D) * q + size_t(d)] < centre[d]; });
                next[2 * p] = bounds[p];
                next[2 * p + 1] = uint32_t(mid - m_order.data());
            }
            next[2 * parts] = end;
            parts *= 2;
            std::copy_n(next, parts + 1, bounds);
        }
        std::copy_n(bounds, kCells + 1, cuts);
    }

    void build(uint32_t begin, uint32_t end, const float* centre, float half, int depth)
    {
        const uint32_t self = uint32_t(m_nodes.size());
        m_nodes.push_back({});
        double sum[D] = {};
        for (uint32_t k = begin; k < end; ++k)
            for (int d = 0; d < D; ++d)
                sum[d] += m_y[size_t(D) * m_order[k] + size_t(d)];
        Node node;
        node.count = end - begin;
        for (int d = 0; d < D; ++d)
            node.com[d] = float(sum[d] / node.count);
        node.width = 2 * half;
        node.begin = begin;
        node.end = end;
        if (node.count > 1 && depth < kMaxDepth && half > 1e-7f) {
            uint32_t cuts[kCells + 1];
            partitionCells(begin, end, centre, cuts);
            int cells[kCells], used = 0; // no allocation: a tree has about as many nodes as points
            for (int c = 0; c < kCells; ++c)
                if (cuts[c + 1] > cuts[c])
                    cells[used++] = c;
            // Children are built depth-first; their indices are consecutive only when each is a
            // leaf, so record them through a second pass over this node's range of children.
            node.firstChild = uint32_t(m_nodes.size());
            node.children = uint32_t(used);
            m_nodes.resize(m_nodes.size() + size_t(used));
            m_nodes[self] = node;
            const float h = half / 2;
            for (int k = 0; k < used; ++k) {
                const int c = cells[k];
                float at[D];
                for (int d = 0; d < D; ++d)
                    at[d] = centre[d] + ((c >> (D - 1 - d)) & 1 ? h : -h);
                const uint32_t slot = uint32_t(m_nodes.size());
                build(cuts[c], cuts[c + 1], at, h, depth + 1);
                m_nodes[node.firstChild + uint32_t(k)] = m_nodes[slot]; // the child's node, in the consecutive slot
            }
            return;
        }
        m_nodes[self] = node;
    }

    void collectGroups(uint32_t node)
    {
        const Node& c = m_nodes[node];
        if (c.count <= kGroup || c.firstChild == 0) {
            m_groups.push_back(node);
            return;
        }
        for (uint32_t ch = c.firstChild; ch < c.firstChild + c.children; ++ch)
            collectGroups(ch);
    }

    const std::vector<float>& m_y;
    std::vector<uint32_t> m_order;
    std::vector<Node> m_nodes;
    std::vector<uint32_t> m_groups;
};

// The optimiser's memory between iterations: the last update and the per-value gains.
struct Optimiser {
    Optimiser(size_t size, int dims)
        : update(size, 0.0f), gains(size, 1.0f), attract(size), repel(size), sumQ(size / size_t(dims)), logTerm(size / size_t(dims))
    {
    }
    std::vector<float> update, gains;
    std::vector<double> attract, repel, sumQ;
    std::vector<double> logTerm; // per row, sum of p_ij log(1 + d_ij^2): the KL divergence's part that moves
    double kl = 0;               // KL(P || Q) before the last step, when it was asked for
};

// One iteration: attractive forces over P's edges, repulsive ones from the tree, then a momentum
// step with adaptive gains (delta-bar-delta) and the map re-centred.
// With `measure`, o.kl becomes KL(P || Q) of the map before the step (pLogP: sum of p log p): one
// log per edge, so only asked for at the last step.
template <int D>
void gradientStep(const Affinities& p, std::vector<float>& y, double exaggeration, double momentum, double learningRate,
                  double theta, int threads, Optimiser& o, bool measure, double pLogP)
{
    const int64_t n = int64_t(y.size() / D);
    const SpaceTree<D> tree(y);
    parallelFor(n, threads, [&](int64_t begin, int64_t end) {
        for (int64_t k = begin; k < end; ++k) {
            const size_t i = tree.order()[size_t(k)];
            double a[D] = {}, logTerm = 0;
            for (int64_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) {
                const size_t j = p.column[size_t(e)];
                double diff[D], d2 = 0;
                for (int d = 0; d < D; ++d) {
                    diff[d] = double(y[D * i + size_t(d)]) - y[D * j + size_t(d)];
                    d2 += diff[d] * diff[d];
                }
                const double w = p.value[size_t(e)] / (1 + d2);
                for (int d = 0; d < D; ++d)
                    a[d] += w * diff[d];
                if (measure)
                    logTerm += p.value[size_t(e)] * std::log1p(d2);
            }
            o.logTerm[i] = logTerm;
            for (int d = 0; d < D; ++d)
                o.attract[D * i + size_t(d)] = exaggeration * a[d];
        }
    });
    const std::vector<uint32_t>& groups = tree.groups();
    parallelFor(int64_t(groups.size()), threads, [&](int64_t begin, int64_t end) {
        typename SpaceTree<D>::Interactions list;
        for (int64_t g = begin; g < end; ++g)
            tree.groupRepulsion(groups[size_t(g)], theta * theta, o.sumQ, o.repel, list);
    });
    const double z = std::max(1e-12, std::accumulate(o.sumQ.begin(), o.sumQ.end(), 0.0));
    if (measure) // log(p / q) = log p + log(1 + d^2) + log Z, and P sums to 1
        o.kl = pLogP + std::accumulate(o.logTerm.begin(), o.logTerm.end(), 0.0) + std::log(z);
    double mean[D] = {};
    for (size_t k = 0; k < y.size(); ++k) {
        const float grad = float(4 * (o.attract[k] - o.repel[k] / z));
        o.gains[k] = (grad > 0) != (o.update[k] > 0) ? o.gains[k] + 0.2f : std::max(0.01f, o.gains[k] * 0.8f);
        o.update[k] = float(momentum) * o.update[k] - float(learningRate) * o.gains[k] * grad;
        y[k] += o.update[k];
        mean[k % D] += y[k];
    }
    for (size_t k = 0; k < y.size(); ++k)
        y[k] -= float(mean[k % D] / double(n));
}

} // namespace

TsneResult runTsne(const std::vector<float>& codes, int dim, const TsneOptions& o, const TsneProgress& progress)
{
    if (dim < 1 || codes.size() % size_t(dim) != 0)
        throw InputError("t-SNE: " + std::to_string(codes.size()) + " values are not rows of " + std::to_string(dim));
    const int64_t n = int64_t(codes.size()) / dim;
    if (n < 4)
        throw InputError("t-SNE: needs at least 4 points, got " + std::to_string(n));
    for (float v : codes)
        if (!std::isfinite(v))
            throw InputError("t-SNE: the codes hold a value that is not a finite number");
    if (!(o.perplexity >= 1) || o.perplexity >= double(n - 1))
        throw InputError("t-SNE: perplexity " + std::to_string(o.perplexity) + " must be from 1 to below " + std::to_string(n - 1));
    if (o.dims != 2 && o.dims != 3)
        throw InputError("t-SNE: maps have 2 or 3 dimensions, not " + std::to_string(o.dims));
    const int threads = o.threads > 0 ? o.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    const Affinities p = inputAffinities(codes, dim, n, o.perplexity, threads);

    TsneResult r;
    std::vector<float>& y = r.embedding;
    y.resize(size_t(n) * size_t(o.dims));
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<float> normal(0.0f, 1e-4f);
    for (float& v : y)
        v = normal(rng);
    Optimiser state(y.size(), o.dims);
    double pLogP = 0;
    for (float v : p.value)
        pLogP += v > 0 ? double(v) * std::log(double(v)) : 0.0;
    const double learningRate = std::max(200.0, double(n) / o.exaggeration);
    for (int it = 0; it < o.iterations; ++it) {
        const bool early = it < o.exaggerationIterations;
        const double exaggeration = early ? o.exaggeration : 1.0, momentum = early ? 0.5 : 0.8;
        const double theta = early ? o.earlyTheta : o.theta;
        const bool last = it + 1 == o.iterations;
        if (o.dims == 3)
            gradientStep<3>(p, y, exaggeration, momentum, learningRate, theta, threads, state, last, pLogP);
        else
            gradientStep<2>(p, y, exaggeration, momentum, learningRate, theta, threads, state, last, pLogP);
        if (last)
            r.kl = state.kl;
        r.iterations = it + 1;
        if (progress && (r.iterations % std::max(1, o.reportEvery) == 0 || r.iterations == o.iterations) &&
            !progress(r.iterations, y)) {
            r.stopped = r.iterations < o.iterations;
            break;
        }
    }
    return r;
}

} // namespace latentlab
