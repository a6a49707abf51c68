// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Animations from frames: MP4 (H.264, 'avc1') and AVI (Motion JPEG) through OpenCV's VideoWriter, and
// animated GIF through giflib. Lives in the pixels target.
#include "core/error.h"
#include "core/image.h"

#include <string>
#include <vector>

namespace latentlab {

enum class VideoFormat { Mp4, Avi, Gif };

/// The format named by the path's extension (.mp4, .avi, .gif; any case). Throws InputError otherwise.
VideoFormat videoFormatFromPath(const std::string& path);

/// Writes equally sized frames (gray or RGB) at `fps` (0.1..120) in the format of the path's
/// extension. The file appears only when complete: a failure leaves an earlier file as it was.
/// Throws InputError for bad arguments and Error (naming the path) when writing fails. `progress`
/// hears of each frame written; when it returns false the partial file is removed and Cancelled
/// thrown (an earlier file of that name stays).
void writeVideo(const std::vector<Image>& frames, const std::string& path, double fps, const StepProgress& progress = {});

/// Animated GIF (looping forever; one palette per frame, 256 gray levels for gray frames).
void writeGif(const std::vector<Image>& frames, const std::string& path, double fps, const StepProgress& progress = {});

struct GifSummary {
    int frames = 0, width = 0, height = 0;
    int delayCentiseconds = 0;   // of the first frame
};
/// Decodes a GIF with giflib and reports its frames; throws InputError naming the file when unreadable.
GifSummary readGifSummary(const std::string& path);
/// Whether this system's FFmpeg can encode H.264 (the MP4 that browsers and slide software play);
/// probed once per process.
bool canWriteH264();
/// Counts the frames OpenCV's VideoCapture decodes from an MP4/AVI (-1 when it cannot open the file).
int countVideoFrames(const std::string& path);
/// The codec of a video file as FFmpeg reads it back, lower case ("avc1" or "h264" for H.264,
/// "mjpg"); "" when it cannot be opened.
std::string videoCodec(const std::string& path);

} // namespace latentlab
