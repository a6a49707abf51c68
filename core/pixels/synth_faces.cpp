// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pixels/synth_faces.h"

#include "core/data/celeba_text.h"
#include "core/data/file_io.h"
#include "core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <sys/stat.h>
#include <thread>

namespace latentlab {

namespace {

enum Attr { Smiling, Male, Eyeglasses, BlondHair, BlackHair, BrownHair, WearingHat, MouthOpen, PaleSkin, kAttrCount };

constexpr int kShift = 4;               // sub-pixel bits for OpenCV drawing
constexpr double kSub = 1 << kShift;

// Draws in a 64-unit face frame mapped onto the canvas by scale and offset.
struct Pen {
    cv::Mat& canvas;
    double scale, ox, oy;
    cv::Point p(double x, double y) const
    {
        return {int(std::lround((ox + x * scale) * kSub)), int(std::lround((oy + y * scale) * kSub))};
    }
    cv::Size s(double w, double h) const
    {
        return {int(std::lround(w * scale * kSub)), int(std::lround(h * scale * kSub))};
    }
    int t(double thickness) const { return std::max(1, int(std::lround(thickness * scale))); }
    void ellipse(double x, double y, double w, double h, double angle, double a0, double a1, cv::Scalar c, double th = -1)
    {
        cv::ellipse(canvas, p(x, y), s(w, h), angle, a0, a1, c, th < 0 ? cv::FILLED : t(th), cv::LINE_AA, kShift);
    }
    void line(double x0, double y0, double x1, double y1, cv::Scalar c, double th)
    {
        cv::line(canvas, p(x0, y0), p(x1, y1), c, t(th), cv::LINE_AA, kShift);
    }
    void rect(double x0, double y0, double x1, double y1, cv::Scalar c)
    {
        std::vector<cv::Point> pts = {p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1)};
        cv::fillConvexPoly(canvas, pts, c, cv::LINE_AA, kShift);
    }
};

struct FaceParams {
    std::array<int8_t, kAttrCount> a {};
    cv::Scalar background, skin, hair, hat;
    double cx, cy, rx, ry, tilt, yaw;
    int tone = 4, hatColour = 0;        // indices into sample()'s tables (tone 4: pale)
    double size = 1;                    // face size, 0.88-1.08
};

cv::Scalar jitter(std::mt19937_64& rng, cv::Scalar c, double amount)
{
    std::uniform_real_distribution<double> u(-amount, amount);
    return {std::clamp(c[0] + u(rng), 0.0, 255.0), std::clamp(c[1] + u(rng), 0.0, 255.0),
            std::clamp(c[2] + u(rng), 0.0, 255.0)};
}

FaceParams sample(uint64_t seed, int64_t index)
{
    std::seed_seq seq {uint32_t(seed), uint32_t(seed >> 32), uint32_t(index), uint32_t(uint64_t(index) >> 32), 0x5eedu};
    std::mt19937_64 rng(seq);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    FaceParams f;
    f.a[Smiling] = u(rng) < 0.5;
    f.a[Male] = u(rng) < 0.5;
    f.a[Eyeglasses] = u(rng) < 0.35;
    const double hairPick = u(rng);
    f.a[BlondHair] = hairPick < 1.0 / 3;
    f.a[BlackHair] = hairPick >= 1.0 / 3 && hairPick < 2.0 / 3;
    f.a[BrownHair] = hairPick >= 2.0 / 3;
    f.a[WearingHat] = u(rng) < 0.3;
    f.a[MouthOpen] = u(rng) < 0.4;
    f.a[PaleSkin] = u(rng) < 0.25;
    // Nuisance: background, skin tone, hair shade, pose and size.
    f.background = cv::Scalar(40 + 180 * u(rng), 40 + 180 * u(rng), 40 + 180 * u(rng));
    static const cv::Scalar tones[] = {{224, 172, 135}, {198, 134, 86}, {141, 85, 56}, {240, 195, 160}};
    // (The draws happen in the same order as before the factors were kept: the faces stay the same.)
    f.tone = f.a[PaleSkin] ? 4 : int(rng() % 4);
    f.skin = f.a[PaleSkin] ? jitter(rng, {250, 232, 222}, 5) : jitter(rng, tones[f.tone], 12);
    f.hair = f.a[BlondHair] ? jitter(rng, {235, 200, 105}, 15)
             : f.a[BlackHair] ? jitter(rng, {28, 22, 22}, 8)
                              : jitter(rng, {115, 70, 38}, 12);
    static const cv::Scalar hats[] = {{200, 30, 40}, {30, 60, 190}, {30, 140, 60}, {120, 40, 150}};
    f.hatColour = int(rng() % 4);
    f.hat = jitter(rng, hats[f.hatColour], 20);
    f.cx = 32 + (u(rng) - 0.5) * 6;
    f.cy = 34 + (u(rng) - 0.5) * 4;
    f.size = 0.88 + 0.2 * u(rng);
    f.rx = 15.5 * f.size;
    f.ry = 20 * f.size;
    f.tilt = (u(rng) - 0.5) * 16;
    f.yaw = (u(rng) - 0.5) * 5;
    return f;
}

void draw(Pen& pen, const FaceParams& f)
{
    const auto& a = f.a;
    const double cx = f.cx, cy = f.cy, rx = f.rx, ry = f.ry, yaw = f.yaw;
    // Long hair falls behind the head for faces without the Male attribute.
    if (!a[Male])
        pen.ellipse(cx, cy + 4, rx + 6, ry + 8, f.tilt, 0, 360, f.hair);
    pen.ellipse(cx, cy, rx, ry, f.tilt, 0, 360, f.skin);
    // Male: stubble shadow on the jaw and a moustache.
    if (a[Male]) {
        cv::Scalar stubble = f.skin * 0.55 + f.hair * 0.45;
        pen.ellipse(cx, cy + ry * 0.45, rx * 0.85, ry * 0.5, f.tilt, 0, 180, stubble);
        pen.line(cx - 5 + yaw, cy + ry * 0.38, cx + 5 + yaw, cy + ry * 0.38, f.hair * 0.8, 2.0);
    }
    // Hair on top: a short cap (male) or a fuller cap with bangs.
    const double capH = a[Male] ? ry * 0.45 : ry * 0.6;
    pen.ellipse(cx, cy - ry * 0.55, rx * 1.05, capH, f.tilt, 180, 360, f.hair);
    if (!a[Male])
        pen.ellipse(cx - rx * 0.35, cy - ry * 0.55, rx * 0.6, ry * 0.22, f.tilt + 10, 0, 180, f.hair);
    // Eyes and brows.
    const double ey = cy - ry * 0.12, ex = rx * 0.42;
    for (int side : {-1, 1}) {
        const double x = cx + side * ex + yaw;
        pen.ellipse(x, ey, 3.2, 1.9, 0, 0, 360, {245, 245, 245});
        pen.ellipse(x + yaw * 0.2, ey, 1.4, 1.4, 0, 0, 360, {30, 30, 60});
        pen.line(x - 3, ey - 4, x + 3, ey - 4.5 + (a[Male] ? 0.5 : -0.5), f.hair * 0.7, a[Male] ? 1.6 : 1.0);
        if (a[Eyeglasses])
            pen.ellipse(x, ey, 5.2, 4.2, 0, 0, 360, {20, 20, 20}, 1.3);
    }
    if (a[Eyeglasses])
        pen.line(cx - ex + 5.2 + yaw, ey, cx + ex - 5.2 + yaw, ey, {20, 20, 20}, 1.3);
    // Nose.
    pen.line(cx + yaw * 1.2, ey + 3, cx + yaw * 1.2 + 1.2, ey + 8, f.skin * 0.7, 1.2);
    // Mouth. A smile is drawn the way it shows in photos: a wide grin, lips around a band of teeth
    // (open: with the dark mouth below the teeth); a neutral mouth is a short closed line, an open one a
    // small round "o". The grin covers ~60 pixels of a 64x64 face, as a CelebA smile does.
    const double my = cy + ry * 0.55, mx = cx + yaw;
    const cv::Scalar lip(150, 40, 50), dark(60, 10, 20), teeth(250, 250, 245);
    if (a[Smiling]) {
        const double w = 8.0, h = a[MouthOpen] ? 6.0 : 4.5;
        pen.ellipse(mx, my - 2, w, h, 0, 0, 180, lip);
        pen.ellipse(mx, my - 2, w - 1.6, h - 1.4, 0, 0, 180, a[MouthOpen] ? dark : teeth);
        if (a[MouthOpen])
            pen.rect(mx - w + 1.8, my - 2, mx + w - 1.8, my - 0.2, teeth);
        pen.line(mx - w, my - 2, mx + w, my - 2, lip, 1.2);
    } else if (a[MouthOpen]) {
        pen.ellipse(mx, my, 3.2, 3.0, 0, 0, 360, dark);
    } else {
        pen.line(mx - 4.5, my, mx + 4.5, my, lip, 1.8);
    }
    // Hat: crown and brim over the hair.
    if (a[WearingHat]) {
        pen.rect(cx - rx * 0.8, cy - ry * 1.45, cx + rx * 0.8, cy - ry * 0.62, f.hat);
        pen.rect(cx - rx * 1.35, cy - ry * 0.74, cx + rx * 1.35, cy - ry * 0.58, f.hat * 0.8);
    }
}

// The generative factors, in synthFaceFactorNames() order.
std::vector<float> factorsOf(const FaceParams& f)
{
    const int hair = f.a[BlondHair] ? 0 : f.a[BlackHair] ? 1 : 2;
    const double brightness = (f.background[0] + f.background[1] + f.background[2]) / 3.0;
    return {float(f.a[Smiling]), float(f.a[Male]),      float(f.a[Eyeglasses]), float(hair),
            float(f.a[WearingHat]), float(f.a[MouthOpen]), float(f.tone),        float(f.hatColour),
            float(f.size),        float(f.cx),            float(f.cy),           float(f.tilt),
            float(f.yaw),         float(brightness)};
}

} // namespace

