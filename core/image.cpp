// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/image.h"

#include "core/error.h"

#include <algorithm>

namespace latentlab {

Image makeGrid(const std::vector<Image>& images, int columns, int padding, uint8_t background)
{
    if (images.empty())
        return {};
    const Image& first = images.front();
    columns = std::max(1, std::min<int>(columns, int(images.size())));
    const int rows = (int(images.size()) + columns - 1) / columns;
    Image grid;
    grid.channels = first.channels;
    grid.width = columns * first.width + (columns + 1) * padding;
    grid.height = rows * first.height + (rows + 1) * padding;
    grid.pixels.assign(size_t(grid.width) * grid.height * grid.channels, background);
    for (size_t i = 0; i < images.size(); ++i) {
        const Image& im = images[i];
        if (im.width != first.width || im.height != first.height || im.channels != first.channels)
            throw Error("makeGrid: image " + std::to_string(i) + " differs in size from the first");
        const int x0 = padding + int(i % columns) * (first.width + padding);
        const int y0 = padding + int(i / columns) * (first.height + padding);
        const size_t rowBytes = size_t(im.width) * im.channels;
        for (int y = 0; y < im.height; ++y)
            std::copy_n(im.pixels.begin() + size_t(y) * rowBytes, rowBytes,
                        grid.pixels.begin() + (size_t(y0 + y) * grid.width + x0) * grid.channels);
    }
    return grid;
}

Image upscaleNearest(const Image& image, int factor)
{
    if (factor <= 1)
        return image;
    Image out;
    out.width = image.width * factor;
    out.height = image.height * factor;
    out.channels = image.channels;
    out.pixels.resize(size_t(out.width) * out.height * out.channels);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < out.channels; ++c)
                out.pixels[(size_t(y) * out.width + x) * out.channels + c] = image.at(x / factor, y / factor, c);
    return out;
}

Image downscaleMean(const Image& image, int factor)
{
    if (factor <= 1)
        return image;
    Image out;
    out.width = image.width / factor;
    out.height = image.height / factor;
    out.channels = image.channels;
    out.pixels.resize(size_t(out.width) * out.height * out.channels);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < out.channels; ++c) {
                int sum = 0;
                for (int dy = 0; dy < factor; ++dy)
                    for (int dx = 0; dx < factor; ++dx)
                        sum += image.at(x * factor + dx, y * factor + dy, c);
                out.pixels[(size_t(y) * out.width + x) * out.channels + c] = uint8_t(sum / (factor * factor));
            }
    return out;
}

} // namespace latentlab
