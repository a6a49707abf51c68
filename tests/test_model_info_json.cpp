// SPDX-License-Identifier: GPL-3.0-or-later
// A model's description as JSON (what a checkpoint carries): round trip, non-finite statistics
// spelled out so a diverged run's checkpoint still reads, and incomplete descriptions refused.
#include "core/models/model_info_json_impl.h"
#include "core/models/presets.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace latentlab;
using latentlab::testing::errorOf;

class TestModelInfoJson : public QObject {
    Q_OBJECT

    static ModelInfo sample()
    {
        ModelInfo mi;
        mi.config = loadPreset("mlp-vae");
        mi.classNames = {"a", "b"};
        mi.datasetSpec = "mnist";
        mi.epoch = 2;
        EpochStats good;
        good.epoch = 1;
        good.trainLoss = 120.5;
        good.klPerDim = {0.5, 1.5};
        EpochStats diverged;
        diverged.epoch = 2;
        diverged.trainLoss = std::numeric_limits<double>::quiet_NaN();
        diverged.testLoss = std::numeric_limits<double>::infinity();
        diverged.testKl = -std::numeric_limits<double>::infinity();
        diverged.klPerDim = {std::numeric_limits<double>::quiet_NaN(), 2.0};
        mi.history = {good, diverged};
        return mi;
    }

private slots:
    void roundTripsIncludingNonFiniteStatistics()
    {
        nlohmann::json j;
        modelInfoToJson(sample(), j);
        // Text JSON cannot hold NaN: it must survive a dump and parse as the file does.
        const ModelInfo back = modelInfoFromJson(nlohmann::json::parse(j.dump()), "x.llck");
        QCOMPARE(back.epoch, 2);
        QCOMPARE(back.classNames, std::vector<std::string>({"a", "b"}));
        QCOMPARE(int(back.history.size()), 2);
        QCOMPARE(back.history[0].trainLoss, 120.5);
        QCOMPARE(back.history[0].klPerDim, std::vector<double>({0.5, 1.5}));
        QVERIFY(std::isnan(back.history[1].trainLoss));
        QVERIFY(std::isinf(back.history[1].testLoss) && back.history[1].testLoss > 0);
        QVERIFY(std::isinf(back.history[1].testKl) && back.history[1].testKl < 0);
        QVERIFY(std::isnan(back.history[1].klPerDim[0]));
        QCOMPARE(back.config.model.latent, sample().config.model.latent);
    }

    void readsNullStatisticsOfOlderFilesAsNaN()
    {
        nlohmann::json j;
        modelInfoToJson(sample(), j);
        j["history"][1]["train_loss"] = nullptr; // what nlohmann wrote for NaN before
        const ModelInfo back = modelInfoFromJson(j, "old.llck");
        QVERIFY(std::isnan(back.history[1].trainLoss));
    }

    void refusesIncompleteDescriptionsNamingTheFile()
    {
        nlohmann::json j;
        modelInfoToJson(sample(), j);
        j.erase("class_names");
        QVERIFY(errorOf([&] { modelInfoFromJson(j, "broken.llck"); }).startsWith(QStringLiteral("broken.llck")));
        modelInfoToJson(sample(), j);
        j["history"][0]["test_kl"] = "lots";
        const QString e = errorOf([&] { modelInfoFromJson(j, "broken.llck"); });
        QVERIFY2(e.contains(QStringLiteral("history entry 1")) && e.contains(QStringLiteral("test_kl")), qPrintable(e));
        modelInfoToJson(sample(), j);
        j["condition_dim"] = 3; // no condition names
        QVERIFY(errorOf([&] { modelInfoFromJson(j, "broken.llck"); }).contains(QStringLiteral("condition")));
        // A reference condition must match the condition's size.
        modelInfoToJson(sample(), j);
        j["condition_dim"] = 2;
        j["condition_names"] = {"Smiling", "Male"};
        j["reference_condition"] = {1.0, 0.0};
        QCOMPARE(modelInfoFromJson(j, "ok.llck").defaultCondition(), (std::vector<float> {1.0f, 0.0f}));
        j["reference_condition"] = {1.0};
        const QString r = errorOf([&] { modelInfoFromJson(j, "broken.llck"); });
        QVERIFY2(r.startsWith(QStringLiteral("broken.llck")) && r.contains(QStringLiteral("reference_condition")), qPrintable(r));
        // Older checkpoints have none: unnamed conditions fall back to zeros.
        j.erase("reference_condition");
        QCOMPARE(modelInfoFromJson(j, "old.llck").defaultCondition(), (std::vector<float> {0.0f, 0.0f}));
    }
};

QTEST_APPLESS_MAIN(TestModelInfoJson)
#include "test_model_info_json.moc"