const std::vector<std::string>& synthFaceFactorNames()
{
    static const std::vector<std::string> names = {"smile",     "male",       "glasses", "hair_colour", "hat",
                                                   "mouth_open", "skin_tone",  "hat_colour", "face_size", "face_x",
                                                   "face_y",    "tilt",       "yaw",     "background_brightness"};
    return names;
}

const std::vector<std::string>& synthFaceAttributeNames()
{
    static const std::vector<std::string> names = {"Smiling",    "Male",        "Eyeglasses",          "Blond_Hair", "Black_Hair",
                                                   "Brown_Hair", "Wearing_Hat", "Mouth_Slightly_Open", "Pale_Skin"};
    return names;
}

SynthFace drawSynthFace(uint64_t seed, int64_t index, int size)
{
    FaceParams f = sample(seed, index);
    cv::Mat canvas(size, size, CV_8UC3, f.background);
    Pen pen {canvas, size / 64.0, 0.0, 0.0};
    draw(pen, f);
    SynthFace out;
    out.attributes.assign(f.a.begin(), f.a.end());
    out.factors = factorsOf(f);
    out.image.width = size;
    out.image.height = size;
    out.image.channels = 3;
    out.image.pixels.assign(canvas.data, canvas.data + canvas.total() * 3);
    return out;
}

