// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pixels/video_io.h"

#include "core/data/file_io.h"
#include "core/error.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <gif_lib.h>
#include <unistd.h>
#include <memory>

namespace latentlab {

namespace {

std::string lowerExtension(const std::string& path)
{
    const size_t dot = path.find_last_of('.');
    const size_t slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return "";
    std::string ext = path.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

// A sibling temp file with the same extension (OpenCV picks the container from it).
std::string partialPath(const std::string& path)
{
    const size_t slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + name + ".partial" + lowerExtension(path);
}

void checkFrames(const std::vector<Image>& frames, const std::string& path, double fps)
{
    if (frames.empty())
        throw InputError(path + ": no frames to write");
    if (!(fps >= 0.1 && fps <= 120.0))
        throw InputError(path + ": frame rate " + std::to_string(fps) + " is out of range, expected 0.1 to 120");
    const Image& first = frames.front();
    if (first.empty() || (first.channels != 1 && first.channels != 3))
        throw InputError(path + ": frame 0 is empty or not gray/RGB");
    for (size_t i = 1; i < frames.size(); ++i)
        if (frames[i].width != first.width || frames[i].height != first.height || frames[i].channels != first.channels)
            throw InputError(path + ": frame " + std::to_string(i) + " differs in size from frame 0");
}

void commit(const std::string& partial, const std::string& path)
{
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(partial.c_str());
        throw Error(path + ": cannot write: " + why);
    }
}

// OpenCV's writer reports no write errors (a full disk gives a truncated file and success), and
// giflib's may miss some: the file is read back and must hold every frame before it replaces `path`.
void verify(const std::string& partial, const std::string& path, size_t frames, VideoFormat format)
{
    int readable = -1;
    try {
        readable = format == VideoFormat::Gif ? readGifSummary(partial).frames : countVideoFrames(partial);
    } catch (const std::exception&) {
        readable = -1;
    }
    if (readable == int(frames))
        return;
    std::remove(partial.c_str());
    throw Error(path + ": the written video does not read back (" +
                (readable < 0 ? std::string("unreadable") : std::to_string(readable) + " of " + std::to_string(frames) + " frames") +
                "; disk full?); nothing was replaced");
}

void writeWithOpenCv(const std::vector<Image>& frames, const std::string& path, double fps, VideoFormat format,
                     const StepProgress& progress)
{
    const Image& first = frames.front();
    // Codecs want even sizes: pad the right/bottom edge by one pixel when needed.
    const int w = first.width + (first.width % 2), h = first.height + (first.height % 2);
    const std::string partial = partialPath(path);
    // MP4 as H.264 ("avc1"), which browsers, slide software and phones play (MPEG-4 part 2, "mp4v",
    // mostly they do not); AVI as Motion JPEG. FFmpeg's H.264 encoder is libx264 (Debian's OpenCV
    // links it); without it there is no playable MP4 to write, and the message says what is.
    const int fourcc = format == VideoFormat::Mp4 ? cv::VideoWriter::fourcc('a', 'v', 'c', '1')
                                                  : cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
    cv::VideoWriter writer;
    try {
        writer.open(partial, cv::CAP_FFMPEG, fourcc, fps, cv::Size(w, h), true);
        if (!writer.isOpened() && format != VideoFormat::Mp4)
            writer.open(partial, fourcc, fps, cv::Size(w, h), true);
    } catch (const cv::Exception& e) {
        throw Error(path + ": cannot open a video writer: " + e.what());
    }
    if (!writer.isOpened()) {
        std::remove(partial.c_str());
        if (format == VideoFormat::Mp4)
            throw Error(path + ": this system's FFmpeg cannot encode H.264 (libx264 missing), so no MP4 that players "
                               "accept can be written; export as .gif or .avi (Motion JPEG) instead");
        throw Error(path + ": cannot open a video writer (unwritable folder or codec missing)");
    }
    try {
        cv::Mat bgr;
        int64_t written = 0;
        for (const Image& f : frames) {
            if (progress && !progress(written++, int64_t(frames.size()))) {
                writer.release();
                std::remove(partial.c_str());
                throw Cancelled(path);
            }
            cv::Mat src(f.height, f.width, f.channels == 3 ? CV_8UC3 : CV_8UC1, const_cast<uint8_t*>(f.pixels.data()));
            cv::cvtColor(src, bgr, f.channels == 3 ? cv::COLOR_RGB2BGR : cv::COLOR_GRAY2BGR);
            if (bgr.cols != w || bgr.rows != h)
                cv::copyMakeBorder(bgr, bgr, 0, h - bgr.rows, 0, w - bgr.cols, cv::BORDER_REPLICATE);
            writer.write(bgr);
        }
        writer.release();
    } catch (const cv::Exception& e) {
        writer.release();
        std::remove(partial.c_str());
        throw Error(path + ": cannot write the video: " + e.what());
    }
    verify(partial, path, frames.size(), format);
    commit(partial, path);
}

struct GifCloser {
    void operator()(GifFileType* gif) const
    {
        int err = 0;
        if (gif)
            EGifCloseFile(gif, &err);
    }
};

void putLoopExtension(GifFileType* gif)
{
    const unsigned char app[] = "NETSCAPE2.0";
    const unsigned char loop[] = {1, 0, 0}; // sub-block 1, loop count 0 = forever
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif, 11, app) == GIF_ERROR || EGifPutExtensionBlock(gif, 3, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(gif) == GIF_ERROR)
        throw Error(std::string("cannot write the loop extension: ") + GifErrorString(gif->Error));
}

// Writes GIF frames: gray frames index the global gray palette, colour frames are quantized to
// a palette of their own. Keeps its buffers from frame to frame.
class GifFramer {
public:
    GifFramer(int w, int h, bool gray)
        : m_w(w), m_h(h), m_gray(gray), m_n(size_t(w) * size_t(h)), m_indices(m_n), m_r(m_n), m_g(m_n), m_b(m_n)
    {
    }
    void put(GifFileType* gif, const Image& im, size_t index, GifByteType* controlBlock)
    {
        std::unique_ptr<ColorMapObject, void (*)(ColorMapObject*)> map(nullptr, GifFreeMapObject);
        if (m_gray) {
            std::copy(im.pixels.begin(), im.pixels.end(), m_indices.begin());
        } else {
            for (size_t i = 0; i < m_n; ++i) {
                m_r[i] = im.pixels[3 * i];
                m_g[i] = im.pixels[3 * i + 1];
                m_b[i] = im.pixels[3 * i + 2];
            }
            map.reset(GifMakeMapObject(256, nullptr));
            int colours = 256;
            if (GifQuantizeBuffer(unsigned(m_w), unsigned(m_h), &colours, m_r.data(), m_g.data(), m_b.data(), m_indices.data(),
                                  map->Colors) == GIF_ERROR)
                throw Error("cannot quantize frame " + std::to_string(index));
        }
        if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, controlBlock) == GIF_ERROR ||
            EGifPutImageDesc(gif, 0, 0, m_w, m_h, false, map.get()) == GIF_ERROR)
            throw Error("cannot write frame " + std::to_string(index) + ": " + GifErrorString(gif->Error));
        for (int y = 0; y < m_h; ++y)
            if (EGifPutLine(gif, m_indices.data() + size_t(y) * size_t(m_w), m_w) == GIF_ERROR)
                throw Error("cannot write frame " + std::to_string(index) + ": " + GifErrorString(gif->Error));
    }

