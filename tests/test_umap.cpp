// SPDX-License-Identifier: GPL-3.0-or-later
// UMAP on codes whose answer is known: the a/b curve matches umap-learn's, separated clusters stay
// separated and pure, the map keeps neighbours better than PCA, a seed gives the same map on any
// number of threads, progress can stop it, bad input is refused and repeated points do not break it.
#include "core/error.h"
#include "core/latent/pca.h"
#include "core/latent/tsne.h"
#include "core/latent/umap.h"
#include "map_test_support.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace latentlab;
using latentlab::testing::clustered;
using latentlab::testing::errorOf;
using latentlab::testing::labelDistances;
using latentlab::testing::neighbourPurity;

class TestUmap : public QObject {
    Q_OBJECT
private slots:
    // umap-learn's find_ab_params gives a = 1.577, b = 0.895 for its defaults (min_dist 0.1,
    // spread 1), and a = 1.929, b = 0.792 for min_dist 0 (its docs' table; umap/umap_.py).
    void fitsTheCurveAsUmapLearnDoes()
    {
        const auto [a, b] = umapCurve(0.1, 1.0);
        QVERIFY2(std::abs(a - 1.577) < 0.02 && std::abs(b - 0.895) < 0.01, qPrintable(QStringLiteral("a %1 b %2").arg(a).arg(b)));
        const auto [a0, b0] = umapCurve(0.0, 1.0);
        QVERIFY2(std::abs(a0 - 1.929) < 0.03 && std::abs(b0 - 0.792) < 0.01, qPrintable(QStringLiteral("a %1 b %2").arg(a0).arg(b0)));
    }

    // In 2-D, and in 3-D (File > Export map, `map --dims 3`: three coordinates per point).
    void separatesKnownClusters_data()
    {
        QTest::addColumn<int>("dims");
        QTest::newRow("2-D") << 2;
        QTest::newRow("3-D") << 3;
    }
    void separatesKnownClusters()
    {
        QFETCH(int, dims);
        std::vector<int> labels;
        const auto codes = clustered(1000, 6, labels);
        UmapOptions o;
        o.epochs = 200;
        o.dims = dims;
        const UmapResult r = runUmap(codes, 20, o);
        QCOMPARE(r.epochs, 200);
        QVERIFY(!r.stopped);
        QCOMPARE(r.embedding.size(), size_t(1000 * dims));
        for (float v : r.embedding)
            QVERIFY(std::isfinite(v));
        const double purity = neighbourPurity(r.embedding, labels, dims);
        QVERIFY2(purity > 0.99, qPrintable(QString::number(purity)));
        const auto [within, between] = labelDistances(r.embedding, labels, 300, dims);
        QVERIFY2(between > 4 * within, qPrintable(QStringLiteral("within %1, between %2").arg(within).arg(between)));
        if (dims == 3) { // the third coordinate is used, not left at its start
            double spread = 0;
            for (size_t i = 0; i < 1000; ++i)
                spread += std::abs(r.embedding[3 * i + 2]) / 1000;
            QVERIFY(spread > 0.5);
        }
    }

    // A swiss roll (a sheet rolled up, in 3 of 20 dimensions): any plane lays the roll's turns over
    // each other, so a projection loses neighbours that UMAP, following the sheet, keeps.
    void keepsNeighboursBetterThanPca()
    {
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
        std::normal_distribution<float> noise(0.0f, 0.05f);
        std::vector<float> codes;
        for (int i = 0; i < 1500; ++i) {
            const float t = 1.5f * float(M_PI) * (1.0f + 2.0f * uniform(rng)), h = 20.0f * uniform(rng);
            const float roll[3] = {t * std::cos(t), h, t * std::sin(t)};
            for (int d = 0; d < 20; ++d) // the roll in dimensions 0, 7 and 13, noise in all
                codes.push_back((d == 0 ? roll[0] : d == 7 ? roll[1] : d == 13 ? roll[2] : 0.0f) + noise(rng));
        }
        const Projection2D pca = projectPca(codes, 20);
        const UmapResult r = runUmap(codes, 20);
        const double tPca = trustworthiness(codes, 20, pca.points, 2, 10, 1500);
        const double tUmap = trustworthiness(codes, 20, r.embedding, 2, 10, 1500);
        qInfo("trustworthiness UMAP %f PCA %f", tUmap, tPca);
        QVERIFY2(tUmap > tPca + 0.02, qPrintable(QStringLiteral("UMAP %1, PCA %2").arg(tUmap).arg(tPca)));
    }

