// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// PNG/JPEG reading and writing (OpenCV). Lives in the pixels target, not in the engine.
#include "core/image.h"

#include <string>

namespace latentlab {

/// Writes an Image as PNG (format from the extension: .png, .jpg) atomically: a failed write
/// leaves any earlier file at `path` as it was. Throws Error naming the path.
/// "OpenCV 4.6.0": the pixel library this build uses, for --version.
std::string pixelLibraryDescription();

void writeImage(const Image& image, const std::string& path);
/// The image with a caption band below it (white text on dark gray, one line; the band widens a
/// narrow image so that the text fits). An empty caption returns the image unchanged.
Image captioned(const Image& image, const std::string& caption);
/// What an export writes: nearest-neighbour upscaled by `scale` (1..32), then captioned.
/// Throws InputError for a bad scale or a result over 16384 pixels a side.
Image exportImage(const Image& image, int scale, const std::string& caption = "");
/// Reads an image file as gray (channels 1) or RGB (channels 3); throws InputError naming the path.
Image readImage(const std::string& path, int channels);

} // namespace latentlab