private:
    int m_w, m_h;
    bool m_gray;
    size_t m_n;
    std::vector<GifByteType> m_indices, m_r, m_g, m_b;
};

} // namespace

VideoFormat videoFormatFromPath(const std::string& path)
{
    const std::string ext = lowerExtension(path);
    if (ext == ".mp4")
        return VideoFormat::Mp4;
    if (ext == ".avi")
        return VideoFormat::Avi;
    if (ext == ".gif")
        return VideoFormat::Gif;
    throw InputError(path + ": unknown video format \"" + ext + "\" (use .mp4, .avi or .gif)");
}

void writeVideo(const std::vector<Image>& frames, const std::string& requested, double fps, const StepProgress& progress)
{
    const std::string path = outputTarget(requested); // through a link; never over a device or FIFO
    const VideoFormat format = videoFormatFromPath(path);
    if (format == VideoFormat::Gif)
        return writeGif(frames, path, fps, progress);
    checkFrames(frames, path, fps);
    writeWithOpenCv(frames, path, fps, format, progress);
}

void writeGif(const std::vector<Image>& frames, const std::string& requested, double fps, const StepProgress& progress)
{
    const std::string path = outputTarget(requested);
    checkFrames(frames, path, fps);
    const std::string partial = partialPath(path);
    const int w = frames.front().width, h = frames.front().height;
    const bool gray = frames.front().channels == 1;
    try {
        int err = 0;
        // Our own open() so that the file gets the usual 0666 & ~umask (giflib's would be 0600).
        const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (fd < 0)
            throw Error(std::string("cannot create the file: ") + std::strerror(errno));
        std::unique_ptr<GifFileType, GifCloser> gif(EGifOpenFileHandle(fd, &err));
        if (!gif) {
            ::close(fd);
            throw Error(std::string("cannot create the file: ") + GifErrorString(err));
        }
        EGifSetGifVersion(gif.get(), true);
        std::unique_ptr<ColorMapObject, void (*)(ColorMapObject*)> grayMap(nullptr, GifFreeMapObject);
        if (gray) {
            grayMap.reset(GifMakeMapObject(256, nullptr));
            for (int i = 0; i < 256; ++i)
                grayMap->Colors[i] = GifColorType {GifByteType(i), GifByteType(i), GifByteType(i)};
        }
        if (EGifPutScreenDesc(gif.get(), w, h, 8, 0, grayMap.get()) == GIF_ERROR)
            throw Error(std::string("cannot write the header: ") + GifErrorString(gif->Error));
        putLoopExtension(gif.get());

        GraphicsControlBlock gcb {};
        gcb.DisposalMode = DISPOSE_DO_NOT;
        gcb.UserInputFlag = false;
        gcb.TransparentColor = NO_TRANSPARENT_COLOR;
        gcb.DelayTime = std::max(2, int(std::lround(100.0 / fps))); // browsers treat 0-1 as 10
        GifByteType gcbBytes[4];
        EGifGCBToExtension(&gcb, gcbBytes);

        GifFramer framer(w, h, gray);
        for (size_t f = 0; f < frames.size(); ++f) {
            if (progress && !progress(int64_t(f), int64_t(frames.size())))
                throw Cancelled(path);
            framer.put(gif.get(), frames[f], f, gcbBytes);
        }
        GifFileType* raw = gif.release();
        if (EGifCloseFile(raw, &err) == GIF_ERROR)
            throw Error(std::string("cannot finish the file: ") + GifErrorString(err));
    } catch (const Cancelled&) {
        std::remove(partial.c_str()); // the GifCloser has closed it
        throw;
    } catch (const Error& e) {
        std::remove(partial.c_str());
        throw Error(path + ": " + e.what());
    }
    verify(partial, path, frames.size(), VideoFormat::Gif);
    commit(partial, path);
}

