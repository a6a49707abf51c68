// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/model_grids.h"

#include "core/error.h"
#include "core/latent/latent_math.h"

#include <algorithm>
#include <cmath>

namespace latentlab {

namespace {

void statistics(const Model& model, const LatentCodes* codes, std::vector<float>& mean, std::vector<float>& stddev)
{
    const int dim = model.info().latentDim();
    if (codes && codes->count() > 1 && codes->dim == dim) {
        codeStatistics(codes->values, dim, mean, stddev);
    } else {
        mean.assign(size_t(dim), 0.0f);
        stddev.assign(size_t(dim), 1.0f);
    }
}

std::vector<float> conditionOrDefault(const ModelInfo& info, const std::vector<float>& condition)
{
    return condition.empty() ? info.defaultCondition() : condition;
}

void requireCount(const char* what, int value, int min, int max)
{
    if (value < min || value > max)
        throw InputError(std::string(what) + ": " + std::to_string(value) + " is out of range, expected " +
                         std::to_string(min) + " to " + std::to_string(max));
}

} // namespace

std::vector<float> conditionOfCode(const ModelInfo& info, const LatentCodes& codes, int64_t i)
{
    if (!info.conditional())
        return {};
    std::vector<float> cond(size_t(info.conditionDim), 0.0f);
    if (info.conditionFromLabels) {
        const int label = size_t(i) < codes.labels.size() ? codes.labels[size_t(i)] : -1;
        if (label >= 0 && label < info.conditionDim)
            cond[size_t(label)] = 1.0f;
    } else if (codes.attributes.size() >= size_t(i + 1) * cond.size()) {
        std::copy_n(codes.attributes.begin() + i * int64_t(cond.size()), cond.size(), cond.begin());
    }
    return cond;
}

std::unique_ptr<LatentCodes> autoencoderCodes(const Model& model, const Dataset* data)
{
    if (model.info().config.model.kind != ModelKind::Autoencoder || !data)
        return nullptr;
    return std::make_unique<LatentCodes>(model.encode(*data, true, 5000));
}

std::vector<Image> sampleImages(const Model& model, const LatentCodes* codes, int n, uint64_t seed,
                                const std::vector<float>& condition)
{
    requireCount("sample count", n, 1, 4096);
    const ModelInfo& info = model.info();
    std::vector<float> cond = condition;
    if (info.conditional() && cond.empty()) {
        if (info.conditionFromLabels) {
            for (int i = 0; i < n; ++i)
                for (int c = 0; c < info.conditionDim; ++c)
                    cond.push_back(c == i % info.conditionDim ? 1.0f : 0.0f);
        } else {
            cond = info.defaultCondition();
        }
    }
    if (info.config.model.kind != ModelKind::Autoencoder || !codes)
        return model.sample(n, seed, cond);
    std::vector<float> mean, stddev;
    statistics(model, codes, mean, stddev);
    return model.decode(gaussianCodes(n, mean, stddev, seed), n, cond);
}

int sampleGridColumns(const Model& model, int n, bool conditionGiven)
{
    const ModelInfo& info = model.info();
    if (!conditionGiven && info.conditional() && info.conditionFromLabels)
        return info.conditionDim;
    return std::max(1, int(std::lround(std::sqrt(double(n)))));
}

Image traversalGridImage(const Model& model, const LatentCodes* codes, int rows, int steps,
                         const std::vector<float>& condition)
{
    requireCount("traversal steps", steps, 2, 64);
    requireCount("traversal rows", rows, 1, 256);
    std::vector<float> mean, stddev;
    statistics(model, codes, mean, stddev);
    std::vector<int> dims;
    for (int d = 0; d < std::min(rows, model.info().latentDim()); ++d)
        dims.push_back(d);
    const auto z = traversalGrid(mean, stddev, dims, steps);
    const int count = int(dims.size()) * steps;
    return makeGrid(model.decode(z, count, conditionOrDefault(model.info(), condition)), steps);
}

Image manifoldGridImage(const Model& model, const LatentCodes* codes, int n, float range, int dimX, int dimY,
                        const std::vector<float>& condition)
{
    requireCount("manifold size", n, 2, 64);
    const int dim = model.info().latentDim();
    if (dim < 2)
        throw InputError("a manifold grid needs a latent of at least 2 dimensions");
    if (dimX < 0 || dimY < 0 || dimX >= dim || dimY >= dim || dimX == dimY)
        throw InputError("manifold dimensions " + std::to_string(dimX) + "," + std::to_string(dimY) +
                         ": expected two different dimensions below " + std::to_string(dim));
    std::vector<float> mean, stddev;
    statistics(model, codes, mean, stddev);
    std::vector<float> dirX(size_t(dim), 0.0f), dirY(size_t(dim), 0.0f);
    dirX[size_t(dimX)] = stddev[size_t(dimX)] > 0 ? stddev[size_t(dimX)] : 1.0f;
    dirY[size_t(dimY)] = stddev[size_t(dimY)] > 0 ? stddev[size_t(dimY)] : 1.0f;
    const auto z = manifoldGrid(mean, dirX, dirY, n, -range, range, -range, range);
    return makeGrid(model.decode(z, n * n, conditionOrDefault(model.info(), condition)), n, 0);
}

Image reconstructionGridImage(const Model& model, const Dataset& data, int count)
{
    requireCount("reconstruction count", count, 1, 256);
    const LatentCodes codes = model.encode(data, true, count);
    const int n = int(codes.count());
    if (n == 0)
        throw InputError(data.info().spec + ": the test split is empty, nothing to reconstruct");
    std::vector<float> cond;
    for (int i = 0; i < n; ++i) {
        const auto c = conditionOfCode(model.info(), codes, i);
        cond.insert(cond.end(), c.begin(), c.end());
    }
    std::vector<Image> images = data.images(true, 0, n);
    const auto recons = model.decode(codes.values, n, cond);
    images.insert(images.end(), recons.begin(), recons.end());
    return makeGrid(images, n);
}

namespace {
// Rows 1..n-2 of a path of n rows, backwards, appended: there and back without repeating an end.
void appendReturn(std::vector<float>& rows, int n, size_t width)
{
    const std::vector<float> forward = rows;
    for (int i = n - 2; i >= 1; --i)
        rows.insert(rows.end(), forward.begin() + i * int64_t(width), forward.begin() + (i + 1) * int64_t(width));
}
} // namespace

std::vector<Image> interpolationFrames(const Model& model, const std::vector<float>& a, const std::vector<float>& b,
                                       int frames, bool spherical, const std::vector<float>& conditionA, bool backAndForth,
                                       const std::vector<float>& conditionB)
{
    requireCount("frame count", frames, 2, 10000);
    const int dim = model.info().latentDim();
    if (int(a.size()) != dim || int(b.size()) != dim)
        throw InputError("interpolation end points must have " + std::to_string(dim) + " values");
    std::vector<float> path = interpolationPath(a, b, frames, spherical);
    const std::vector<float> first = conditionOrDefault(model.info(), conditionA);
    std::vector<float> conditions = interpolationConditions(first, conditionB, frames);
    if (backAndForth) {
        appendReturn(path, frames, size_t(dim));
        if (!first.empty())
            appendReturn(conditions, frames, first.size());
    }
    const int count = int(path.size()) / dim;
    return model.decode(path, count, conditions);
}

} // namespace latentlab
