// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/umap.h"

#include "core/error.h"
#include "core/latent/neighbours.h"
#include "core/latent/pca.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <thread>

namespace latentlab {

namespace {

// The fuzzy simplicial set: symmetric edge weights in (0, 1] as sparse rows (CSR).
struct FuzzyGraph {
    std::vector<int64_t> rowStart; // n + 1
    std::vector<uint32_t> column;
    std::vector<float> weight;
};

// Point i's membership strengths exp(-(d - rho) / sigma) over its k neighbours, with rho the
// distance to its nearest other point and sigma found by bisection so that they sum to log2(k)
// (umap-learn's smooth_knn_dist, local connectivity 1).
void memberships(const float* dist2, int k, double meanDistance, float* out)
{
    std::vector<double> d(static_cast<size_t>(k));
    for (int j = 0; j < k; ++j)
        d[size_t(j)] = std::sqrt(double(dist2[j]));
    double rho = 0;
    for (double x : d)
        if (x > 0) {
            rho = x;
            break;
        }
    const double target = std::log2(double(k));
    double lo = 0, hi = std::numeric_limits<double>::infinity(), sigma = 1;
    for (int step = 0; step < 64; ++step) {
        double sum = 0;
        for (double x : d)
            sum += x > rho ? std::exp(-(x - rho) / sigma) : 1.0;
        if (std::abs(sum - target) < 1e-5)
            break;
        if (sum > target) {
            hi = sigma;
            sigma = (lo + hi) / 2;
        } else {
            lo = sigma;
            sigma = std::isinf(hi) ? sigma * 2 : (lo + hi) / 2;
        }
    }
    // Not narrower than a thousandth of the typical distance (umap-learn's MIN_K_DIST_SCALE).
    double mean = std::accumulate(d.begin(), d.end(), 0.0) / k;
    sigma = std::max(sigma, 1e-3 * (rho > 0 ? mean : meanDistance));
    for (int j = 0; j < k; ++j)
        out[j] = float(d[size_t(j)] > rho ? std::exp(-(d[size_t(j)] - rho) / std::max(sigma, 1e-12)) : 1.0);
}

// A + A^T - A o A^T over the kNN memberships: the probability that either direction's edge exists.
FuzzyGraph fuzzySet(const NeighbourGraph& g, int64_t n, int threads)
{
    const int k = g.k;
    double meanDistance = 0;
    for (float d2 : g.distance2)
        meanDistance += std::sqrt(double(d2));
    meanDistance /= double(g.distance2.size());
    std::vector<float> w(g.distance2.size());
    parallelFor(n, threads, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            memberships(&g.distance2[size_t(i) * size_t(k)], k, meanDistance, &w[size_t(i) * size_t(k)]);
    });
    struct Edge {
        uint64_t key; // row << 32 | column
        float forward, backward;
    };
    std::vector<Edge> edges;
    edges.reserve(w.size() * 2);
    for (int64_t i = 0; i < n; ++i)
        for (int m = 0; m < k; ++m) {
            const uint64_t j = g.index[size_t(i) * size_t(k) + size_t(m)];
            const float v = w[size_t(i) * size_t(k) + size_t(m)];
            edges.push_back({uint64_t(i) << 32 | j, v, 0.0f});
            edges.push_back({j << 32 | uint64_t(i), 0.0f, v});
        }
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.key < b.key; });
    FuzzyGraph f;
    f.rowStart.assign(size_t(n) + 1, 0);
    for (size_t e = 0; e < edges.size();) {
        float a = 0, b = 0;
        const uint64_t key = edges[e].key;
        for (; e < edges.size() && edges[e].key == key; ++e) {
            a = std::max(a, edges[e].forward);
            b = std::max(b, edges[e].backward);
        }
        f.column.push_back(uint32_t(key & 0xffffffffu));
        f.weight.push_back(a + b - a * b);
        ++f.rowStart[size_t(key >> 32) + 1];
    }
    std::partial_sum(f.rowStart.begin(), f.rowStart.end(), f.rowStart.begin());
    return f;
}

