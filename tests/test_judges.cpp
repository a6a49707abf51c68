// SPDX-License-Identifier: GPL-3.0-or-later
// The class judge on images whose answer is known: bars, crosses and rings drawn with noise. It
// must learn them (or its verdicts on decoded images mean nothing), give each image probabilities
// that sum to 1, be sure of a clean drawing and unsure of a blend of two, and find noise unlike any
// class; a dataset with one class is refused by name.
#include "core/latent/class_judge.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

using namespace latentlab;
using latentlab::testing::errorOf;

namespace {
constexpr int kSide = 28;

// Class 0: a horizontal bar, 1: a vertical bar, 2: a ring; at a random offset, with pixel noise.
std::vector<float> drawShape(int label, std::mt19937_64& rng)
{
    std::uniform_int_distribution<int> shift(-3, 3);
    std::normal_distribution<float> noise(0.0f, 0.08f);
    const int dx = shift(rng), dy = shift(rng);
    std::vector<float> px(kSide * kSide);
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const int u = x - 14 - dx, v = y - 14 - dy;
            const double r = std::hypot(u, v);
            const bool on = label == 0 ? (std::abs(v) <= 2 && std::abs(u) <= 9)
                          : label == 1 ? (std::abs(u) <= 2 && std::abs(v) <= 9)
                                       : (r >= 6 && r <= 9);
            px[size_t(y * kSide + x)] = std::clamp((on ? 0.9f : 0.05f) + noise(rng), 0.0f, 1.0f);
        }
    return px;
}

Dataset shapes(int classes, int perClass)
{
    std::mt19937_64 rng(7);
    DatasetArrays a;
    a.name = "shapes";
    for (int c = 0; c < classes; ++c)
        a.classNames.push_back("shape " + std::to_string(c));
    for (int split = 0; split < 2; ++split)
        for (int i = 0; i < perClass * classes; ++i) {
            const int label = i % classes;
            const auto px = drawShape(label, rng);
            auto& images = split ? a.testImages : a.trainImages;
            images.insert(images.end(), px.begin(), px.end());
            (split ? a.testLabels : a.trainLabels).push_back(label);
        }
    return Dataset::fromArrays(a);
}

Image toImage(const std::vector<float>& px)
{
    Image im;
    im.width = im.height = kSide;
    im.channels = 1;
    for (float v : px)
        im.pixels.push_back(uint8_t(std::lround(v * 255)));
    return im;
}
} // namespace

class TestJudges : public QObject {
    Q_OBJECT
private slots:
    void classJudgeLearnsShapesAndDoubtsBlends()
    {
        const Dataset data = shapes(3, 200);
        const ClassJudge judge = ClassJudge::train(data, 6, 1);
        qInfo("test accuracy %.3f, blurred %.3f", judge.testAccuracy(), judge.blurredTestAccuracy());
        QCOMPARE(judge.classes(), 3);
        QVERIFY(judge.testAccuracy() > 0.95);
        QVERIFY(judge.blurredTestAccuracy() > 0.9);

        std::mt19937_64 rng(99);
        const auto bar = drawShape(0, rng), ring = drawShape(2, rng);
        std::vector<float> blend(bar.size()); // a bar and a ring at half strength each: neither
        for (size_t i = 0; i < blend.size(); ++i)
            blend[i] = 0.5f * (bar[i] + ring[i]);
        const auto p = judge.predict({toImage(bar), toImage(ring), toImage(blend)});
        QCOMPARE(int(p.size()), 9);
        for (int row = 0; row < 3; ++row)
            QVERIFY(std::abs(std::accumulate(p.begin() + row * 3, p.begin() + row * 3 + 3, 0.0) - 1.0) < 1e-4);
        const auto sure = judgeConfidence(p, 3);
        qInfo("confidence: bar %.3f, ring %.3f, blend %.3f", sure[0], sure[1], sure[2]);
        QVERIFY(p[0] > 0.9 && p[5] > 0.9); // the bar is a bar, the ring a ring
        QVERIFY(sure[2] < sure[0] && sure[2] < sure[1]);

        // Unlike any class: clean drawings are typical, scattered noise is further from every class
        // than 99 % of real images are, and the blend lies between.
        std::vector<float> noise(bar.size());
        std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
        for (float& v : noise)
            v = uniform(rng);
        const auto u = judge.unlikeAnyClass({toImage(bar), toImage(ring), toImage(blend), toImage(noise)});
        qInfo("unlike any class: bar %.2f, ring %.2f, blend %.2f, noise %.2f", u[0], u[1], u[2], u[3]);
        QVERIFY(u[0] < 1 && u[1] < 1);
        QVERIFY(u[3] > 1);
        QVERIFY(u[2] > std::max(u[0], u[1]));
    }

    void confidenceIsTheLargestProbabilityPerRow()
    {
        const auto c = judgeConfidence({0.2f, 0.7f, 0.1f, 0.5f, 0.25f, 0.25f}, 3);
        QCOMPARE(int(c.size()), 2);
        QCOMPARE(c[0], 0.7f);
        QCOMPARE(c[1], 0.5f);
        QVERIFY(judgeConfidence({0.5f, 0.5f}, 0).empty());
    }

    void oneClassIsRefusedByName()
    {
        const QString e = errorOf([] { ClassJudge::train(shapes(1, 20), 1, 1); });
        QVERIFY2(e.contains("shapes") && e.contains("fewer than 2 classes"), qPrintable(e));
    }
};

QTEST_APPLESS_MAIN(TestJudges)
#include "test_judges.moc"
