// SPDX-License-Identifier: GPL-3.0-or-later
// The training loop through its public API: learning, determinism, exact resume, pause/stop,
// NaN handling, live beta/lr changes, snapshots and checkpoint errors.
#include "core/data/file_io.h"
#include "core/data/tensor_file.h"
#include "core/error.h"
#include "core/latent/likelihood.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <thread>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
RunConfig smallVae(const std::string& preset = "mlp-vae")
{
    RunConfig c = loadPreset(preset);
    c.model.latent = preset == "conv-ae" ? c.model.latent : 4;
    c.training.batchSize = 64;
    c.training.threads = 1;
    c.training.seed = 42;
    c.training.progressEveryBatches = 2;
    return c;
}

std::vector<uint8_t> decodeBytes(const Model& m)
{
    std::vector<float> z(size_t(m.info().latentDim()) * 3);
    for (size_t i = 0; i < z.size(); ++i)
        z[i] = float(i % 5) * 0.3f - 0.6f;
    std::vector<uint8_t> out;
    for (const Image& im : m.decode(z, 3))
        out.insert(out.end(), im.pixels.begin(), im.pixels.end());
    return out;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void lossDecreasesAndSnapshotsArrive()
    {
        Trainer t(smallVae(), smallDataset());
        std::vector<EpochSnapshot> snaps;
        int batches = 0;
        TrainerCallbacks cb;
        cb.onEpoch = [&](const EpochSnapshot& s) { snaps.push_back(s); };
        cb.onBatch = [&](const BatchProgress& p) {
            ++batches;
            QVERIFY(p.batch <= p.batchesPerEpoch);
        };
        TrainResult r = t.train(3, cb);
        QVERIFY(r.reason == StopReason::Finished);
        QCOMPARE(int(snaps.size()), 3);
        QVERIFY(batches >= 3 * 4);
        QVERIFY2(snaps[2].stats.testLoss < snaps[0].stats.testLoss, "test loss did not fall");
        const EpochSnapshot& s = snaps.back();
        QCOMPARE(s.latents.dim, 4);
        QCOMPARE(s.latents.count(), int64_t(128));
        QCOMPARE(s.latents.labels.size(), size_t(128));
        QCOMPARE(int(s.stats.klPerDim.size()), 4);
        QCOMPARE(s.reconstructions.height, 2 * 28 + 3 * 2); // originals above reconstructions
        QCOMPARE(s.reconstructions.width, 8 * 28 + 9 * 2);
    }

    void sameSeedGivesSameRun()
    {
        Trainer a(smallVae(), smallDataset()), b(smallVae(), smallDataset());
        a.train(2);
        b.train(2);
        QCOMPARE(a.history()[1].trainLoss, b.history()[1].trainLoss);
        QCOMPARE(decodeBytes(a.model()), decodeBytes(b.model()));
        RunConfig other = smallVae();
        other.training.seed = 43;
        Trainer c(other, smallDataset());
        c.train(2);
        QVERIFY(c.history()[1].trainLoss != a.history()[1].trainLoss);
    }

    void resumesFromCheckpointExactly_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("vae adam") << "mlp-vae";
        QTest::newRow("dense-ae nadam dropout") << "dense-ae";
        QTest::newRow("conv-ae") << "conv-ae";
    }
    void resumesFromCheckpointExactly()
    {
        QFETCH(QString, preset);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("ck")).toStdString();
        Dataset data = smallDataset();
        Trainer straight(smallVae(preset.toStdString()), data);
        straight.train(3);
        Trainer first(smallVae(preset.toStdString()), data);
        first.train(1);
        first.saveCheckpoint(path);
        auto resumed = Trainer::resume(path, data);
        QCOMPARE(resumed->epoch(), 1);
        resumed->train(3);
        QCOMPARE(resumed->history().size(), size_t(3));
        for (int e = 0; e < 3; ++e)
            QCOMPARE(resumed->history()[e].trainLoss, straight.history()[e].trainLoss);
        QCOMPARE(decodeBytes(resumed->model()), decodeBytes(straight.model()));
    }

    void pausesResumesAndStops()
    {
        Trainer t(smallVae(), smallDataset());
        std::atomic<int> batches {0};
        TrainerCallbacks cb;
        cb.onBatch = [&](const BatchProgress&) { ++batches; };
        TrainResult result;
        std::thread worker([&] { result = t.train(100000, cb); });
        while (batches < 4)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        t.pause();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const int atPause = batches;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QVERIFY(batches - atPause <= 1); // at most the batch in flight
        QVERIFY(t.paused());
        t.resumeTraining();
        while (batches < atPause + 4)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        t.requestStop();
        worker.join();
        QVERIFY(result.reason == StopReason::Stopped);
        QVERIFY(result.epochsDone < 100000);
    }

    void stopWhilePausedReturns()
    {
        Trainer t(smallVae(), smallDataset());
        t.pause();
        TrainResult result;
        std::thread worker([&] { result = t.train(10); });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        t.requestStop();
        worker.join();
        QVERIFY(result.reason == StopReason::Stopped);
        QCOMPARE(t.epoch(), 0);
    }

    void nonFiniteLossStopsAndKeepsLastGoodWeights()
    {
        DatasetArrays a;
        a.name = "poisoned";
        auto labels = cyclicLabels(256, 10);
        for (auto v : syntheticPixels(256, labels))
            a.trainImages.push_back(v / 255.0f);
        a.trainImages[200 * 784 + 300] = std::nanf(""); // image 200 of epoch 2's data
        a.trainLabels.assign(labels.begin(), labels.end());
        a.testImages.assign(a.trainImages.begin(), a.trainImages.begin() + 64 * 784);
        a.testLabels.assign(labels.begin(), labels.begin() + 64);
        Trainer t(smallVae(), Dataset::fromArrays(a));
        TrainResult r = t.train(5);
        QVERIFY(r.reason == StopReason::NonFiniteLoss);
        QVERIFY2(QString::fromStdString(r.message).contains(QStringLiteral("epoch 1, batch")), r.message.c_str());
        QCOMPARE(t.epoch(), 0);
        // The kept weights still decode and encode to finite numbers.
        LatentCodes codes = t.model().encode(smallDataset());
        for (float v : codes.values)
            QVERIFY(std::isfinite(v));
    }

    void betaAndLearningRateChangeWhileTraining()
    {
        RunConfig c = smallVae();
        Trainer t(c, smallDataset());
        TrainerCallbacks cb;
        cb.onEpoch = [&](const EpochSnapshot& s) {
            if (s.stats.epoch == 1) {
                t.setLiveParam("beta", 0.25);
                t.setLiveParam("lr", 5e-4);
            }
        };
        t.train(2, cb);
        QCOMPARE(t.history()[0].beta, 1.0);
        QCOMPARE(t.history()[1].beta, 0.25);
        QCOMPARE(t.history()[1].learningRate, 5e-4);
        QVERIFY_THROWS_EXCEPTION(InputError, t.setLiveParam("beta", -1));
        QVERIFY_THROWS_EXCEPTION(InputError, t.setLiveParam("lr", std::nan("")));
    }

    void klWarmupRampsBeta()
    {
        RunConfig c = smallVae();
        c.loss.klWarmupEpochs = 2;
        Trainer t(c, smallDataset());
        t.train(3);
        QCOMPARE(t.history()[0].beta, 0.5);
        QCOMPARE(t.history()[1].beta, 1.0);
    }

    void conditionalVaeUsesLabels()
    {
        Trainer t(smallVae("mlp-cvae"), smallDataset());
        t.train(1);
        Model m = t.model();
        QCOMPARE(m.info().conditionDim, 10);
        auto cond = m.conditionFromText("3=1");
        QCOMPARE(cond[3], 1.0f);
        QCOMPARE(cond[0], 0.0f);
        QVERIFY(errorOf([&] { m.conditionFromText("Smiling=1"); }).contains(QStringLiteral("unknown name")));
        QCOMPARE(int(m.sample(4, 1, cond).size()), 4);
    }

    void referenceConditionIsTheTrainingDataMostCommonOne()
    {
        // 512 digits whose labels are mostly 3, and three face-like attributes whose most common
        // combination is (Black_Hair) alone: [1, 0, 0] 50 %, [0, 1, 1] 30 %, [0, 0, 0] 20 %.
        const int n = 512, m = 128;
        auto trainLabels = cyclicLabels(n, 10), testLabels = cyclicLabels(m, 10);
        for (int i = 0; i < n; i += 3)
            trainLabels[size_t(i)] = 3;
        DatasetArrays a;
        for (auto v : syntheticPixels(n, trainLabels))
            a.trainImages.push_back(v / 255.0f);
        for (auto v : syntheticPixels(m, testLabels))
            a.testImages.push_back(v / 255.0f);
        a.trainLabels.assign(trainLabels.begin(), trainLabels.end());
        a.testLabels.assign(testLabels.begin(), testLabels.end());
        for (int c = 0; c < 10; ++c)
            a.classNames.push_back(std::to_string(c));
        a.attributeNames = {"Black_Hair", "Blond_Hair", "Smiling"};
        const auto rowOf = [](int i) -> std::vector<float> {
            return i % 10 < 5 ? std::vector<float> {1, 0, 0} : i % 10 < 8 ? std::vector<float> {0, 1, 1} : std::vector<float> {0, 0, 0};
        };
        for (int i = 0; i < n; ++i)
            for (float v : rowOf(i + 7)) // not starting with the winner: ties would not decide it
                a.trainAttributes.push_back(v);
        for (int i = 0; i < m; ++i)
            for (float v : rowOf(i))
                a.testAttributes.push_back(v);
        const Dataset data = Dataset::fromArrays(a);

        RunConfig byLabel = smallVae("mlp-cvae");
        Trainer labels(byLabel, data);
        const std::vector<float> three {0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        QCOMPARE(labels.model().info().referenceCondition, three);
        QCOMPARE(labels.model().info().defaultCondition(), three);
        QCOMPARE(labels.model().conditionFromText("7=1")[3], 0.0f); // a named class replaces the default
        QCOMPARE(labels.model().conditionFromText("7=1")[7], 1.0f);

        RunConfig byAttributes = smallVae("mlp-cvae");
        byAttributes.model.condition = ConditionSource::Attributes;
        Trainer faces(byAttributes, data);
        faces.train(1);
        const Model model = faces.model();
        QCOMPARE(model.info().referenceCondition, (std::vector<float> {1, 0, 0}));
        // "Smiling=1" alone keeps the usual hair colour; an empty condition decodes as the default.
        QCOMPARE(model.conditionFromText("Smiling=1"), (std::vector<float> {1, 0, 1}));
        std::vector<float> z(size_t(model.info().latentDim()), 0.3f);
        QVERIFY(model.decode(z, 1)[0].pixels == model.decode(z, 1, {1, 0, 0})[0].pixels);
        QVERIFY(model.decode(z, 1)[0].pixels != model.decode(z, 1, {0, 0, 0})[0].pixels);
        // It travels with the checkpoint.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("ck")).toStdString();
        faces.saveCheckpoint(path);
        QCOMPARE(Model::load(path).info().referenceCondition, (std::vector<float> {1, 0, 0}));
    }

    void importanceWeightedNllIsBelowTheNegativeElbo()
    {
        Trainer t(smallVae(), smallDataset());
        t.train(2);
        const Model m = t.model();
        const Dataset data = smallDataset();
        const LikelihoodEstimate e = estimateNll(m, data, 128, 64, 3);
        QCOMPARE(e.images, 128);
        QCOMPARE(e.samples, 64);
        QVERIFY(std::isfinite(e.nll) && e.nll > 0);
        QVERIFY2(e.nll <= e.negativeElbo, qPrintable(QStringLiteral("%1 > %2").arg(e.nll).arg(e.negativeElbo)));
        QVERIFY(e.negativeElbo - e.nll < 0.2 * e.negativeElbo); // a tighter bound, not another quantity
        // The -ELBO is the trainer's own test loss (BCE summed + KL, beta 1) up to sampling noise.
        const double testLoss = t.history().back().testLoss;
        QVERIFY2(std::abs(e.negativeElbo - testLoss) < 0.05 * testLoss,
                 qPrintable(QStringLiteral("-ELBO %1, test loss %2").arg(e.negativeElbo).arg(testLoss)));
        // One sample: the bound is the ELBO itself.
        const LikelihoodEstimate one = estimateNll(m, data, 128, 1, 3);
        QVERIFY(std::abs(one.nll - one.negativeElbo) < 1e-9 * std::abs(one.nll));
        // More samples tighten it (in expectation; 64 vs 1 sample is far beyond the noise).
        QVERIFY(e.nll < one.nll);
        // A plain autoencoder has no likelihood.
        Trainer ae(smallVae("dense-ae"), smallDataset());
        QVERIFY(errorOf([&] { estimateNll(ae.model(), data, 8, 8, 1); }).contains(QStringLiteral("autoencoder")));
    }

    void rejectsBadCheckpoints()
    {
        QTemporaryDir dir;
        const std::string good = dir.filePath(QStringLiteral("good")).toStdString();
        Trainer t(smallVae(), smallDataset());
        t.train(1);
        t.saveCheckpoint(good);
        QCOMPARE(Model::load(good).info().epoch, 1);
        auto bytes = readFileBytes(good);
        // Truncated.
        const std::string cut = dir.filePath(QStringLiteral("cut")).toStdString();
        writeFileAtomic(cut, bytes.data(), bytes.size() - 100);
        QVERIFY(errorOf([&] { Model::load(cut); }).contains(QString::fromStdString(cut)));
        // Garbage.
        const std::string junk = dir.filePath(QStringLiteral("junk")).toStdString();
        std::string text = "this is not a checkpoint at all";
        writeFileAtomic(junk, text.data(), text.size());
        QVERIFY(errorOf([&] { Model::load(junk); }).contains(QStringLiteral("not a LatentLab file")));
        // Missing.
        QVERIFY(errorOf([&] { Model::load("/no/such/checkpoint"); }).contains(QStringLiteral("/no/such/checkpoint")));
        // Another architecture: the description of one model with the weights of another.
        RunConfig wider = smallVae();
        wider.model.latent = 6;
        Trainer w(wider, smallDataset());
        const std::string widePath = dir.filePath(QStringLiteral("wide")).toStdString();
        w.saveCheckpoint(widePath);
        TensorFile mixed = readTensorFile(widePath, "checkpoint");
        mixed.metaJson = readTensorFile(good, "checkpoint").metaJson;
        const std::string mixedPath = dir.filePath(QStringLiteral("mixed")).toStdString();
        writeTensorFile(mixedPath, mixed);
        QVERIFY(errorOf([&] { Model::load(mixedPath); }).contains(QStringLiteral("architecture")));
        // A newer checkpoint format.
        TensorFile future = readTensorFile(good, "checkpoint");
        const auto pos = future.metaJson.find("\"format\":1");
        QVERIFY(pos != std::string::npos);
        future.metaJson.replace(pos, 10, "\"format\":99");
        const std::string futurePath = dir.filePath(QStringLiteral("future")).toStdString();
        writeTensorFile(futurePath, future);
        QVERIFY(errorOf([&] { Model::load(futurePath); }).contains(QStringLiteral("newer")));
        // A dataset cache is not a checkpoint.
        const std::string cache = dir.filePath(QStringLiteral("cache")).toStdString();
        smallDataset().saveCache(cache);
        QVERIFY(errorOf([&] { Model::load(cache); }).contains(QStringLiteral("expected a checkpoint")));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
