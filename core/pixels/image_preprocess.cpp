// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pixels/image_preprocess.h"

#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

namespace latentlab {

namespace {

constexpr uint64_t kMaxImagePixels = 64000000;

uint32_t bigEndian(const uint8_t* p, int bytes)
{
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | p[i];
    return v;
}

// Width and height from a PNG's IHDR chunk ({0, 0} when it is not there).
std::pair<uint32_t, uint32_t> pngSize(const std::vector<uint8_t>& b)
{
    if (b.size() < 24 || std::memcmp(b.data() + 12, "IHDR", 4) != 0)
        return {0, 0};
    return {bigEndian(b.data() + 16, 4), bigEndian(b.data() + 20, 4)};
}

// Width and height from a JPEG's first start-of-frame marker ({0, 0} when none is found).
std::pair<uint32_t, uint32_t> jpegSize(const std::vector<uint8_t>& b)
{
    size_t i = 2;
    while (i + 9 < b.size()) {
        if (b[i] != 0xFF) {
            ++i;
            continue;
        }
        const uint8_t marker = b[i + 1];
        if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // fill bytes, no-length markers
            ++i;
            continue;
        }
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame)
            return {bigEndian(b.data() + i + 7, 2), bigEndian(b.data() + i + 5, 2)};
        if (marker == 0xDA) // start of scan: no frame header before it
            break;
        i += 2 + bigEndian(b.data() + i + 2, 2);
    }
    return {0, 0};
}

// Why the bytes are not a whole JPEG/PNG of a size worth decoding ("" when they are).
std::string checkImageBytes(const std::vector<uint8_t>& bytes)
{
    if (bytes.size() < 8)
        return "empty or too short to be an image";
    const bool jpeg = bytes[0] == 0xFF && bytes[1] == 0xD8;
    const bool png = std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0;
    if (!jpeg && !png)
        return "not a JPEG or PNG file";
    // libjpeg decodes a truncated file to a grey-padded image with only a warning: check the end marker.
    if (jpeg) {
        size_t end = bytes.size();
        while (end > 2 && bytes[end - 1] == 0)
            --end;
        if (end < 4 || bytes[end - 2] != 0xFF || bytes[end - 1] != 0xD9)
            return "truncated JPEG (no end-of-image marker)";
    }
    if (png && (bytes.size() < 12 || std::memcmp(bytes.data() + bytes.size() - 8, "IEND", 4) != 0))
        return "truncated PNG (no IEND chunk)";
    // Decoding a 20000x20000 photo takes seconds and gigabytes for a 64x64 training image: such
    // files are skipped from their header, before decoding.
    const auto [width, height] = png ? pngSize(bytes) : jpegSize(bytes);
    if (uint64_t(width) * uint64_t(height) > kMaxImagePixels)
        return "is " + std::to_string(width) + "x" + std::to_string(height) + ", over the limit of " +
               std::to_string(kMaxImagePixels / 1000000) + " megapixels";
    return "";
}

// Returns "" when the image was written to dst, else the reason it was skipped.
std::string processOne(const std::string& path, const PreprocessOptions& o, uint8_t* dst)
{
    std::vector<uint8_t> bytes;
    try {
        bytes = readFileBytes(path);
    } catch (const InputError&) {
        return "missing or unreadable";
    }
    if (const std::string problem = checkImageBytes(bytes); !problem.empty())
        return problem;
    cv::Mat img;
    try {
        img = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, bytes.data()),
                           o.channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        img.release();
    }
    if (img.empty())
        return "corrupt image data";
    if (o.expectWidth > 0 && (img.cols != o.expectWidth || img.rows != o.expectHeight))
        return "is " + std::to_string(img.cols) + "x" + std::to_string(img.rows) + ", expected " +
               std::to_string(o.expectWidth) + "x" + std::to_string(o.expectHeight);
    const int side = std::min({img.cols, img.rows, o.crop > 0 ? o.crop : INT32_MAX});
    cv::Mat square = img(cv::Rect((img.cols - side) / 2, (img.rows - side) / 2, side, side));
    cv::Mat small;
    cv::resize(square, small, cv::Size(o.size, o.size), 0, 0, side > o.size ? cv::INTER_AREA : cv::INTER_LINEAR);
    const size_t plane = size_t(o.size) * o.size;
    if (o.channels == 1) {
        for (int y = 0; y < o.size; ++y)
            std::memcpy(dst + size_t(y) * o.size, small.ptr<uint8_t>(y), size_t(o.size));
    } else {
        // OpenCV decodes BGR; store planar RGB (CHW).
        for (int y = 0; y < o.size; ++y) {
            const uint8_t* row = small.ptr<uint8_t>(y);
            for (int x = 0; x < o.size; ++x) {
                const size_t i = size_t(y) * o.size + x;
                dst[i] = row[3 * x + 2];
                dst[plane + i] = row[3 * x + 1];
                dst[2 * plane + i] = row[3 * x];
            }
        }
    }
    return "";
}

} // namespace

