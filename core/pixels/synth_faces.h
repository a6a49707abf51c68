// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Procedural faces with CelebA-named attributes (OpenCV drawing; pixels target). Deterministic:
// face i depends only on (seed, i), so any subset can be regenerated in parallel.
#include "core/image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

/// The attributes synthetic faces vary, named as in CelebA.
const std::vector<std::string>& synthFaceAttributeNames();

/// The generative factors each face is drawn from, for disentanglement metrics: the attributes
/// (hair colour as one factor: 0 blond, 1 black, 2 brown), the skin tone (0-3; 4 pale) and hat
/// colour (0-3) picked from tables, and the continuous face size, position (x, y), tilt, yaw and
/// background brightness.
const std::vector<std::string>& synthFaceFactorNames();

struct SynthFace {
    std::vector<int8_t> attributes;   // 0/1 per synthFaceAttributeNames()
    std::vector<float> factors;       // per synthFaceFactorNames()
    Image image;
};

/// Draws face `index` of the set `seed` at size x size pixels (the face fills the frame).
SynthFace drawSynthFace(uint64_t seed, int64_t index, int size = 64);

/// Draws face `index` as a CelebA-aligned 178x218 RGB image whose centre 148x148 crop is the face.
Image drawSynthFaceCelebaFrame(uint64_t seed, int64_t index);

struct SynthFacesOnDisk {
    int64_t count = 0;
    std::string folder;
};

/// Writes `count` faces to `folder` in CelebA's exact layout: img_align_celeba/000001.jpg ...,
/// list_attr_celeba.txt (all 40 CelebA columns; those not drawn are -1) and
/// list_eval_partition.txt (80/10/10 split).
SynthFacesOnDisk writeSynthFacesAsCeleba(const std::string& folder, int64_t count, uint64_t seed = 1);

} // namespace latentlab
