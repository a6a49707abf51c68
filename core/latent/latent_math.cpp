// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/latent_math.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>

namespace latentlab {

namespace {
void sameSize(const std::vector<float>& a, const std::vector<float>& b, const char* what)
{
    if (a.size() != b.size())
        throw InputError(std::string(what) + ": codes of different sizes (" + std::to_string(a.size()) + " and " +
                         std::to_string(b.size()) + ")");
}

double norm(const std::vector<float>& v)
{
    double s = 0;
    for (float x : v)
        s += double(x) * x;
    return std::sqrt(s);
}
} // namespace

std::vector<float> lerp(const std::vector<float>& a, const std::vector<float>& b, float t)
{
    sameSize(a, b, "lerp");
    std::vector<float> out(a.size());
    for (size_t i = 0; i < a.size(); ++i)
        out[i] = a[i] + t * (b[i] - a[i]);
    return out;
}

std::vector<float> slerp(const std::vector<float>& a, const std::vector<float>& b, float t)
{
    sameSize(a, b, "slerp");
    const double na = norm(a), nb = norm(b);
    if (na < 1e-12 || nb < 1e-12)
        return lerp(a, b, t);
    double cosine = 0;
    for (size_t i = 0; i < a.size(); ++i)
        cosine += double(a[i]) * b[i];
    cosine = std::clamp(cosine / (na * nb), -1.0, 1.0);
    const double omega = std::acos(cosine);
    if (std::sin(omega) < 1e-6)
        return lerp(a, b, t);
    const double wa = std::sin((1.0 - t) * omega) / std::sin(omega), wb = std::sin(t * omega) / std::sin(omega);
    // Direction on the great circle between the unit vectors, magnitude interpolated linearly.
    const double magnitude = na + t * (nb - na);
    std::vector<float> out(a.size());
    double nd = 0;
    std::vector<double> d(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        d[i] = wa * a[i] / na + wb * b[i] / nb;
        nd += d[i] * d[i];
    }
    nd = std::sqrt(nd);
    for (size_t i = 0; i < a.size(); ++i)
        out[i] = float(magnitude * d[i] / nd);
    return out;
}

std::vector<float> interpolationPath(const std::vector<float>& a, const std::vector<float>& b, int steps, bool spherical)
{
    if (steps < 2 || steps > 10000)
        throw InputError("interpolation needs 2 to 10000 steps, got " + std::to_string(steps));
    std::vector<float> out;
    out.reserve(a.size() * size_t(steps));
    for (int s = 0; s < steps; ++s) {
        const float t = float(s) / float(steps - 1);
        auto v = spherical ? slerp(a, b, t) : lerp(a, b, t);
        out.insert(out.end(), v.begin(), v.end());
    }
    return out;
}

std::vector<float> interpolationConditions(const std::vector<float>& a, const std::vector<float>& b, int steps)
{
    if (steps < 2 || steps > 10000)
        throw InputError("interpolation needs 2 to 10000 steps, got " + std::to_string(steps));
    if (!b.empty() && b.size() != a.size())
        throw InputError("interpolation: the end points' conditions have " + std::to_string(a.size()) + " and " +
                         std::to_string(b.size()) + " values");
    std::vector<float> out;
    out.reserve(a.size() * size_t(steps));
    for (int s = 0; s < steps; ++s) {
        const auto v = b.empty() ? a : lerp(a, b, float(s) / float(steps - 1));
        out.insert(out.end(), v.begin(), v.end());
    }
    return out;
}

std::vector<float> attributeVector(const std::vector<float>& codes, int dim, const std::vector<bool>& has)
{
    if (dim <= 0 || codes.size() != has.size() * size_t(dim))
        throw InputError("attribute vector: codes and flags do not agree");
    std::vector<double> with(size_t(dim), 0.0), without(size_t(dim), 0.0);
    size_t nWith = 0, nWithout = 0;
    for (size_t i = 0; i < has.size(); ++i) {
        auto& sum = has[i] ? with : without;
        (has[i] ? nWith : nWithout)++;
        for (int k = 0; k < dim; ++k)
            sum[size_t(k)] += codes[i * size_t(dim) + size_t(k)];
    }
    if (nWith == 0 || nWithout == 0)
        throw InputError("attribute vector: needs codes with and without the attribute (have " + std::to_string(nWith) +
                         " with, " + std::to_string(nWithout) + " without)");
    std::vector<float> out(static_cast<size_t>(dim));
    for (int k = 0; k < dim; ++k)
        out[size_t(k)] = float(with[size_t(k)] / double(nWith) - without[size_t(k)] / double(nWithout));
    return out;
}

void codeStatistics(const std::vector<float>& codes, int dim, std::vector<float>& mean, std::vector<float>& stddev)
{
    if (dim <= 0 || codes.empty() || codes.size() % size_t(dim) != 0)
        throw InputError("code statistics: no codes");
    const size_t n = codes.size() / size_t(dim);
    std::vector<double> m(size_t(dim), 0.0), v(size_t(dim), 0.0);
    for (size_t i = 0; i < n; ++i)
        for (int k = 0; k < dim; ++k)
            m[size_t(k)] += codes[i * size_t(dim) + size_t(k)] / double(n);
    for (size_t i = 0; i < n; ++i)
        for (int k = 0; k < dim; ++k) {
            const double d = codes[i * size_t(dim) + size_t(k)] - m[size_t(k)];
            v[size_t(k)] += d * d / double(n);
        }
    mean.assign(m.begin(), m.end());
    stddev.resize(size_t(dim));
    for (int k = 0; k < dim; ++k)
        stddev[size_t(k)] = float(std::sqrt(v[size_t(k)]));
}

std::vector<float> traversalGrid(const std::vector<float>& base, const std::vector<float>& stddev,
                                 const std::vector<int>& dims, int steps, float range)
{
    sameSize(base, stddev, "traversal");
    if (steps < 2)
        throw InputError("traversal needs at least 2 steps");
    std::vector<float> out;
    out.reserve(dims.size() * size_t(steps) * base.size());
    for (int d : dims) {
        if (d < 0 || size_t(d) >= base.size())
            throw InputError("traversal: dimension " + std::to_string(d) + " is outside the code");
        for (int s = 0; s < steps; ++s) {
            std::vector<float> z = base;
            z[size_t(d)] = base[size_t(d)] + (-range + 2.0f * range * float(s) / float(steps - 1)) * stddev[size_t(d)];
            out.insert(out.end(), z.begin(), z.end());
        }
    }
    return out;
}

std::vector<float> manifoldGrid(const std::vector<float>& origin, const std::vector<float>& dirX,
                                const std::vector<float>& dirY, int n, float xMin, float xMax, float yMin, float yMax)
{
    sameSize(origin, dirX, "manifold grid");
    sameSize(origin, dirY, "manifold grid");
    if (n < 2 || n > 100)
        throw InputError("manifold grid: n must be 2..100, got " + std::to_string(n));
    std::vector<float> out;
    out.reserve(size_t(n) * size_t(n) * origin.size());
    for (int r = 0; r < n; ++r) {
        const float y = yMax - (yMax - yMin) * float(r) / float(n - 1);
        for (int c = 0; c < n; ++c) {
            const float x = xMin + (xMax - xMin) * float(c) / float(n - 1);
            for (size_t k = 0; k < origin.size(); ++k)
                out.push_back(origin[k] + x * dirX[k] + y * dirY[k]);
        }
    }
    return out;
}

LatentBasis dimensionBasis(const std::vector<float>& mean, const std::vector<float>& stddev)
{
    sameSize(mean, stddev, "dimension basis");
    LatentBasis b;
    b.dim = int(mean.size());
    b.origin = mean;
    b.directions.assign(mean.size() * mean.size(), 0.0f);
    b.scales.resize(mean.size());
    for (size_t k = 0; k < mean.size(); ++k) {
        b.directions[k * mean.size() + k] = 1.0f;
        b.scales[k] = stddev[k] > 1e-12f && std::isfinite(stddev[k]) ? stddev[k] : 1.0f;
    }
    return b;
}

namespace {
void checkBasis(const LatentBasis& basis, const std::vector<float>& z, const char* what)
{
    if (basis.dim <= 0 || z.size() != size_t(basis.dim) || basis.origin.size() != z.size() ||
        basis.directions.size() != size_t(basis.count()) * z.size())
        throw InputError(std::string(what) + ": a code of " + std::to_string(z.size()) + " values does not fit a basis of dimension " +
                         std::to_string(basis.dim));
}
double along(const LatentBasis& basis, const std::vector<float>& z, int axis)
{
    const size_t d = z.size();
    double c = 0;
    for (size_t i = 0; i < d; ++i)
        c += (double(z[i]) - basis.origin[i]) * basis.directions[size_t(axis) * d + i];
    return c / basis.scales[size_t(axis)];
}
} // namespace

std::vector<float> basisCoordinates(const LatentBasis& basis, const std::vector<float>& z)
{
    checkBasis(basis, z, "basis coordinates");
    std::vector<float> out(size_t(basis.count()));
    for (int k = 0; k < basis.count(); ++k)
        out[size_t(k)] = float(along(basis, z, k));
    return out;
}

std::vector<float> withCoordinate(const LatentBasis& basis, const std::vector<float>& z, int axis, float coordinate)
{
    checkBasis(basis, z, "basis move");
    if (axis < 0 || axis >= basis.count())
        throw InputError("basis move: axis " + std::to_string(axis) + " out of range");
    const double delta = (coordinate - along(basis, z, axis)) * basis.scales[size_t(axis)];
    std::vector<float> out = z;
    for (size_t i = 0; i < z.size(); ++i)
        out[i] = float(z[i] + delta * basis.directions[size_t(axis) * z.size() + i]);
    return out;
}

std::vector<float> fromCoordinates(const LatentBasis& basis, const std::vector<float>& coordinates)
{
    checkBasis(basis, basis.origin, "basis point");
    if (coordinates.size() != size_t(basis.count()))
        throw InputError("basis point: " + std::to_string(coordinates.size()) + " coordinates for " +
                         std::to_string(basis.count()) + " axes");
    std::vector<double> z(basis.origin.begin(), basis.origin.end());
    for (int k = 0; k < basis.count(); ++k)
        for (int i = 0; i < basis.dim; ++i)
            z[size_t(i)] += double(coordinates[size_t(k)]) * basis.scales[size_t(k)] *
                            basis.directions[size_t(k) * size_t(basis.dim) + size_t(i)];
    return std::vector<float>(z.begin(), z.end());
}

std::vector<float> basisTraversal(const LatentBasis& basis, const std::vector<float>& z, const std::vector<int>& axes,
                                  int steps, float range)
{
    checkBasis(basis, z, "traversal");
    if (steps < 2 || steps > 100)
        throw InputError("traversal needs 2 to 100 steps, got " + std::to_string(steps));
    std::vector<float> out;
    out.reserve(axes.size() * size_t(steps) * z.size());
    for (int a : axes) {
        if (a < 0 || a >= basis.count())
            throw InputError("traversal: axis " + std::to_string(a) + " is outside the basis");
        for (int s = 0; s < steps; ++s) {
            const auto code = withCoordinate(basis, z, a, -range + 2.0f * range * float(s) / float(steps - 1));
            out.insert(out.end(), code.begin(), code.end());
        }
    }
    return out;
}

std::vector<float> gaussianCodes(int n, const std::vector<float>& mean, const std::vector<float>& stddev, uint64_t seed)
{
    sameSize(mean, stddev, "gaussian codes");
    if (n < 0)
        throw InputError("gaussian codes: negative count");
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> out;
    out.reserve(size_t(n) * mean.size());
    for (int i = 0; i < n; ++i)
        for (size_t k = 0; k < mean.size(); ++k)
            out.push_back(mean[k] + stddev[k] * normal(rng));
    return out;
}

std::vector<std::pair<int64_t, float>> nearestRows(const std::vector<float>& values, int dim, const std::vector<float>& z, int k,
                                                   const std::vector<char>& among)
{
    if (dim <= 0 || z.size() != size_t(dim) || k <= 0)
        return {};
    const int64_t n = int64_t(values.size()) / dim;
    std::vector<std::pair<double, int64_t>> all; // squared distance, row: ties go to the lower row
    all.reserve(size_t(n));
    const bool some = among.size() == size_t(n);
    for (int64_t i = 0; i < n; ++i) {
        if (some && !among[size_t(i)])
            continue;
        double d = 0;
        for (int c = 0; c < dim; ++c) {
            const double t = double(values[size_t(i * dim + c)]) - z[size_t(c)];
            d += t * t;
        }
        all.push_back({d, i});
    }
    const size_t keep = std::min(all.size(), size_t(k));
    std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(keep), all.end());
    std::vector<std::pair<int64_t, float>> out;
    for (size_t i = 0; i < keep; ++i)
        out.push_back({all[i].second, float(std::sqrt(all[i].first))});
    return out;
}

} // namespace latentlab
