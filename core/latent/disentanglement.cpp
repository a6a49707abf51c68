// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/disentanglement.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace latentlab {

namespace {

using Column = std::vector<double>;

Column column(const std::vector<float>& rows, int width, int c)
{
    Column out(rows.size() / size_t(width));
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = rows[i * size_t(width) + size_t(c)];
    return out;
}

// Equal-width bins over [min, max] (numpy's histogram + digitize, as disentanglement_lib does).
std::vector<int> binned(const Column& x, int bins)
{
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    const double width = (*hi - *lo) / bins;
    std::vector<int> out(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        out[i] = width > 0 ? std::clamp(int((x[i] - *lo) / width), 0, bins - 1) : 0;
    return out;
}

// A factor's classes: its distinct values when there are few, else bins.
std::vector<int> classes(const Column& x, int bins)
{
    std::map<double, int> distinct;
    for (double v : x) {
        distinct.emplace(v, 0);
        if (distinct.size() > 32)
            return binned(x, bins);
    }
    int next = 0;
    for (auto& [value, index] : distinct)
        index = next++;
    std::vector<int> out(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        out[i] = distinct[x[i]];
    return out;
}

double entropy(const std::vector<double>& weights, double base)
{
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (total <= 0 || base <= 1)
        return 0;
    double h = 0;
    for (double w : weights)
        if (w > 0)
            h -= w / total * std::log(w / total);
    return h / std::log(base);
}

// The largest minus the second largest value.
double gap(std::vector<double> v)
{
    if (v.size() < 2)
        return v.empty() ? 0 : v[0];
    std::partial_sort(v.begin(), v.begin() + 2, v.end(), std::greater<>());
    return v[0] - v[1];
}

// Accuracy on the second half of a nearest class-mean classifier fitted on the first half.
double singleDimensionAccuracy(const Column& x, const std::vector<int>& y, int classCount)
{
    const size_t half = x.size() / 2;
    std::vector<double> sum(size_t(classCount), 0.0), count(size_t(classCount), 0.0);
    for (size_t i = 0; i < half; ++i) {
        sum[size_t(y[i])] += x[i];
        count[size_t(y[i])] += 1;
    }
    size_t right = 0;
    for (size_t i = half; i < x.size(); ++i) {
        int best = -1;
        double bestD = 0;
        for (int c = 0; c < classCount; ++c)
            if (count[size_t(c)] > 0) {
                const double d = std::abs(x[i] - sum[size_t(c)] / count[size_t(c)]);
                if (best < 0 || d < bestD) {
                    best = c;
                    bestD = d;
                }
            }
        right += best == y[i];
    }
    return double(right) / double(x.size() - half);
}

// Solves A w = b (A symmetric positive definite, n x n) by Gaussian elimination with pivoting.
std::vector<double> solve(std::vector<double> a, std::vector<double> b, int n)
{
    for (int c = 0; c < n; ++c) {
        int pivot = c;
        for (int r = c + 1; r < n; ++r)
            if (std::abs(a[size_t(r * n + c)]) > std::abs(a[size_t(pivot * n + c)]))
                pivot = r;
        for (int k = 0; k < n; ++k)
            std::swap(a[size_t(c * n + k)], a[size_t(pivot * n + k)]);
        std::swap(b[size_t(c)], b[size_t(pivot)]);
        for (int r = c + 1; r < n; ++r) {
            const double f = a[size_t(r * n + c)] / a[size_t(c * n + c)];
            for (int k = c; k < n; ++k)
                a[size_t(r * n + k)] -= f * a[size_t(c * n + k)];
            b[size_t(r)] -= f * b[size_t(c)];
        }
    }
    std::vector<double> w(static_cast<size_t>(n));
    for (int r = n - 1; r >= 0; --r) {
        double s = b[size_t(r)];
        for (int k = r + 1; k < n; ++k)
            s -= a[size_t(r * n + k)] * w[size_t(k)];
        w[size_t(r)] = s / a[size_t(r * n + r)];
    }
    return w;
}

// Ridge regression of y on the standardised columns, fitted on the first half: |weights| and the
// test half's R^2.
std::pair<std::vector<double>, double> ridge(const std::vector<Column>& z, const Column& y)
{
    const int d = int(z.size());
    const size_t n = y.size(), half = n / 2;
    const double ridgeWeight = 1e-3 * double(half);
    const double yMean = std::accumulate(y.begin(), y.begin() + std::ptrdiff_t(half), 0.0) / double(half);
    std::vector<double> a(size_t(d * d), 0.0), b(size_t(d), 0.0);
    for (int j = 0; j < d; ++j) {
        for (int k = j; k < d; ++k) {
            double s = 0;
            for (size_t i = 0; i < half; ++i)
                s += z[size_t(j)][i] * z[size_t(k)][i];
            a[size_t(j * d + k)] = a[size_t(k * d + j)] = s;
        }
        a[size_t(j * d + j)] += ridgeWeight;
        for (size_t i = 0; i < half; ++i)
            b[size_t(j)] += z[size_t(j)][i] * (y[i] - yMean);
    }
    const std::vector<double> w = solve(a, b, d);
    double sse = 0, sst = 0;
    for (size_t i = half; i < n; ++i) {
        double p = yMean;
        for (int j = 0; j < d; ++j)
            p += w[size_t(j)] * z[size_t(j)][i];
        sse += (y[i] - p) * (y[i] - p);
        sst += (y[i] - yMean) * (y[i] - yMean);
    }
    std::vector<double> importance(static_cast<size_t>(d));
    for (int j = 0; j < d; ++j)
        importance[size_t(j)] = std::abs(w[size_t(j)]);
    return {importance, sst > 0 ? std::clamp(1 - sse / sst, 0.0, 1.0) : 0.0};
}

void scoreDci(const std::vector<Column>& codes, const std::vector<Column>& factors, DisentanglementScores& s)
{
    // Standardised codes (constant ones stay 0), and R[j][k] = importance of code j for factor k.
    std::vector<Column> z = codes;
    for (Column& c : z) {
        const double mean = std::accumulate(c.begin(), c.end(), 0.0) / double(c.size());
        double var = 0;
        for (double v : c)
            var += (v - mean) * (v - mean);
        const double sd = std::sqrt(var / double(c.size()));
        for (double& v : c)
            v = sd > 1e-12 ? (v - mean) / sd : 0.0;
    }
    const size_t d = z.size(), k = factors.size();
    std::vector<std::vector<double>> r(d, std::vector<double>(k));
    double informativeness = 0;
    for (size_t f = 0; f < k; ++f) {
        const auto [importance, r2] = ridge(z, factors[f]);
        for (size_t j = 0; j < d; ++j)
            r[j][f] = importance[j];
        informativeness += r2 / double(k);
    }
    double total = 0;
    for (const auto& row : r)
        total += std::accumulate(row.begin(), row.end(), 0.0);
    if (total <= 0)
        return;
    for (size_t j = 0; j < d; ++j) // each code dimension's share, weighted by its importance
        s.dciDisentanglement += std::accumulate(r[j].begin(), r[j].end(), 0.0) / total * (1 - entropy(r[j], double(k)));
    for (size_t f = 0; f < k; ++f) {
        std::vector<double> col(d);
        for (size_t j = 0; j < d; ++j)
            col[j] = r[j][f];
        s.dciCompleteness += std::accumulate(col.begin(), col.end(), 0.0) / total * (1 - entropy(col, double(d)));
    }
    s.dciInformativeness = informativeness;
}

} // namespace

double mutualInformation(const std::vector<int>& a, const std::vector<int>& b)
{
    if (a.size() != b.size() || a.empty())
        return 0;
    const int na = *std::max_element(a.begin(), a.end()) + 1, nb = *std::max_element(b.begin(), b.end()) + 1;
    std::vector<double> joint(size_t(na) * size_t(nb), 0.0), pa(size_t(na), 0.0), pb(size_t(nb), 0.0);
    const double n = double(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        joint[size_t(a[i]) * size_t(nb) + size_t(b[i])] += 1 / n;
        pa[size_t(a[i])] += 1 / n;
        pb[size_t(b[i])] += 1 / n;
    }
    double mi = 0;
    for (int i = 0; i < na; ++i)
        for (int j = 0; j < nb; ++j)
            if (const double p = joint[size_t(i) * size_t(nb) + size_t(j)]; p > 0)
                mi += p * std::log(p / (pa[size_t(i)] * pb[size_t(j)]));
    return std::max(0.0, mi);
}

DisentanglementScores disentanglement(const std::vector<float>& codes, int dim, const std::vector<float>& factors,
                                      int factorCount, int bins)
{
    if (dim < 1 || factorCount < 1 || codes.size() % size_t(dim) || factors.size() % size_t(factorCount) ||
        codes.size() / size_t(dim) != factors.size() / size_t(factorCount))
        throw InputError("disentanglement: codes and factors must have one row per point");
    const size_t n = codes.size() / size_t(dim);
    if (n < 20)
        throw InputError("disentanglement: needs at least 20 points, got " + std::to_string(n));
    for (const auto* v : {&codes, &factors})
        for (float x : *v)
            if (!std::isfinite(x))
                throw InputError("disentanglement: codes and factors must be finite numbers");
    DisentanglementScores s;
    std::vector<Column> codeColumns, factorColumns;
    std::vector<std::vector<int>> codeBins, factorClasses;
    for (int j = 0; j < dim; ++j) {
        codeColumns.push_back(column(codes, dim, j));
        codeBins.push_back(binned(codeColumns.back(), bins));
        double mean = 0, var = 0;
        for (double v : codeColumns.back())
            mean += v / double(n);
        for (double v : codeColumns.back())
            var += (v - mean) * (v - mean) / double(n);
        s.activeUnits += var > 0.01;
    }
    for (int k = 0; k < factorCount; ++k) {
        factorColumns.push_back(column(factors, factorCount, k));
        factorClasses.push_back(classes(factorColumns.back(), bins));
    }
    double sapSum = 0;
    for (int k = 0; k < factorCount; ++k) {
        const auto& y = factorClasses[size_t(k)];
        const double h = mutualInformation(y, y);
        std::vector<double> mi, accuracy;
        const int classCount = *std::max_element(y.begin(), y.end()) + 1;
        for (int j = 0; j < dim; ++j) {
            mi.push_back(mutualInformation(codeBins[size_t(j)], y));
            accuracy.push_back(singleDimensionAccuracy(codeColumns[size_t(j)], y, classCount));
        }
        s.migPerFactor.push_back(h > 0 ? gap(mi) / h : 0.0);
        sapSum += gap(accuracy);
    }
    s.mig = std::accumulate(s.migPerFactor.begin(), s.migPerFactor.end(), 0.0) / factorCount;
    s.sap = sapSum / factorCount;
    scoreDci(codeColumns, factorColumns, s);
    return s;
}

DisentanglementScores testCodeDisentanglement(const std::vector<float>& testCodes, int dim, int64_t count,
                                              const Dataset& data)
{
    const size_t factorCount = data.info().factorNames.size();
    if (factorCount == 0)
        throw InputError("dataset \"" + data.info().spec + "\" has no ground-truth factors (use dsprites[:N])");
    std::vector<float> factors = data.factors(true);
    const size_t rows = std::min({size_t(std::max<int64_t>(count, 0)), factors.size() / factorCount, testCodes.size() / size_t(dim)});
    factors.resize(rows * factorCount);
    const std::vector<float> codes(testCodes.begin(), testCodes.begin() + std::ptrdiff_t(rows * size_t(dim)));
    return disentanglement(codes, dim, factors, int(factorCount));
}

} // namespace latentlab