Image drawSynthFaceCelebaFrame(uint64_t seed, int64_t index)
{
    FaceParams f = sample(seed, index);
    cv::Mat canvas(218, 178, CV_8UC3, f.background);
    Pen pen {canvas, 148.0 / 64.0, 15.0, 35.0};
    draw(pen, f);
    Image im;
    im.width = 178;
    im.height = 218;
    im.channels = 3;
    im.pixels.assign(canvas.data, canvas.data + canvas.total() * 3);
    return im;
}

namespace {
// A JPEG at CelebA's quality.
void writeCelebaJpeg(const std::string& path, Image im)
{
    cv::Mat rgb(im.height, im.width, CV_8UC3, im.pixels.data()), bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(path, bgr, {cv::IMWRITE_JPEG_QUALITY, 95}))
        throw Error(path + ": cannot write");
}
} // namespace

SynthFacesOnDisk writeSynthFacesAsCeleba(const std::string& folder, int64_t count, uint64_t seed)
{
    if (count < 1 || count > 999999)
        throw InputError("synthetic CelebA copy: count " + std::to_string(count) + " must be 1..999999");
    const std::string images = folder + "/img_align_celeba";
    ::mkdir(folder.c_str(), 0755);
    ::mkdir(images.c_str(), 0755);
    const auto& all = celebaAttributeNames();
    const auto& drawn = synthFaceAttributeNames();
    std::vector<std::string> names(static_cast<size_t>(count));
    std::vector<std::array<int8_t, kAttrCount>> attrs(static_cast<size_t>(count));
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    std::vector<std::string> errors(threads);
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            try {
                for (int64_t i = t; i < count; i += threads) {
                    char name[32];
                    std::snprintf(name, sizeof name, "%06lld.jpg", static_cast<long long>(i + 1));
                    names[size_t(i)] = name;
                    FaceParams f = sample(seed, i);
                    attrs[size_t(i)] = f.a;
                    writeCelebaJpeg(images + "/" + name, drawSynthFaceCelebaFrame(seed, i));
                }
            } catch (const std::exception& e) {
                errors[t] = e.what();
            }
        });
    }
    for (auto& th : pool)
        th.join();
    for (const auto& e : errors)
        if (!e.empty())
            throw Error(e);
    std::string attrText = std::to_string(count) + "\n";
    for (const auto& n : all)
        attrText += n + " ";
    attrText += "\n";
    std::string partText;
    for (int64_t i = 0; i < count; ++i) {
        attrText += names[size_t(i)];
        for (const auto& n : all) {
            int v = -1;
            for (size_t k = 0; k < drawn.size(); ++k)
                if (drawn[k] == n)
                    v = attrs[size_t(i)][k] ? 1 : -1;
            attrText += v > 0 ? "  1" : " -1";
        }
        attrText += "\n";
        const int split = i < count * 8 / 10 ? 0 : i < count * 9 / 10 ? 1 : 2;
        partText += names[size_t(i)] + " " + std::to_string(split) + "\n";
    }
    writeFileAtomic(folder + "/list_attr_celeba.txt", attrText.data(), attrText.size());
    writeFileAtomic(folder + "/list_eval_partition.txt", partText.data(), partText.size());
    return {count, folder};
}

} // namespace latentlab
