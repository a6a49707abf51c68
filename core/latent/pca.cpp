// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/pca.h"

#include <algorithm>
#include <cmath>

namespace latentlab {

namespace {

// Power iteration for the top eigenvector of cov in the space orthogonal to `found`.
std::vector<double> topEigenvector(const std::vector<double>& cov, int dim, const std::vector<std::vector<double>>& found)
{
    std::vector<double> v(dim);
    for (int i = 0; i < dim; ++i)
        v[i] = 1.0 + 0.01 * i; // deterministic start, not orthogonal to typical data
    // Start and stay in the space orthogonal to what was found (twice: Gram-Schmidt drifts); returns the norm.
    auto orthogonalise = [&](std::vector<double>& x) {
        for (int pass = 0; pass < 2; ++pass)
            for (const auto& o : found) {
                double d = 0;
                for (int i = 0; i < dim; ++i)
                    d += x[i] * o[i];
                for (int i = 0; i < dim; ++i)
                    x[i] -= d * o[i];
            }
        double n = 0;
        for (double e : x)
            n += e * e;
        return std::sqrt(n);
    };
    double n0 = orthogonalise(v);
    for (int axis = 0; n0 < 1e-6 && axis < dim; ++axis) { // the start lay in the found space
        v.assign(size_t(dim), 0.0);
        v[size_t(axis)] = 1.0;
        n0 = orthogonalise(v);
    }
    for (double& x : v)
        x /= n0;
    for (int iter = 0; iter < 200; ++iter) {
        std::vector<double> w(dim, 0.0);
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                w[r] += cov[size_t(r) * dim + c] * v[c];
        const double norm = orthogonalise(w);
        if (norm < 1e-30)
            break;
        double change = 0;
        for (int i = 0; i < dim; ++i) {
            const double n = w[i] / norm;
            change += std::abs(n - v[i]);
            v[i] = n;
        }
        if (change < 1e-10)
            break;
    }
    return v;
}

void alignSign(std::vector<float>& axis, const std::vector<float>& previous)
{
    if (previous.size() != axis.size())
        return;
    double d = 0;
    for (size_t i = 0; i < axis.size(); ++i)
        d += double(axis[i]) * previous[i];
    if (d < 0)
        for (float& x : axis)
            x = -x;
}

// The sign of an eigenvector is arbitrary: fix it from the vector itself (its largest component
// positive), so the same codes always give the same picture, e.g. a reopened session.
void fixSign(std::vector<float>& axis)
{
    size_t largest = 0;
    for (size_t i = 1; i < axis.size(); ++i)
        if (std::fabs(axis[i]) > std::fabs(axis[largest]))
            largest = i;
    if (!axis.empty() && axis[largest] < 0)
        for (float& x : axis)
            x = -x;
}

void projectOnto(Projection2D& p, const std::vector<float>& codes, int dim)
{
    const size_t n = dim > 0 ? codes.size() / size_t(dim) : 0;
    p.points.resize(n * 2);
    for (size_t i = 0; i < n; ++i) {
        double x = 0, y = 0;
        for (int k = 0; k < dim; ++k) {
            const double c = codes[i * dim + k] - p.mean[k];
            x += c * p.axis1[k];
            y += c * p.axis2[k];
        }
        p.points[2 * i] = float(x);
        p.points[2 * i + 1] = float(y);
    }
}

std::vector<double> columnMeans(const std::vector<float>& codes, int dim)
{
    const size_t n = codes.size() / size_t(dim);
    std::vector<double> mean(size_t(dim), 0.0);
    for (size_t i = 0; i < n; ++i)
        for (int k = 0; k < dim; ++k)
            mean[k] += codes[i * dim + k];
    for (double& m : mean)
        m /= double(std::max<size_t>(n, 1));
    return mean;
}

// Covariance (unnormalised: sums of products) of the rows around `mean`.
std::vector<double> covariance(const std::vector<float>& codes, int dim, const std::vector<double>& mean)
{
    const size_t n = codes.size() / size_t(dim);
    std::vector<double> cov(size_t(dim) * dim, 0.0);
    for (size_t i = 0; i < n; ++i)
        for (int r = 0; r < dim; ++r) {
            const double a = codes[i * dim + r] - mean[r];
            for (int c = r; c < dim; ++c)
                cov[size_t(r) * dim + c] += a * (codes[i * dim + c] - mean[c]);
        }
    for (int r = 0; r < dim; ++r)
        for (int c = 0; c < r; ++c)
            cov[size_t(r) * dim + c] = cov[size_t(c) * dim + r];
    return cov;
}

} // namespace

Projection2D projectPca(const std::vector<float>& codes, int dim, const Projection2D* previous)
{
    Projection2D p;
    if (dim <= 0)
        return p;
    const std::vector<double> mean = columnMeans(codes, dim);
    p.mean.assign(mean.begin(), mean.end());
    p.axis1.assign(dim, 0.0f);
    p.axis2.assign(dim, 0.0f);
    if (dim <= 2) {
        // Use the dimensions as they are: their meaning is the model's own.
        p.axis1[0] = 1.0f;
        if (dim == 2)
            p.axis2[1] = 1.0f;
        projectOnto(p, codes, dim);
        return p;
    }
    const auto cov = covariance(codes, dim, mean);
    const auto e1 = topEigenvector(cov, dim, {});
    const auto e2 = topEigenvector(cov, dim, {e1});
    for (int k = 0; k < dim; ++k) {
        p.axis1[k] = float(e1[k]);
        p.axis2[k] = float(e2[k]);
    }
    fixSign(p.axis1);
    fixSign(p.axis2);
    if (previous) {
        alignSign(p.axis1, previous->axis1);
        alignSign(p.axis2, previous->axis2);
    }
    projectOnto(p, codes, dim);
    return p;
}

LatentBasis principalBasis(const std::vector<float>& codes, int dim, int k)
{
    LatentBasis b;
    if (dim <= 0 || codes.size() < size_t(dim) || codes.size() % size_t(dim) != 0)
        return b;
    const size_t n = codes.size() / size_t(dim);
    k = std::clamp(k, 0, dim);
    const std::vector<double> mean = columnMeans(codes, dim);
    const auto cov = covariance(codes, dim, mean);
    b.dim = dim;
    b.origin.assign(mean.begin(), mean.end());
    std::vector<std::vector<double>> found;
    for (int j = 0; j < k; ++j) {
        auto v = topEigenvector(cov, dim, found);
        size_t largest = 0;
        for (size_t i = 1; i < v.size(); ++i)
            if (std::abs(v[i]) > std::abs(v[largest]))
                largest = i;
        if (v[largest] < 0)
            for (double& x : v)
                x = -x;
        double variance = 0; // v' C v / n
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                variance += v[r] * cov[size_t(r) * dim + c] * v[c];
        variance /= double(n);
        found.push_back(v);
        b.directions.insert(b.directions.end(), v.begin(), v.end());
        b.scales.push_back(variance > 1e-12 ? float(std::sqrt(variance)) : 1.0f);
    }
    return b;
}

Projection2D projectDims(const std::vector<float>& codes, int dim, int dimX, int dimY)
{
    Projection2D p;
    if (dim <= 0)
        return p;
    p.mean.assign(dim, 0.0f);
    p.axis1.assign(dim, 0.0f);
    p.axis2.assign(dim, 0.0f);
    if (dimX >= 0 && dimX < dim)
        p.axis1[dimX] = 1.0f;
    if (dimY >= 0 && dimY < dim)
        p.axis2[dimY] = 1.0f;
    projectOnto(p, codes, dim);
    return p;
}

bool projectPoint(const Projection2D& p, const std::vector<float>& z, double& x, double& y)
{
    if (z.size() != p.mean.size() || p.axis1.size() != z.size() || p.axis2.size() != z.size())
        return false;
    double px = 0, py = 0;
    for (size_t k = 0; k < z.size(); ++k) {
        px += (double(z[k]) - p.mean[k]) * p.axis1[k];
        py += (double(z[k]) - p.mean[k]) * p.axis2[k];
    }
    x = px;
    y = py;
    return true;
}

PlaneBox pointBounds(const std::vector<float>& points, size_t step)
{
    PlaneBox b;
    for (size_t i = 0; i + 1 < points.size(); i += 2 * std::max<size_t>(1, step)) {
        b.minX = std::min(b.minX, double(points[i]));
        b.maxX = std::max(b.maxX, double(points[i]));
        b.minY = std::min(b.minY, double(points[i + 1]));
        b.maxY = std::max(b.maxY, double(points[i + 1]));
    }
    return b;
}

std::vector<float> principalCoordinates(const std::vector<float>& codes, int dim, int k)
{
    const int64_t n = dim > 0 ? int64_t(codes.size()) / dim : 0;
    std::vector<float> out(size_t(n) * size_t(std::max(0, k)), 0.0f);
    if (n == 0 || k <= 0)
        return out;
    const LatentBasis basis = principalBasis(codes, dim, std::min(k, dim));
    for (int64_t i = 0; i < n; ++i)
        unscaledCoordinates(basis, codes.data() + i * dim, out.data() + i * k);
    return out;
}

void unscaledCoordinates(const LatentBasis& basis, const float* z, float* out)
{
    const int dim = basis.dim;
    for (int c = 0; c < basis.count(); ++c) {
        double s = 0;
        for (int d = 0; d < dim; ++d)
            s += (double(z[d]) - basis.origin[size_t(d)]) * basis.directions[size_t(c * dim + d)];
        out[c] = float(s);
    }
}

} // namespace latentlab