PreprocessResult preprocessImages(const std::vector<std::string>& paths, const PreprocessOptions& o, const std::string& what)
{
    if (o.size < 4 || o.size > 1024 || (o.channels != 1 && o.channels != 3) || o.crop < 0)
        throw InputError(what + ": image size must be 4..1024 with 1 or 3 channels");
    const size_t per = size_t(o.channels) * o.size * o.size;
    const int64_t n = int64_t(paths.size());
    PreprocessResult r;
    r.pixels.resize(per * size_t(n));
    std::vector<std::string> reasons(paths.size());
    std::atomic<int64_t> next {0}, done {0};
    constexpr int64_t kChunk = 64;
    const std::atomic<bool>* cancel = loadCancelFlag(); // read by the helper threads too
    auto work = [&](bool reporter) {
        while (true) {
            const int64_t begin = next.fetch_add(kChunk);
            if (begin >= n)
                break;
            const int64_t end = std::min(n, begin + kChunk);
            for (int64_t i = begin; i < end; ++i) {
                if (cancel && cancel->load(std::memory_order_relaxed)) {
                    next.store(n); // every thread stops at its next image
                    return;
                }
                reasons[size_t(i)] = processOne(paths[size_t(i)], o, r.pixels.data() + per * size_t(i));
            }
            const int64_t d = done.fetch_add(end - begin) + (end - begin);
            if (reporter)
                reportLoadProgress(what, d, n);
        }
    };
    const unsigned extra = std::max(1u, std::thread::hardware_concurrency()) - 1;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < extra; ++t)
        pool.emplace_back(work, false);
    work(true);
    for (auto& t : pool)
        t.join();
    throwIfCancelled(cancel, what);
    reportLoadProgress(what, n, n);
    // Compact in place: kept images move down over skipped ones (no second buffer).
    size_t out = 0;
    for (int64_t i = 0; i < n; ++i) {
        if (!reasons[size_t(i)].empty()) {
            r.bad.push_back(paths[size_t(i)] + ": " + reasons[size_t(i)]);
            continue;
        }
        if (out != size_t(i))
            std::memmove(r.pixels.data() + per * out, r.pixels.data() + per * size_t(i), per);
        r.kept.push_back(i);
        ++out;
    }
    r.pixels.resize(per * out);
    return r;
}

std::string badImagePolicy(const PreprocessResult& result, size_t total, double maxBadFraction, const std::string& source)
{
    if (result.bad.empty())
        return "";
    std::string list;
    for (size_t i = 0; i < result.bad.size() && i < 3; ++i)
        list += (i ? "; " : "") + result.bad[i];
    if (result.bad.size() > 3)
        list += "; ...";
    const std::string summary = std::to_string(result.bad.size()) + " of " + std::to_string(total) + " images";
    if (double(result.bad.size()) > maxBadFraction * double(total))
        throw InputError(source + ": " + summary + " are missing or damaged, more than the allowed " +
                         std::to_string(maxBadFraction * 100.0).substr(0, 4) + " %: " + list);
    return source + ": skipped " + summary + " (missing or damaged): " + list;
}

Image prepareImageFile(const std::string& path, int channels, int size, int crop, bool darkBackground)
{
    if (size < 4 || size > 1024 || (channels != 1 && channels != 3))
        throw InputError(path + ": cannot prepare an image of " + std::to_string(size) + " pixels with " +
                         std::to_string(channels) + " channels");
    PreprocessOptions o;
    o.channels = channels;
    o.size = size;
    o.crop = crop;
    const size_t plane = size_t(size) * size;
    std::vector<uint8_t> chw(plane * size_t(channels));
    const std::string problem = processOne(path, o, chw.data());
    if (!problem.empty())
        throw InputError(path + ": " + problem);
    Image im;
    im.width = im.height = size;
    im.channels = channels;
    im.pixels.resize(chw.size());
    for (size_t i = 0; i < plane; ++i)
        for (int c = 0; c < channels; ++c)
            im.pixels[i * size_t(channels) + size_t(c)] = chw[size_t(c) * plane + i];
    if (darkBackground && channels == 1) {
        double border = 0;
        for (int i = 0; i < size; ++i)
            border += im.at(i, 0) + im.at(i, size - 1) + im.at(0, i) + im.at(size - 1, i);
        if (border / (4.0 * size) > 127.5)
            for (uint8_t& p : im.pixels)
                p = uint8_t(255 - p);
    }
    return im;
}

} // namespace latentlab
