#include "core/export/image_io.h"

#include "core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace latentlab {

void writeImage(const Image& image, const std::string& path)
{
    if (image.empty())
        throw Error(path + ": nothing to write (empty image)");
    cv::Mat mat(image.height, image.width, image.channels == 3 ? CV_8UC3 : CV_8UC1,
                const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat out = mat;
    if (image.channels == 3)
        cv::cvtColor(mat, out, cv::COLOR_RGB2BGR);
    bool ok = false;
    try {
        ok = cv::imwrite(path, out);
    } catch (const cv::Exception& e) {
        throw Error(path + ": cannot write image: " + e.what());
    }
    if (!ok)
        throw Error(path + ": cannot write image (unknown extension or unwritable folder)");
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
