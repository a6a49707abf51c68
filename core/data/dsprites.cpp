// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dsprites.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>

namespace latentlab {

namespace {

constexpr int kSide = 64, kShapes = 3, kScales = 6, kOrientations = 40, kPositions = 32;

// Whether (u, v), in the sprite's own frame (unit half-size), is inside the shape.
bool inside(int shape, double u, double v)
{
    if (shape == 0)
        return std::abs(u) <= 0.85 && std::abs(v) <= 0.85;
    if (shape == 1)
        return u * u + (v / 0.5) * (v / 0.5) <= 1;
    const double x = u * 1.25, y = -v * 1.25 + 0.25; // the heart curve, point down
    const double r = x * x + y * y - 1;
    return r * r * r - x * x * y * y * y <= 0;
}

// One image: the sprite's centre spans 10..54 px, its half-size 10 px at scale 1.
void draw(int shape, int scale, int orientation, int x, int y, uint8_t* out)
{
    const double s = 10 * (0.5 + 0.5 * scale / double(kScales - 1));
    const double angle = 2 * M_PI * orientation / kOrientations;
    const double cx = 10 + 44.0 * x / (kPositions - 1), cy = 10 + 44.0 * y / (kPositions - 1);
    const double c = std::cos(angle), sn = std::sin(angle);
    for (int py = 0; py < kSide; ++py)
        for (int px = 0; px < kSide; ++px) {
            const double dx = px + 0.5 - cx, dy = py + 0.5 - cy;
            const double u = (c * dx + sn * dy) / s, v = (-sn * dx + c * dy) / s;
            out[py * kSide + px] = inside(shape, u, v) ? 255 : 0;
        }
}

} // namespace

Dataset loadDsprites(const std::string& spec, const std::string& arg, double testFraction, uint64_t seed)
{
    int64_t n = 20000;
    uint64_t drawSeed = seed;
    size_t at = 0;
    while (at <= arg.size() && !arg.empty()) {
        const size_t comma = arg.find(',', at);
        const std::string part = arg.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        char* end = nullptr;
        if (part.rfind("seed=", 0) == 0)
            drawSeed = std::strtoull(part.c_str() + 5, &end, 10);
        else
            n = std::strtoll(part.c_str(), &end, 10);
        if (part.empty() || !end || *end != '\0')
            throw InputError("dataset spec \"" + spec + "\": expected dsprites[:N][,seed=S], got \"" + part + "\"");
        if (comma == std::string::npos)
            break;
        at = comma + 1;
    }
    const int64_t grid = int64_t(kShapes) * kScales * kOrientations * kPositions * kPositions;
    if (n < 2 || n > grid)
        throw InputError("dataset spec \"" + spec + "\": N must be 2 to " + std::to_string(grid));
    const int64_t nTest = std::clamp<int64_t>(int64_t(std::llround(double(n) * testFraction)), 1, n - 1);
    DatasetBytes b;
    b.info.spec = spec;
    b.info.name = "dSprites";
    b.info.channels = 1;
    b.info.height = b.info.width = kSide;
    b.info.classNames = {"square", "ellipse", "heart"};
    b.info.factorNames = {"shape", "scale", "orientation", "posX", "posY"};
    std::mt19937_64 rng(drawSeed);
    const std::atomic<bool>* cancel = loadCancelFlag();
    const int sizes[5] = {kShapes, kScales, kOrientations, kPositions, kPositions};
    for (int64_t i = 0; i < n; ++i) {
        if (i % 1024 == 0) {
            throwIfCancelled(cancel, spec);
            reportLoadProgress("drawing dSprites", i, n);
        }
        const bool test = i >= n - nTest;
        int f[5];
        for (int k = 0; k < 5; ++k)
            f[k] = std::uniform_int_distribution<int>(0, sizes[k] - 1)(rng);
        auto& images = test ? b.testImages : b.trainImages;
        images.resize(images.size() + kSide * kSide);
        draw(f[0], f[1], f[2], f[3], f[4], images.data() + images.size() - kSide * kSide);
        (test ? b.testLabels : b.trainLabels).push_back(f[0]);
        for (int k = 0; k < 5; ++k)
            (test ? b.testFactors : b.trainFactors).push_back(float(f[k]));
    }
    return Dataset::fromBytes(std::move(b));
}

} // namespace latentlab
