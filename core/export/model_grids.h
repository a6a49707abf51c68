// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The pictures a model makes, as plain Images: sample, traversal, manifold and reconstruction
// grids and interpolation frames. Shared by the CLI exports and the GUI; no torch here.
#include "core/data/dataset.h"
#include "core/image.h"
#include "core/models/model.h"

#include <memory>
#include <vector>

namespace latentlab {

/// The condition a model's i-th code was encoded with (one-hot label or attribute values); empty
/// for unconditional models.
std::vector<float> conditionOfCode(const ModelInfo& info, const LatentCodes& codes, int64_t i);

/// Test codes of a plain AE, whose samples come from a Gaussian fitted to them; null for models
/// with a prior (or without data).
std::unique_ptr<LatentCodes> autoencoderCodes(const Model& model, const Dataset* data);
/// n samples: N(0, I) draws for variational models; for a plain AE a Gaussian fitted to `codes`
/// (its test codes; N(0, I) means nothing to an unregularised code space) when given. An empty
/// condition on a label-conditioned model cycles through the classes (one column per class).
std::vector<Image> sampleImages(const Model& model, const LatentCodes* codes, int n, uint64_t seed,
                                const std::vector<float>& condition = {});
/// Columns for a sample grid of n: one per class when sampleImages cycles classes, else ~sqrt(n).
int sampleGridColumns(const Model& model, int n, bool conditionGiven);

/// Rows = latent dimensions 0..rows-1 (at most the latent size), `steps` columns sweeping each
/// from -3 to +3 standard deviations of `codes` (1 when null) around their mean.
Image traversalGridImage(const Model& model, const LatentCodes* codes, int rows, int steps,
                         const std::vector<float>& condition = {});
/// An n x n grid over mean +- range sd of latent dimensions dimX (across) and dimY (up); the
/// other dimensions at their mean.
Image manifoldGridImage(const Model& model, const LatentCodes* codes, int n, float range = 3.0f, int dimX = 0,
                        int dimY = 1, const std::vector<float>& condition = {});
/// The first `count` test images (top row) above their reconstructions (decoded latent means).
Image reconstructionGridImage(const Model& model, const Dataset& data, int count);
/// `frames` images morphing from code a to code b (linear or spherical); with backAndForth the
/// path returns to a (2 * frames - 2 images, so that a loop does not repeat an end frame). A
/// conditional model's condition goes from conditionA to conditionB along the path (conditionB
/// empty: conditionA throughout; both empty: the model's default).
std::vector<Image> interpolationFrames(const Model& model, const std::vector<float>& a, const std::vector<float>& b,
                                       int frames, bool spherical, const std::vector<float>& conditionA = {},
                                       bool backAndForth = false, const std::vector<float>& conditionB = {});

} // namespace latentlab
