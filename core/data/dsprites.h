// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// dSprites (Matthey et al. 2017), drawn procedurally: 64x64 binary images of one sprite whose five
// generative factors are known, on the original's grid: shape (square, ellipse, heart) x scale (6
// values, 0.5 to 1) x orientation (40 values over 2 pi) x position x (32) x position y (32).
#include "core/data/dataset.h"

#include <string>

namespace latentlab {

/// "dsprites[:N][,seed=S]": N images (default 20000, at most 737280, the full grid's size) with
/// factors drawn uniformly from the grid; labels are the shape; factors() holds the five factor
/// indices (shape, scale, orientation, posX, posY). The last testFraction of them is the test split.
Dataset loadDsprites(const std::string& spec, const std::string& arg, double testFraction, uint64_t seed);

} // namespace latentlab
