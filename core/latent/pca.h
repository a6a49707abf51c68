// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// 2-D projections of latent codes for the scatter view. Plain C++.
#include "core/latent/latent_math.h"

#include <cstddef>
#include <vector>

namespace latentlab {

struct Projection2D {
    std::vector<float> mean;              // dim values
    std::vector<float> axis1, axis2;      // unit vectors (dim values each)
    std::vector<float> points;            // count * 2 (x, y)
};

/// Where code z lands in the projection's plane; false (x, y untouched) when z has another size.
bool projectPoint(const Projection2D& p, const std::vector<float>& z, double& x, double& y);

/// Projects count x dim codes onto their top two principal directions (power iteration on the
/// covariance). Each axis has its largest component positive, so the same codes always give the
/// same picture; with `previous` axes of the same dim, each new axis is flipped to agree in sign
/// with the old one, so the picture does not mirror from epoch to epoch. dim 1 gives y = 0;
/// dim 2 is used as it is.
Projection2D projectPca(const std::vector<float>& codes, int dim, const Projection2D* previous = nullptr);

/// The top `k` principal directions of count x dim codes as slider axes: origin = the mean, scales =
/// the standard deviation along each direction (k is clipped to dim). Signs are fixed so that each
/// direction's largest component is positive, so the same data gives the same sliders.
LatentBasis principalBasis(const std::vector<float>& codes, int dim, int k);

/// The codes' coordinates along their top k principal directions, in code units (not scaled by the
/// standard deviations): count x k values, 0 in the columns beyond a smaller latent. A 3-D PCA map,
/// UMAP's starting layout.
std::vector<float> principalCoordinates(const std::vector<float>& codes, int dim, int k);

/// z (basis.dim values) along each of the basis's directions, in code units (not scaled by the
/// spreads): basis.count() values written to out.
void unscaledCoordinates(const LatentBasis& basis, const float* z, float* out);

/// Projects onto two chosen dimensions.
Projection2D projectDims(const std::vector<float>& codes, int dim, int dimX, int dimY);

/// The smallest box around points given as x, y pairs (min > max when there are none).
struct PlaneBox {
    double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
};
/// The box around every `step`-th point of `points` (x, y pairs).
PlaneBox pointBounds(const std::vector<float>& points, std::size_t step = 1);

} // namespace latentlab
