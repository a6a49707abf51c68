#pragma once
// core Image (plain bytes) -> QImage, on the GUI side of the thread boundary.
#include "core/image.h"

#include <QImage>

namespace latentlab::ui {

/// A deep copy as Grayscale8 or RGB888.
inline QImage toQImage(const Image& image)
{
    if (image.empty())
        return {};
    const auto format = image.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    return QImage(image.pixels.data(), image.width, image.height, image.width * image.channels, format).copy();
}

} // namespace latentlab::ui
