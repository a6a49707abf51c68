#include "core/latent/latent_math.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <string>

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

} // namespace latentlab