// The start: the codes' top `dims` principal directions, scaled to span [-10, 10], with a little
// noise so that repeated codes can move apart; random where the codes have no spread.
std::vector<float> initialLayout(const std::vector<float>& codes, int dim, int dims, uint64_t seed)
{
    std::vector<float> y = principalCoordinates(codes, dim, dims);
    float extent = 0;
    for (float v : y)
        extent = std::max(extent, std::abs(v));
    std::mt19937_64 rng(seed);
    if (!(extent > 1e-12f)) {
        std::uniform_real_distribution<float> uniform(-10.0f, 10.0f);
        for (float& v : y)
            v = uniform(rng);
        return y;
    }
    std::normal_distribution<float> noise(0.0f, 1e-4f * 10.0f);
    for (float& v : y)
        v = v * (10.0f / extent) + noise(rng);
    return y;
}

// One random stream per point and epoch (SplitMix64): the same numbers whatever thread runs it.
struct PointRandom {
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

float clip(double g) { return float(std::clamp(g, -4.0, 4.0)); }

// The SGD's schedule: each edge is sampled every maxWeight / weight epochs, with negativeSamples
// repulsive samples per attractive one.
struct Schedule {
    std::vector<float> perSample, nextSample, nextNegative;
};

Schedule makeSchedule(const FuzzyGraph& f, int negatives)
{
    const float top = f.weight.empty() ? 1.0f : *std::max_element(f.weight.begin(), f.weight.end());
    Schedule s;
    s.perSample.resize(f.weight.size());
    for (size_t e = 0; e < f.weight.size(); ++e)
        s.perSample[e] = top / f.weight[e];
    s.nextSample = s.perSample;
    s.nextNegative.resize(s.perSample.size());
    for (size_t e = 0; e < s.perSample.size(); ++e)
        s.nextNegative[e] = s.perSample[e] / float(negatives);
    return s;
}

struct Curve {
    double a, b;
};

// Moves point i of a D-dimensional layout for one epoch against `before` (the layout at the
// epoch's start).
template <int D>
void movePoint(int64_t i, int epoch, double alpha, const FuzzyGraph& f, Schedule& s, const std::vector<float>& before,
               std::vector<float>& after, const Curve& c, int negatives, uint64_t seed)
{
    const int64_t n = int64_t(before.size() / D);
    double y[D], diff[D];
    for (int a = 0; a < D; ++a)
        y[a] = before[size_t(D * i + a)];
    // Squared distance from y to point j of `before`, its difference in diff.
    auto distance2 = [&](uint64_t j) {
        double d2 = 0;
        for (int a = 0; a < D; ++a) {
            diff[a] = y[a] - before[size_t(D * j + uint64_t(a))];
            d2 += diff[a] * diff[a];
        }
        return d2;
    };
    PointRandom rng {seed ^ (uint64_t(epoch) << 40) ^ (uint64_t(i) * 0xD1B54A32D192ED03ull)};
    for (int64_t e = f.rowStart[size_t(i)]; e < f.rowStart[size_t(i) + 1]; ++e) {
        if (s.nextSample[size_t(e)] > float(epoch))
            continue;
        double d2 = distance2(f.column[size_t(e)]);
        if (d2 > 0) {
            const double coeff = -2.0 * c.a * c.b * std::pow(d2, c.b - 1.0) / (c.a * std::pow(d2, c.b) + 1.0);
            // Twice: umap-learn moves both ends of a sampled edge, and the graph holds both
            // directions of it, so each end gets the pull twice; here each end pulls itself.
            for (int a = 0; a < D; ++a)
                y[a] += 2 * clip(coeff * diff[a]) * alpha;
        }
        s.nextSample[size_t(e)] += s.perSample[size_t(e)];
        const float perNegative = s.perSample[size_t(e)] / float(negatives);
        const int count = int((float(epoch) - s.nextNegative[size_t(e)]) / perNegative);
        for (int p = 0; p < count; ++p) {
            const uint64_t k = rng.next() % uint64_t(n);
            if (int64_t(k) == i)
                continue;
            d2 = distance2(k);
            const double coeff = d2 > 0 ? 2.0 * c.b / ((0.001 + d2) * (c.a * std::pow(d2, c.b) + 1.0)) : 0.0;
            for (int a = 0; a < D; ++a)
                y[a] += (coeff > 0 ? clip(coeff * diff[a]) : 4.0f) * alpha;
        }
        s.nextNegative[size_t(e)] += float(std::max(0, count)) * perNegative;
    }
    for (int a = 0; a < D; ++a)
        after[size_t(D * i + a)] = float(y[a]);
}

} // namespace

