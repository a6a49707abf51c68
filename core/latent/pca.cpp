#include "core/latent/pca.h"

#include <cmath>

namespace latentlab {

namespace {

std::vector<double> topEigenvector(const std::vector<double>& cov, int dim, const std::vector<double>* orthogonalTo)
{
    std::vector<double> v(dim);
    for (int i = 0; i < dim; ++i)
        v[i] = 1.0 + 0.01 * i; // deterministic start, not orthogonal to typical data
    for (int iter = 0; iter < 200; ++iter) {
        std::vector<double> w(dim, 0.0);
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                w[r] += cov[size_t(r) * dim + c] * v[c];
        if (orthogonalTo) {
            double d = 0;
            for (int i = 0; i < dim; ++i)
                d += w[i] * (*orthogonalTo)[i];
            for (int i = 0; i < dim; ++i)
                w[i] -= d * (*orthogonalTo)[i];
        }
        double norm = 0;
        for (double x : w)
            norm += x * x;
        norm = std::sqrt(norm);
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

} // namespace

Projection2D projectPca(const std::vector<float>& codes, int dim, const Projection2D* previous)
{
    Projection2D p;
    if (dim <= 0)
        return p;
    const size_t n = codes.size() / size_t(dim);
    p.mean.assign(dim, 0.0f);
    std::vector<double> mean(dim, 0.0);
    for (size_t i = 0; i < n; ++i)
        for (int k = 0; k < dim; ++k)
            mean[k] += codes[i * dim + k];
    for (int k = 0; k < dim; ++k) {
        mean[k] /= std::max<size_t>(n, 1);
        p.mean[k] = float(mean[k]);
    }
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
    const auto e1 = topEigenvector(cov, dim, nullptr);
    const auto e2 = topEigenvector(cov, dim, &e1);
    for (int k = 0; k < dim; ++k) {
        p.axis1[k] = float(e1[k]);
        p.axis2[k] = float(e2[k]);
    }
    if (previous) {
        alignSign(p.axis1, previous->axis1);
        alignSign(p.axis2, previous->axis2);
    }
    projectOnto(p, codes, dim);
    return p;
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

} // namespace latentlab
