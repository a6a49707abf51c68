// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Decoding, centre-cropping and resizing many image files into one byte buffer, on all cores
// (OpenCV; pixels target). Damaged or missing files are skipped and reported, not fatal.
#include "core/image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct PreprocessOptions {
    int crop = 0;            // centre square crop side in source pixels; 0 = the shorter side
    int size = 64;           // output side
    int channels = 3;        // 1 (gray) or 3 (RGB)
    int expectWidth = 0;     // when > 0, other source sizes count as damaged
    int expectHeight = 0;
};

struct PreprocessResult {
    std::vector<uint8_t> pixels;          // kept.size() * channels * size * size, CHW per image
    std::vector<int64_t> kept;            // indices into the input list, ascending
    std::vector<std::string> bad;         // "path: reason" for each skipped file
};

/// Processes every path; `what` names the job in progress reports (reportLoadProgress).
/// Holds no more than the output buffer in memory (each worker decodes one image at a time).
PreprocessResult preprocessImages(const std::vector<std::string>& paths, const PreprocessOptions& options,
                                  const std::string& what);

/// Throws InputError when too many images were skipped: more than maxBadFraction of the total.
/// Otherwise returns a one-line note (count + first few names), or "" when none was skipped.
std::string badImagePolicy(const PreprocessResult& result, size_t total, double maxBadFraction, const std::string& source);

/// One image file (PNG/JPEG) made to fit a model the way datasets are prepared: centre square crop
/// (crop 0 = the shorter side), resized to size x size, gray or RGB. With darkBackground, a gray
/// image whose border is mostly light is inverted (MNIST-style digits are light on dark).
/// Throws InputError naming the file and the problem.
Image prepareImageFile(const std::string& path, int channels, int size, int crop = 0, bool darkBackground = false);

} // namespace latentlab
