// SPDX-License-Identifier: GPL-3.0-or-later
// Latent maths for the explorer: lerp/slerp, attribute vectors, statistics, traversal and
// manifold grid coordinates.
#include "core/latent/latent_math.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
bool near(const std::vector<float>& a, const std::vector<float>& b, float tol = 1e-5f)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > tol)
            return false;
    return true;
}
} // namespace

class TestLatentMath : public QObject {
    Q_OBJECT
private slots:
    void lerpIsLinear()
    {
        QVERIFY(near(lerp({0, 2}, {4, -2}, 0.25f), {1, 1}));
        QVERIFY(!errorOf([] { lerp({0}, {1, 2}, 0.5f); }).isEmpty());
    }

    void slerpFollowsTheCircle()
    {
        // Between orthogonal unit vectors, halfway is the diagonal at unit length (lerp would be shorter).
        const auto mid = slerp({1, 0}, {0, 1}, 0.5f);
        QVERIFY(near(mid, {std::sqrt(0.5f), std::sqrt(0.5f)}));
        QVERIFY(near(lerp({1, 0}, {0, 1}, 0.5f), {0.5f, 0.5f}));
        // Magnitudes interpolate linearly; endpoints are exact.
        const auto scaled = slerp({2, 0}, {0, 4}, 0.5f);
        QVERIFY(std::abs(std::hypot(scaled[0], scaled[1]) - 3.0f) < 1e-5f);
        QVERIFY(near(slerp({2, 0}, {0, 4}, 0.0f), {2, 0}));
        QVERIFY(near(slerp({2, 0}, {0, 4}, 1.0f), {0, 4}));
        // Parallel vectors and zero vectors fall back to lerp.
        QVERIFY(near(slerp({1, 1}, {2, 2}, 0.5f), {1.5f, 1.5f}));
        QVERIFY(near(slerp({0, 0}, {2, 2}, 0.5f), {1, 1}));
    }

    void interpolationPathHasTheEndpoints()
    {
        const auto path = interpolationPath({0, 0}, {1, 2}, 5, false);
        QCOMPARE(path.size(), size_t(10));
        QVERIFY(near({path[0], path[1]}, {0, 0}));
        QVERIFY(near({path[4], path[5]}, {0.5f, 1}));
        QVERIFY(near({path[8], path[9]}, {1, 2}));
        QVERIFY(!errorOf([] { interpolationPath({0}, {1}, 1, true); }).isEmpty());
    }

    void interpolationConditionsGoFromOneEndsToTheOthers()
    {
        const auto c = interpolationConditions({0, 1}, {1, 0}, 3);
        QCOMPARE(c, std::vector<float>({0, 1, 0.5f, 0.5f, 1, 0}));
        QCOMPARE(interpolationConditions({0, 1}, {}, 2), std::vector<float>({0, 1, 0, 1})); // one condition throughout
        QVERIFY(interpolationConditions({}, {}, 4).empty());                                 // unconditional
        QVERIFY(errorOf([] { interpolationConditions({0, 1}, {1}, 3); }).contains(QStringLiteral("2 and 1")));
    }

    void attributeVectorIsTheDifferenceOfMeans()
    {
        // dim 2: rows with the attribute average (3, 1), without (1, 1).
        const std::vector<float> codes = {2, 0, 4, 2, 1, 1, 1, 1};
        QVERIFY(near(attributeVector(codes, 2, {true, true, false, false}), {2, 0}));
        QVERIFY(errorOf([&] { attributeVector(codes, 2, {true, true, true, true}); }).contains(QStringLiteral("without")));
    }

    void statisticsAndTraversal()
    {
        std::vector<float> mean, sd;
        codeStatistics({0, 10, 2, 10, 4, 10}, 2, mean, sd);
        QVERIFY(near(mean, {2, 10}));
        QVERIFY(near(sd, {std::sqrt(8.0f / 3.0f), 0}));
        const auto grid = traversalGrid({0, 5}, {1, 2}, {1, 0}, 3, 3.0f);
        // Row 0 sweeps dimension 1 from 5 - 6 to 5 + 6; row 1 sweeps dimension 0 from -3 to 3.
        QVERIFY(near(grid, {0, -1, 0, 5, 0, 11, -3, 5, 0, 5, 3, 5}));
        QVERIFY(!errorOf([] { traversalGrid({0}, {1}, {3}, 3); }).isEmpty());
    }

    void manifoldGridCoversTheRegion()
    {
        const auto g = manifoldGrid({10, 0, 0}, {1, 0, 0}, {0, 1, 0}, 3, -1, 1, 0, 4);
        QCOMPARE(g.size(), size_t(27));
        QVERIFY(near({g[0], g[1], g[2]}, {9, 4, 0}));        // top-left: xMin, yMax
        QVERIFY(near({g[12], g[13], g[14]}, {10, 2, 0}));    // centre
        QVERIFY(near({g[24], g[25], g[26]}, {11, 0, 0}));    // bottom-right: xMax, yMin
    }

    void basisMovesOneAxisAndKeepsTheRest()
    {
        // Axes (1,0) scale 2 and (0,1) scale 0.5 around (1,1).
        LatentBasis b = dimensionBasis({1, 1}, {2, 0.5f});
        const std::vector<float> z = {3, 0};
        QCOMPARE(basisCoordinates(b, z), (std::vector<float>{1, -2}));
        QCOMPARE(withCoordinate(b, z, 0, -1.5f), (std::vector<float>{-2, 0}));
        QCOMPARE(fromCoordinates(b, {1, 2}), (std::vector<float>{3, 2}));
        // Zero spread gives a unit scale instead of a division by zero.
        QCOMPARE(dimensionBasis({0}, {0}).scales, std::vector<float>{1});
        QVERIFY(!errorOf([&] { withCoordinate(b, z, 2, 0); }).isEmpty());
        QVERIFY(!errorOf([&] { basisCoordinates(b, {1, 2, 3}); }).isEmpty());
    }

    void basisTraversalSweepsEachAxis()
    {
        LatentBasis b = dimensionBasis({0, 0, 0}, {1, 2, 1});
        const auto grid = basisTraversal(b, {0.5f, 0.5f, 0.5f}, {1, 2}, 3, 3.0f);
        QCOMPARE(grid.size(), size_t(2 * 3 * 3));
        QCOMPARE(std::vector<float>(grid.begin(), grid.begin() + 9),
                 (std::vector<float>{0.5f, -6, 0.5f, 0.5f, 0, 0.5f, 0.5f, 6, 0.5f}));
        QCOMPARE(grid[9 + 2], -3.0f);
        QCOMPARE(grid[15 + 2], 3.0f);
        QVERIFY(!errorOf([&] { basisTraversal(b, {0, 0, 0}, {3}, 3); }).isEmpty());
    }

    void gaussianCodesAreSeededAndScaled()
    {
        const auto a = gaussianCodes(2000, {10, 0}, {1, 0.1f}, 7);
        QCOMPARE(a, gaussianCodes(2000, {10, 0}, {1, 0.1f}, 7));
        QVERIFY(a != gaussianCodes(2000, {10, 0}, {1, 0.1f}, 8));
        std::vector<float> mean, sd;
        codeStatistics(a, 2, mean, sd);
        QVERIFY(std::abs(mean[0] - 10) < 0.1f && std::abs(sd[0] - 1) < 0.1f && std::abs(sd[1] - 0.1f) < 0.01f);
    }
};

QTEST_APPLESS_MAIN(TestLatentMath)
#include "test_latent_math.moc"
