// SPDX-License-Identifier: GPL-3.0-or-later
// PCA projection for the latent scatter: known directions, sign stability, chosen dimensions.
#include "core/latent/pca.h"

#include <QtTest>

#include <cmath>

using namespace latentlab;

class TestPca : public QObject {
    Q_OBJECT
private slots:
    void findsKnownDirections()
    {
        // Variance 9 along (1,1,0)/sqrt2, variance 1 along (0,0,1), none along (1,-1,0).
        std::vector<float> codes;
        for (int i = -50; i <= 50; ++i) {
            const float a = 3.0f * float(i) / 29.0f, b = ((i + 50) % 2 ? 0.8f : -0.8f);
            codes.insert(codes.end(), {1.0f + a / std::sqrt(2.0f), 2.0f + a / std::sqrt(2.0f), -1.0f + b});
        }
        Projection2D p = projectPca(codes, 3);
        QVERIFY(std::abs(std::abs(p.axis1[0]) - 0.7071f) < 1e-3f);
        QVERIFY(std::abs(p.axis1[0] - p.axis1[1]) < 1e-3f);
        QVERIFY(std::abs(std::abs(p.axis2[2]) - 1.0f) < 1e-3f);
        QCOMPARE(p.points.size(), size_t(2 * 101));
        QVERIFY(std::abs(p.mean[1] - 2.0f) < 1e-4f);
    }

    void keepsSignsFromThePreviousEpoch()
    {
        std::vector<float> codes;
        for (int i = 0; i < 40; ++i)
            codes.insert(codes.end(), {float(i), float(i % 7), float(i % 3) * 0.1f});
        Projection2D first = projectPca(codes, 3);
        Projection2D flipped = first;
        for (float& x : flipped.axis1)
            x = -x;
        Projection2D second = projectPca(codes, 3, &flipped);
        double d = 0;
        for (int k = 0; k < 3; ++k)
            d += second.axis1[k] * flipped.axis1[k];
        QVERIFY(d > 0.99);
    }

    void usesChosenDimensions()
    {
        std::vector<float> codes = {1, 2, 3, 4, 5, 6};
        Projection2D p = projectDims(codes, 3, 2, 0);
        QCOMPARE(p.points, (std::vector<float>{3, 1, 6, 4}));
        Projection2D two = projectPca({1, 2, 3, 4}, 2);
        QCOMPARE(two.points, (std::vector<float>{-1, -1, 1, 1}));
    }

    void principalBasisHasKnownDirectionsAndSpreads()
    {
        // Standard deviation 3 along (1,1,0)/sqrt2, 0.8 along z, none along (1,-1,0): slider axes
        // come out in that order with those scales, signs fixed (largest component positive).
        std::vector<float> codes;
        const float r = 1.0f / std::sqrt(2.0f);
        for (int i = 0; i < 200; ++i) {
            const float a = (i % 2 ? 3.0f : -3.0f), b = ((i / 2) % 2 ? 0.8f : -0.8f);
            codes.insert(codes.end(), {5.0f - a * r, 5.0f - a * r, b});
        }
        LatentBasis basis = principalBasis(codes, 3, 5);
        QCOMPARE(basis.count(), 3); // clipped to dim
        QVERIFY(std::abs(basis.directions[0] - r) < 1e-4f && std::abs(basis.directions[1] - r) < 1e-4f);
        QVERIFY(std::abs(basis.directions[5] - 1.0f) < 1e-4f);
        QVERIFY(std::abs(basis.scales[0] - 3.0f) < 1e-3f);
        QVERIFY(std::abs(basis.scales[1] - 0.8f) < 1e-3f);
        QCOMPARE(basis.scales[2], 1.0f); // no spread: unit scale, not a division by zero
        QVERIFY(std::abs(basis.origin[0] - 5.0f) < 1e-4f);
        // The first code sits at -1 sd on the first axis, -1 sd on the second.
        auto c = basisCoordinates(basis, {codes.begin(), codes.begin() + 3});
        QVERIFY(std::abs(c[0] - 1.0f) < 1e-3f);
        QVERIFY(std::abs(c[1] + 1.0f) < 1e-3f);
    }
};

QTEST_APPLESS_MAIN(TestPca)
#include "test_pca.moc"
