// SPDX-License-Identifier: GPL-3.0-or-later
// Disentanglement scores on codes whose answer is known: factors copied into dimensions score
// near 1, the same codes rotated score clearly lower, pure noise scores near 0; active units count
// the dimensions that vary.
#include "core/latent/disentanglement.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace latentlab;
using latentlab::testing::errorOf;

namespace {
constexpr int kPoints = 4000, kFactors = 3, kDim = 5;

// Three discrete factors with 5, 6 and 8 values, drawn uniformly.
std::vector<float> drawFactors(std::mt19937_64& rng)
{
    const int values[kFactors] = {5, 6, 8};
    std::vector<float> f;
    for (int i = 0; i < kPoints; ++i)
        for (int k = 0; k < kFactors; ++k)
            f.push_back(float(std::uniform_int_distribution<int>(0, values[k] - 1)(rng)));
    return f;
}

// Factor k copied into dimension k (plus a little noise); dimensions 3 and 4 noise, or constant.
std::vector<float> copied(const std::vector<float>& f, std::mt19937_64& rng, bool constantRest = false)
{
    std::normal_distribution<float> noise(0.0f, 0.05f);
    std::vector<float> z;
    for (int i = 0; i < kPoints; ++i) {
        for (int k = 0; k < kFactors; ++k)
            z.push_back(f[size_t(i * kFactors + k)] + noise(rng));
        for (int d = kFactors; d < kDim; ++d)
            z.push_back(constantRest ? 0.5f : 20 * noise(rng));
    }
    return z;
}
} // namespace

class TestDisentanglement : public QObject {
    Q_OBJECT
private slots:
    void copiedFactorsScoreNearOne()
    {
        std::mt19937_64 rng(1);
        const auto f = drawFactors(rng);
        const auto s = disentanglement(copied(f, rng), kDim, f, kFactors);
        qInfo("copied: MIG %.3f SAP %.3f DCI %.3f/%.3f/%.3f AU %d", s.mig, s.sap, s.dciDisentanglement, s.dciCompleteness,
              s.dciInformativeness, s.activeUnits);
        QVERIFY(s.mig > 0.9);
        QVERIFY(s.dciDisentanglement > 0.9);
        QVERIFY(s.dciCompleteness > 0.9);
        QVERIFY(s.dciInformativeness > 0.95);
        QVERIFY(s.sap > 0.5);
        QCOMPARE(s.activeUnits, kDim);
        QCOMPARE(disentanglement(copied(f, rng, true), kDim, f, kFactors).activeUnits, kFactors);
    }

    void aRotationScoresClearlyLower()
    {
        std::mt19937_64 rng(2);
        const auto f = drawFactors(rng);
        const auto z = copied(f, rng);
        // A fixed rotation mixing the three factor dimensions: 45 degrees in two planes.
        const double c = std::sqrt(0.5);
        std::vector<float> r = z;
        for (int i = 0; i < kPoints; ++i) {
            const double a = z[size_t(i * kDim)], b = z[size_t(i * kDim + 1)], e = z[size_t(i * kDim + 2)];
            const double a1 = c * a - c * b, b1 = c * a + c * b;
            r[size_t(i * kDim)] = float(a1);
            r[size_t(i * kDim + 1)] = float(c * b1 - c * e);
            r[size_t(i * kDim + 2)] = float(c * b1 + c * e);
        }
        const auto copiedScores = disentanglement(z, kDim, f, kFactors), rotated = disentanglement(r, kDim, f, kFactors);
        qInfo("rotated: MIG %.3f SAP %.3f DCI-D %.3f", rotated.mig, rotated.sap, rotated.dciDisentanglement);
        QVERIFY(rotated.mig < 0.6 * copiedScores.mig);
        QVERIFY(rotated.dciDisentanglement < 0.8 * copiedScores.dciDisentanglement);
        QVERIFY(rotated.sap < copiedScores.sap);
        QVERIFY(rotated.dciInformativeness > 0.9); // the information is all still there
    }

    void noiseScoresNearZero()
    {
        std::mt19937_64 rng(3);
        const auto f = drawFactors(rng);
        std::normal_distribution<float> noise;
        std::vector<float> z(size_t(kPoints * kDim));
        for (float& v : z)
            v = noise(rng);
        const auto s = disentanglement(z, kDim, f, kFactors);
        qInfo("noise: MIG %.3f SAP %.3f DCI %.3f/%.3f/%.3f", s.mig, s.sap, s.dciDisentanglement, s.dciCompleteness, s.dciInformativeness);
        QVERIFY(s.mig < 0.05);
        QVERIFY(s.sap < 0.05);
        QVERIFY(s.dciInformativeness < 0.05);
    }

    void mutualInformationOfKnownPairs()
    {
        const std::vector<int> a = {0, 0, 1, 1, 2, 2, 3, 3};
        QVERIFY(std::abs(mutualInformation(a, a) - std::log(4.0)) < 1e-12); // the entropy
        QCOMPARE(mutualInformation(a, std::vector<int>(8, 0)), 0.0);
        const std::vector<int> halves = {0, 1, 0, 1, 0, 1, 0, 1}; // independent of a's pairs
        QVERIFY(std::abs(mutualInformation(a, halves)) < 1e-12);
    }

    void refusesMismatchedInput()
    {
        QVERIFY(errorOf([] { disentanglement(std::vector<float>(40, 0), 2, std::vector<float>(30, 0), 1); }).contains(QStringLiteral("one row")));
        QVERIFY(errorOf([] { disentanglement(std::vector<float>(20, 0), 2, std::vector<float>(10, 0), 1); }).contains(QStringLiteral("20 points")));
        std::vector<float> z(100, 0.0f);
        z[3] = std::nanf("");
        QVERIFY(errorOf([&] { disentanglement(z, 2, std::vector<float>(50, 0), 1); }).contains(QStringLiteral("finite")));
    }
};

QTEST_APPLESS_MAIN(TestDisentanglement)
#include "test_disentanglement.moc"
