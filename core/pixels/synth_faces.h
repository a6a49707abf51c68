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

struct SynthFace {
    std::vector<int8_t> attributes;   // 0/1 per synthFaceAttributeNames()
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