GifSummary readGifSummary(const std::string& path)
{
    int err = 0;
    GifFileType* gif = DGifOpenFileName(path.c_str(), &err);
    if (!gif)
        throw InputError(path + ": not a readable GIF: " + GifErrorString(err));
    GifSummary s;
    if (DGifSlurp(gif) == GIF_ERROR) {
        const std::string why = GifErrorString(gif->Error);
        DGifCloseFile(gif, &err);
        throw InputError(path + ": corrupt GIF: " + why);
    }
    s.frames = gif->ImageCount;
    s.width = gif->SWidth;
    s.height = gif->SHeight;
    GraphicsControlBlock gcb {};
    if (s.frames > 0 && DGifSavedExtensionToGCB(gif, 0, &gcb) == GIF_OK)
        s.delayCentiseconds = gcb.DelayTime;
    DGifCloseFile(gif, &err);
    return s;
}

bool canWriteH264()
{
    // One tiny probe per process: open an H.264 writer on a temporary file and drop it.
    static const bool available = [] {
        std::error_code error;
        std::string name = (std::filesystem::temp_directory_path(error) / "latentlab-h264-probe-XXXXXX").string();
        const int fd = error ? -1 : ::mkstemp(name.data());
        if (fd < 0)
            return true; // cannot probe: let the export say what fails
        ::close(fd);
        const std::string path = name + ".mp4";
        bool ok = false;
        try {
            cv::VideoWriter w(path, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('a', 'v', 'c', '1'), 10, cv::Size(16, 16), true);
            ok = w.isOpened();
        } catch (const cv::Exception&) {
        }
        std::remove(path.c_str());
        std::remove(name.c_str());
        return ok;
    }();
    return available;
}

std::string videoCodec(const std::string& path)
{
    cv::VideoCapture cap(path, cv::CAP_FFMPEG);
    if (!cap.isOpened())
        return "";
    const int fourcc = int(cap.get(cv::CAP_PROP_FOURCC));
    std::string code;
    for (int i = 0; i < 4; ++i)
        code += char(std::tolower((fourcc >> (8 * i)) & 0xff));
    return code;
}

int countVideoFrames(const std::string& path)
{
    cv::VideoCapture cap(path);
    if (!cap.isOpened())
        return -1;
    int n = 0;
    cv::Mat frame;
    while (cap.read(frame))
        ++n;
    return n;
}

} // namespace latentlab