    void aSeedGivesTheSameMapOnAnyThreads()
    {
        std::vector<int> labels;
        const auto codes = clustered(400, 4, labels);
        UmapOptions o;
        o.epochs = 60;
        o.threads = 1;
        const auto one = runUmap(codes, 20, o).embedding;
        o.threads = 2;
        QCOMPARE(runUmap(codes, 20, o).embedding, one);
        o.threads = 3;
        QCOMPARE(runUmap(codes, 20, o).embedding, one);
        o.seed = 2;
        QVERIFY(runUmap(codes, 20, o).embedding != one);
    }

    void progressCanStopIt()
    {
        std::vector<int> labels;
        const auto codes = clustered(200, 2, labels);
        UmapOptions o;
        o.epochs = 100;
        o.reportEvery = 10;
        std::vector<int> seen;
        const UmapResult r = runUmap(codes, 20, o, [&](int epoch, const std::vector<float>& y) {
            seen.push_back(epoch);
            return y.size() == 400 && epoch < 30;
        });
        QCOMPARE(seen, std::vector<int>({10, 20, 30}));
        QCOMPARE(r.epochs, 30);
        QVERIFY(r.stopped);
    }

    void refusesBadInput()
    {
        std::vector<int> labels;
        auto codes = clustered(50, 2, labels);
        QVERIFY(errorOf([&] { runUmap(std::vector<float>(3 * 20, 0.5f), 20); }).contains(QStringLiteral("at least 4 points")));
        codes[17] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY(errorOf([&] { runUmap(codes, 20); }).contains(QStringLiteral("not a finite number")));
        codes[17] = 0;
        QVERIFY(errorOf([&] { runUmap(codes, 7); }).contains(QStringLiteral("not rows of 7")));
        UmapOptions o;
        o.neighbours = 1;
        QVERIFY(errorOf([&] { runUmap(codes, 20, o); }).contains(QStringLiteral("neighbours")));
        o = UmapOptions();
        o.minDist = 1.5;
        QVERIFY(errorOf([&] { runUmap(codes, 20, o); }).contains(QStringLiteral("min_dist")));
        o = UmapOptions();
        o.dims = 4;
        QVERIFY(errorOf([&] { runUmap(codes, 20, o); }).contains(QStringLiteral("2 or 3 dimensions")));
        // More neighbours than points: as many as there are.
        o = UmapOptions();
        o.neighbours = 500;
        o.epochs = 20;
        QCOMPARE(runUmap(codes, 20, o).embedding.size(), size_t(100));
    }

    // One code repeated 2,000 times (a collapsed encoder) and a few others: a finite map, the
    // repeats apart from the others.
    void survivesARepeatedPoint()
    {
        std::vector<float> codes(2000 * 5, 0.25f);
        for (int i = 0; i < 20; ++i)
            for (int d = 0; d < 5; ++d)
                codes.push_back(float(3 + i % 4 + d));
        UmapOptions o;
        o.epochs = 50;
        const UmapResult r = runUmap(codes, 5, o);
        QCOMPARE(r.embedding.size(), size_t(2020 * 2));
        for (float v : r.embedding)
            QVERIFY(std::isfinite(v));
        const std::vector<float> same(2000 * 5, 0.25f);
        for (float v : runUmap(same, 5, o).embedding)
            QVERIFY(std::isfinite(v));
    }
};

QTEST_APPLESS_MAIN(TestUmap)
#include "test_umap.moc"
