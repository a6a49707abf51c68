// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pixels/image_io.h"

#include "core/data/file_io.h"
#include "core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace latentlab {

std::string pixelLibraryDescription() { return std::string("OpenCV ") + CV_VERSION; }

void writeImage(const Image& image, const std::string& path)
{
    if (image.empty())
        throw Error(path + ": nothing to write (empty image)");
    cv::Mat mat(image.height, image.width, image.channels == 3 ? CV_8UC3 : CV_8UC1,
                const_cast<uint8_t*>(image.pixels.data()));
    // `mat` shares the caller's pixels: convert into a new buffer, never in place.
    cv::Mat out;
    if (image.channels == 3)
        cv::cvtColor(mat, out, cv::COLOR_RGB2BGR);
    else
        out = mat;
    const size_t dot = path.find_last_of('.');
    const size_t slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        throw Error(path + ": cannot write image: no extension (use .png or .jpg)");
    std::vector<uint8_t> bytes;
    bool ok = false;
    try {
        ok = cv::imencode(path.substr(dot), out, bytes);
    } catch (const cv::Exception& e) {
        throw Error(path + ": cannot write image: " + e.what());
    }
    if (!ok)
        throw Error(path + ": cannot write image: unsupported extension \"" + path.substr(dot) + "\"");
    writeFileAtomic(path, bytes.data(), bytes.size());
}

Image captioned(const Image& image, const std::string& caption)
{
    if (caption.empty() || image.empty())
        return image;
    const int font = cv::FONT_HERSHEY_SIMPLEX;
    // Text about 1/18 of the image height, at least readable (scale 0.4 = ~9 px caps).
    const double scale = std::max(0.4, image.height / 18.0 / 22.0);
    const int thickness = scale >= 1.0 ? 2 : 1;
    int baseline = 0;
    const cv::Size text = cv::getTextSize(caption, font, scale, thickness, &baseline);
    const int margin = std::max(4, text.height / 2);
    const int band = text.height + baseline + 2 * margin;
    const int width = std::max(image.width, text.width + 2 * margin);
    const int type = image.channels == 3 ? CV_8UC3 : CV_8UC1;
    cv::Mat canvas(image.height + band, width, type, cv::Scalar::all(40));
    cv::Mat src(image.height, image.width, type, const_cast<uint8_t*>(image.pixels.data()));
    src.copyTo(canvas(cv::Rect((width - image.width) / 2, 0, image.width, image.height)));
    cv::putText(canvas, caption, cv::Point((width - text.width) / 2, image.height + margin + text.height), font, scale,
                cv::Scalar::all(235), thickness, cv::LINE_AA);
    Image out;
    out.width = canvas.cols;
    out.height = canvas.rows;
    out.channels = image.channels;
    out.pixels.assign(canvas.data, canvas.data + canvas.total() * canvas.elemSize());
    return out;
}

Image exportImage(const Image& image, int scale, const std::string& caption)
{
    if (image.empty())
        throw InputError("nothing to export (empty image)");
    if (scale < 1 || scale > 32)
        throw InputError("scale " + std::to_string(scale) + " is out of range, expected 1 to 32");
    if (int64_t(image.width) * scale > 16384 || int64_t(image.height) * scale > 16384)
        throw InputError("scale " + std::to_string(scale) + " makes a " + std::to_string(image.width) + "x" +
                         std::to_string(image.height) + " image larger than 16384 pixels a side");
    return captioned(scale == 1 ? image : upscaleNearest(image, scale), caption);
}

Image readImage(const std::string& path, int channels)
{
    cv::Mat mat;
    try {
        mat = cv::imread(path, channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        throw InputError(path + ": cannot decode image: " + e.what());
    }
    if (mat.empty())
        throw InputError(path + ": not a readable PNG/JPEG image (missing, corrupt or unsupported)");
    if (channels == 3)
        cv::cvtColor(mat, mat, cv::COLOR_BGR2RGB);
    Image im;
    im.width = mat.cols;
    im.height = mat.rows;
    im.channels = channels == 1 ? 1 : 3;
    im.pixels.assign(mat.data, mat.data + mat.total() * mat.elemSize());
    return im;
}

} // namespace latentlab
