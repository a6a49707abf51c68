// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A plain 8-bit image: the value type that crosses from the engine to the UI and exporters.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct Image {
    int width = 0, height = 0, channels = 0;   // channels 1 (gray) or 3 (RGB)
    std::vector<uint8_t> pixels;               // row-major, interleaved, width*height*channels bytes
    bool empty() const { return pixels.empty(); }
    uint8_t at(int x, int y, int c = 0) const { return pixels[(size_t(y) * width + x) * channels + c]; }
};

/// Tiles equally sized images into a grid of `columns` with `padding` pixels of `background` between.
/// Throws Error when sizes differ.
Image makeGrid(const std::vector<Image>& images, int columns, int padding = 2, uint8_t background = 32);

/// Upscales by an integer factor with nearest-neighbour sampling.
Image upscaleNearest(const Image& image, int factor);
/// The image `factor` times smaller, each pixel the mean of a factor x factor block (factor <= 1:
/// unchanged).
Image downscaleMean(const Image& image, int factor);

} // namespace latentlab