int umapDefaultEpochs(int64_t points) { return points < 10000 ? 500 : 200; }

std::pair<double, double> umapCurve(double minDist, double spread)
{
    // Gauss-Newton on 300 distances in (0, 3 spread], from umap-learn's usual answer.
    std::vector<double> x(300), target(300);
    for (size_t i = 0; i < x.size(); ++i) {
        x[i] = 3.0 * spread * double(i + 1) / double(x.size());
        target[i] = x[i] < minDist ? 1.0 : std::exp(-(x[i] - minDist) / spread);
    }
    double a = 1.5, b = 0.9;
    for (int step = 0; step < 200; ++step) {
        double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
        for (size_t i = 0; i < x.size(); ++i) {
            const double p = std::pow(x[i], 2 * b), f = 1.0 / (1.0 + a * p), r = f - target[i];
            const double da = -p * f * f, db = -a * p * 2.0 * std::log(x[i]) * f * f;
            jaa += da * da;
            jab += da * db;
            jbb += db * db;
            ga += da * r;
            gb += db * r;
        }
        const double det = jaa * jbb - jab * jab;
        if (!(std::abs(det) > 1e-18))
            break;
        const double stepA = (jbb * ga - jab * gb) / det, stepB = (jaa * gb - jab * ga) / det;
        a = std::max(1e-3, a - stepA);
        b = std::clamp(b - stepB, 0.1, 3.0);
        if (std::abs(stepA) < 1e-9 && std::abs(stepB) < 1e-9)
            break;
    }
    return {a, b};
}

UmapResult runUmap(const std::vector<float>& codes, int dim, const UmapOptions& o, const UmapProgress& progress)
{
    if (dim < 1 || codes.size() % size_t(dim) != 0)
        throw InputError("UMAP: " + std::to_string(codes.size()) + " values are not rows of " + std::to_string(dim));
    const int64_t n = int64_t(codes.size()) / dim;
    if (n < 4)
        throw InputError("UMAP: needs at least 4 points, got " + std::to_string(n));
    for (float v : codes)
        if (!std::isfinite(v))
            throw InputError("UMAP: the codes hold a value that is not a finite number");
    if (o.neighbours < 2)
        throw InputError("UMAP: neighbours " + std::to_string(o.neighbours) + " must be at least 2");
    if (!(o.spread > 0) || !(o.minDist >= 0) || o.minDist >= o.spread)
        throw InputError("UMAP: min_dist " + std::to_string(o.minDist) + " must be from 0 to below spread " + std::to_string(o.spread));
    if (o.dims != 2 && o.dims != 3)
        throw InputError("UMAP: a map has 2 or 3 dimensions, not " + std::to_string(o.dims));
    if (o.negativeSamples < 1 || !(o.learningRate > 0))
        throw InputError("UMAP: negative samples and learning rate must be positive");
    const int threads = o.threads > 0 ? o.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    const int k = int(std::min<int64_t>(n - 1, o.neighbours));
    const FuzzyGraph graph = fuzzySet(nearestNeighbours(codes, dim, k, threads), n, threads);
    Schedule schedule = makeSchedule(graph, o.negativeSamples);
    const auto [a, b] = umapCurve(o.minDist, o.spread);
    const Curve curve {a, b};
    const int epochs = o.epochs > 0 ? o.epochs : umapDefaultEpochs(n);

    UmapResult r;
    r.embedding = initialLayout(codes, dim, o.dims, o.seed);
    std::vector<float> next(r.embedding.size());
    const auto move = o.dims == 3 ? movePoint<3> : movePoint<2>;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        const double alpha = o.learningRate * (1.0 - double(epoch - 1) / epochs);
        parallelFor(n, threads, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i)
                move(i, epoch, alpha, graph, schedule, r.embedding, next, curve, o.negativeSamples, o.seed);
        });
        r.embedding.swap(next);
        r.epochs = epoch;
        if (progress && (epoch % std::max(1, o.reportEvery) == 0 || epoch == epochs) && !progress(epoch, r.embedding)) {
            r.stopped = epoch < epochs;
            break;
        }
    }
    return r;
}

} // namespace latentlab
