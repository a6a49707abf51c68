// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// core Image (plain bytes) <-> QImage, on the GUI side of the thread boundary.
#include "core/image.h"

#include <QImage>

#include <algorithm>

namespace latentlab::ui {

/// A deep copy as Grayscale8 or RGB888.
inline QImage toQImage(const Image& image)
{
    if (image.empty())
        return {};
    const auto format = image.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    return QImage(image.pixels.data(), image.width, image.height, image.width * image.channels, format).copy();
}

/// The inverse (exports): gray images stay one channel, anything else becomes RGB.
inline Image fromQImage(const QImage& image)
{
    Image out;
    if (image.isNull())
        return out;
    const bool gray = image.format() == QImage::Format_Grayscale8 || image.isGrayscale();
    const QImage src = image.convertToFormat(gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    out.width = src.width();
    out.height = src.height();
    out.channels = gray ? 1 : 3;
    const int rowBytes = out.width * out.channels;
    out.pixels.resize(size_t(rowBytes) * size_t(out.height));
    for (int y = 0; y < out.height; ++y)
        std::copy_n(src.constScanLine(y), rowBytes, out.pixels.begin() + ptrdiff_t(y) * rowBytes);
    return out;
}

} // namespace latentlab::ui
