#pragma once
// PNG/JPEG reading and writing (OpenCV). Lives in the pixels target, not in the engine.
#include "core/image.h"

#include <string>

namespace latentlab {

/// Writes an Image as PNG (format from the extension: .png, .jpg); throws Error naming the path.
void writeImage(const Image& image, const std::string& path);
/// Reads an image file as gray (channels 1) or RGB (channels 3); throws InputError naming the path.
Image readImage(const std::string& path, int channels);

} // namespace latentlab
