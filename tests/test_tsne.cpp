// SPDX-License-Identifier: GPL-3.0-or-later
// Barnes-Hut t-SNE on codes whose answer is known: separated clusters stay separated and pure,
// a seed gives the same map, progress can stop it, bad input is refused; trustworthiness on
// embeddings whose score is known.
#include "core/error.h"
#include "core/latent/pca.h"
#include "core/latent/tsne.h"
#include "map_test_support.h"
#include "test_support.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace latentlab;
using latentlab::testing::clustered;
using latentlab::testing::errorOf;
using latentlab::testing::labelDistances;
using latentlab::testing::neighbourPurity;

namespace {
// A map of the clustered codes (dims 2 or 3) keeps them as islands: finite, every point's
// neighbours of its own cluster, clusters far apart against their spread, and more trustworthy
// than PCA on the same codes.
QString islandsProblem(const std::vector<float>& codes, const std::vector<float>& map, const std::vector<int>& labels, int dims)
{
    if (map.size() != labels.size() * size_t(dims) || !std::all_of(map.begin(), map.end(), [](float v) { return std::isfinite(v); }))
        return QStringLiteral("not n x %1 finite values").arg(dims);
    if (const double purity = neighbourPurity(map, labels, dims); purity <= 0.99)
        return QStringLiteral("neighbour purity %1").arg(purity);
    if (const auto [within, between] = labelDistances(map, labels, 300, dims); between <= 3 * within)
        return QStringLiteral("between %1 vs within %2").arg(between).arg(within);
    const std::vector<float> pca = dims == 2 ? projectPca(codes, 20).points : principalCoordinates(codes, 20, 3);
    const double tsne = trustworthiness(codes, 20, map, dims, 10, 1000), linear = trustworthiness(codes, 20, pca, dims, 10, 1000);
    return tsne > linear ? QString() : QStringLiteral("trustworthiness t-SNE %1, PCA %2").arg(tsne).arg(linear);
}
} // namespace

class TestTsne : public QObject {
    Q_OBJECT
private slots:
    void separatesKnownClusters()
    {
        std::vector<int> labels;
        const auto codes = clustered(1000, 6, labels);
        TsneOptions o;
        o.iterations = 500;
        const TsneResult r = runTsne(codes, 20, o);
        QCOMPARE(r.iterations, 500);
        QVERIFY(!r.stopped);
        const QString problem = islandsProblem(codes, r.embedding, labels, 2);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The KL divergence it reports is what the iterations lower.
        TsneOptions early = o;
        early.iterations = 260; // just past early exaggeration
        const double before = runTsne(codes, 20, early).kl;
        qInfo("KL after 260 iterations %.4f, after 500 %.4f", before, r.kl);
        QVERIFY(std::isfinite(r.kl) && r.kl > 0 && r.kl < before);
    }

    // A 3-D map (the 3-D scatter's, `map --dims 3`) by the octree: the same islands.
    void mapsInThreeDimensions()
    {
        std::vector<int> labels;
        const auto codes = clustered(1000, 6, labels);
        TsneOptions o;
        o.iterations = 500;
        o.dims = 3;
        const TsneResult r = runTsne(codes, 20, o);
        const QString problem = islandsProblem(codes, r.embedding, labels, 3);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        double spread[3] = {0, 0, 0}; // every dimension used, not a flat map in 3-D
        for (size_t k = 0; k < r.embedding.size(); ++k)
            spread[k % 3] += double(r.embedding[k]) * r.embedding[k];
        QVERIFY(*std::min_element(spread, spread + 3) > 0.05 * *std::max_element(spread, spread + 3));
        o.threads = 2;
        o.iterations = 60;
        QVERIFY(runTsne(codes, 20, o).embedding == runTsne(codes, 20, o).embedding); // deterministic in 3-D too
        o.dims = 4;
        QVERIFY(errorOf([&] { runTsne(codes, 20, o); }).contains(QStringLiteral("2 or 3")));
    }

    void aSeedGivesTheSameMap()
    {
        std::vector<int> labels;
        const auto codes = clustered(300, 3, labels);
        TsneOptions o;
        o.iterations = 100;
        o.threads = 2;
        const auto a = runTsne(codes, 20, o).embedding, b = runTsne(codes, 20, o).embedding;
        QVERIFY(a == b);
        o.seed = 2;
        QVERIFY(runTsne(codes, 20, o).embedding != a);
    }

    void progressShowsTheMapAndCanStopIt()
    {
        std::vector<int> labels;
        const auto codes = clustered(200, 2, labels);
        TsneOptions o;
        o.iterations = 300;
        o.reportEvery = 10;
        std::vector<int> seen;
        const TsneResult r = runTsne(codes, 20, o, [&](int it, const std::vector<float>& y) {
            seen.push_back(it);
            return y.size() == 400 && it < 50;
        });
        QCOMPARE(seen, (std::vector<int> {10, 20, 30, 40, 50}));
        QVERIFY(r.stopped);
        QCOMPARE(r.iterations, 50);
    }

    void refusesWhatItCannotEmbed()
    {
        QVERIFY(errorOf([] { runTsne(std::vector<float>(6, 0.0f), 2); }).contains(QStringLiteral("at least 4")));
        std::vector<float> codes(40, 1.0f);
        codes[7] = std::nanf("");
        QVERIFY(errorOf([&] { runTsne(codes, 2); }).contains(QStringLiteral("finite")));
        TsneOptions o;
        o.perplexity = 30;
        QVERIFY(errorOf([&] { runTsne(std::vector<float>(40, 1.0f), 2, o); }).contains(QStringLiteral("perplexity")));
        QVERIFY(errorOf([] { runTsne(std::vector<float>(7, 1.0f), 2); }).contains(QStringLiteral("rows")));
        // Identical points do not break the tree or the affinities.
        std::vector<float> same(200 * 3, 0.5f);
        TsneOptions few;
        few.iterations = 50;
        few.perplexity = 5;
        for (float v : runTsne(same, 3, few).embedding)
            QVERIFY(std::isfinite(v));
    }

    void trustworthinessScoresKnownEmbeddings()
    {
        std::mt19937_64 rng(3);
        std::normal_distribution<float> noise;
        std::vector<float> plane(400 * 2), shuffled(400 * 2);
        for (float& v : plane)
            v = noise(rng);
        for (float& v : shuffled)
            v = noise(rng);
        QCOMPARE(trustworthiness(plane, 2, plane, 2, 10), 1.0); // the data itself
        const double random = trustworthiness(plane, 2, shuffled, 2, 10);
        QVERIFY2(random > 0.4 && random < 0.6, qPrintable(QString::number(random))); // unrelated: about 1/2
    }
};

QTEST_APPLESS_MAIN(TestTsne)
#include "test_tsne.moc"
