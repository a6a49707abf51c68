// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Latent-space arithmetic for the explorer: interpolation, attribute vectors, traversal and
// manifold grids. Plain C++ on flat float vectors (row-major, `dim` values per code).
#include <cstdint>
#include <utility>
#include <vector>

namespace latentlab {

/// Slider axes over a latent space: a point's coordinate k is (z - origin) . direction_k / scale_k,
/// so a coordinate of 1 is one standard deviation along that direction.
struct LatentBasis {
    int dim = 0;
    std::vector<float> origin;      // dim values
    std::vector<float> directions;  // count() * dim values, unit length, orthogonal
    std::vector<float> scales;      // one standard deviation along each direction (> 0)
    int count() const { return int(scales.size()); }
};

/// One axis per latent dimension, centred on `mean`, scaled by `stddev` (zeros become 1).
LatentBasis dimensionBasis(const std::vector<float>& mean, const std::vector<float>& stddev);

/// The coordinates of z along each axis of the basis.
std::vector<float> basisCoordinates(const LatentBasis& basis, const std::vector<float>& z);

/// z moved along axis `axis` so that its coordinate there becomes `coordinate`; the rest of z
/// (other axes and whatever the basis does not span) stays as it is.
std::vector<float> withCoordinate(const LatentBasis& basis, const std::vector<float>& z, int axis, float coordinate);

/// origin + sum_k coordinates[k] * scale_k * direction_k.
std::vector<float> fromCoordinates(const LatentBasis& basis, const std::vector<float>& coordinates);

/// A traversal grid along basis axes: row r sweeps axis axes[r] from -range to +range around z
/// (other coordinates as in z). axes.size() * steps codes.
std::vector<float> basisTraversal(const LatentBasis& basis, const std::vector<float>& z, const std::vector<int>& axes,
                                  int steps, float range = 3.0f);

/// n codes drawn from N(mean, diag(stddev^2)) with a seeded generator (same seed, same codes).
std::vector<float> gaussianCodes(int n, const std::vector<float>& mean, const std::vector<float>& stddev, uint64_t seed);

/// Linear interpolation a + t (b - a).
std::vector<float> lerp(const std::vector<float>& a, const std::vector<float>& b, float t);

/// Spherical interpolation along the great circle between a and b, with magnitudes interpolated
/// linearly (the usual choice for Gaussian latents); falls back to lerp when a and b are (anti)parallel
/// within numerical precision or either is zero.
std::vector<float> slerp(const std::vector<float>& a, const std::vector<float>& b, float t);

/// `steps` codes from a to b inclusive (steps >= 2), linear or spherical.
std::vector<float> interpolationPath(const std::vector<float>& a, const std::vector<float>& b, int steps, bool spherical);
/// The condition of each of those `steps` codes: linear from a's condition to b's (both are points
/// of the condition box; a slerp has no meaning there). b empty: a's for all. Both empty: empty.
std::vector<float> interpolationConditions(const std::vector<float>& a, const std::vector<float>& b, int steps);

/// Mean code of the rows where `has[i]` is true minus the mean of the rows where it is false
/// ("add smile"). Throws InputError when either group is empty.
std::vector<float> attributeVector(const std::vector<float>& codes, int dim, const std::vector<bool>& has);

/// Per-dimension mean and standard deviation of the codes.
void codeStatistics(const std::vector<float>& codes, int dim, std::vector<float>& mean, std::vector<float>& stddev);

/// A traversal grid: for each of `dims` (rows), `steps` codes sweeping that dimension from
/// -range to +range standard deviations around `base` (other dimensions fixed). rows*steps codes.
std::vector<float> traversalGrid(const std::vector<float>& base, const std::vector<float>& stddev,
                                 const std::vector<int>& dims, int steps, float range = 3.0f);

/// An n x n grid over [xMin, xMax] x [yMin, yMax] along two directions (unit or not) from `origin`:
/// row r (top = yMax) and column c give origin + x * dirX + y * dirY. n*n codes, row-major.
std::vector<float> manifoldGrid(const std::vector<float>& origin, const std::vector<float>& dirX,
                                const std::vector<float>& dirY, int n, float xMin, float xMax, float yMin, float yMax);

/// The k rows of `values` (rows of dim) nearest z, nearest first, ties to the lower index: (row,
/// Euclidean distance). With a flag per row in `among`, only the flagged rows.
std::vector<std::pair<int64_t, float>> nearestRows(const std::vector<float>& values, int dim, const std::vector<float>& z, int k,
                                                   const std::vector<char>& among = {});

} // namespace latentlab
