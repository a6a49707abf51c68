// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_output.h"

#include "core/data/file_io.h"
#include "core/error.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/image_io.h"
#endif

#include <cstdio>
#include <iostream>

#include <unistd.h>

namespace latentlab::cli {

void makeDir(const std::string& dir) { makeDirs(dir); }

bool stderrIsTerminal()
{
    static const bool tty = ::isatty(STDERR_FILENO) == 1;
    return tty;
}

namespace {
bool g_progressShown = false; // a \r line is on the terminal
} // namespace

void printBatchProgress(int epoch, int epochs, int batch, int batches, double loss, double secondsLeft)
{
    if (!stderrIsTerminal() || batches <= 0)
        return;
    std::fprintf(stderr, "\repoch %d/%d  %3d %%  loss %.4f  ETA %.0f s   ", epoch, epochs, 100 * batch / batches, loss,
                 secondsLeft);
    std::fflush(stderr);
    g_progressShown = true;
}

void clearProgressLine()
{
    if (!g_progressShown)
        return;
    std::fprintf(stderr, "\r%60s\r", "");
    std::fflush(stderr);
    g_progressShown = false;
}

std::function<void(const std::string&, int64_t, int64_t)> loadProgressPrinter()
{
    if (!stderrIsTerminal())
        return [](const std::string&, int64_t, int64_t) {};
    return [last = -1](const std::string& what, int64_t done, int64_t total) mutable {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent / 10 != last / 10) {
            std::fprintf(stderr, "\r%s: %d %% (%lld / %lld)%s", what.c_str(), percent, static_cast<long long>(done),
                         static_cast<long long>(total), percent == 100 ? "\n" : "");
            last = percent;
        }
    };
}

void saveImage(const Image& image, const std::string& path)
{
#ifdef LATENTLAB_HAVE_PIXELS
    writeImage(image, path);
#else
    (void)image;
    std::cerr << "note: built without OpenCV, not writing " << path << "\n";
#endif
}

} // namespace latentlab::cli
