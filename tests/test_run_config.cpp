// SPDX-License-Identifier: GPL-3.0-or-later
// Presets parse, build for their data shapes and reproduce the documented architectures;
// config errors name the field.
#include "core/error.h"
#include "core/models/model.h"
#include "core/models/presets.h"

#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
DatasetInfo shape(int c, int h, int w, int classes = 10, int attributes = 0)
{
    DatasetInfo d;
    d.spec = "fixture";
    d.channels = c;
    d.height = h;
    d.width = w;
    for (int i = 0; i < classes; ++i)
        d.classNames.push_back(std::to_string(i));
    for (int i = 0; i < attributes; ++i)
        d.attributeNames.push_back("attr" + std::to_string(i));
    return d;
}

} // namespace

class TestRunConfig : public QObject {
    Q_OBJECT
private slots:
    void everyPresetBuildsAndDecodes()
    {
        const auto presets = allPresets();
        QVERIFY(presets.size() >= 6);
        for (const RunConfig& p : presets) {
            // Each preset on the image shape it declares (faces with 40 attributes).
            const bool faces = p.model.input[0] == 3;
            DatasetInfo d = shape(int(p.model.input[0]), int(p.model.input[1]), int(p.model.input[2]), faces ? 1 : 10,
                                 faces ? 40 : 0);
            Model m = Model::create(p, d, 1);
            std::vector<float> z(size_t(2) * m.info().latentDim(), 0.1f);
            auto images = m.decode(z, 2);
            QCOMPARE(int(images.size()), 2);
            QCOMPARE(images[0].width, d.width);
            QCOMPARE(images[0].channels, d.channels);
        }
    }

    void classicPresetsHaveTheirArchitecture()
    {
        // mlp-vae: 784-400-20 with two heads and a 20-400-784 decoder.
        RunConfig vae = loadPreset("mlp-vae");
        QCOMPARE(vae.model.latent, 20);
        QVERIFY(vae.optimizer.type == OptimizerType::Adam);
        QCOMPARE(vae.optimizer.lr, 1e-3);
        QCOMPARE(vae.training.batchSize, 128);
        QVERIFY(vae.loss.reconstruction == ReconLoss::Bce);
        QVERIFY(vae.loss.reduction == Reduction::Sum);
        // dense-ae: five encoder Linear layers each followed by LeakyReLU + Dropout(0.5), Nadam.
        RunConfig dense = loadPreset("dense-ae");
        int linear = 0, dropout = 0;
        for (const auto& l : dense.model.encoder) {
            linear += l.type == "linear";
            dropout += l.type == "dropout" && l.p == 0.5;
        }
        QCOMPARE(linear, 5);
        QCOMPARE(dropout, 5);
        QVERIFY(dense.optimizer.type == OptimizerType::Nadam);
        // mlp-ae-3d: tanh output on [-1, 1] inputs with MSE, 3-d code.
        RunConfig ae3 = loadPreset("mlp-ae-3d");
        QCOMPARE(ae3.model.latent, 3);
        QVERIFY(ae3.model.output == OutputActivation::Tanh);
        QVERIFY(ae3.model.inputRange == InputRange::Symmetric);
        QVERIFY(ae3.loss.reconstruction == ReconLoss::Mse);
        // conv-ae: the code is the 8x2x2 feature map.
        RunConfig conv = loadPreset("conv-ae");
        QVERIFY(conv.model.fixedLatent);
        QCOMPARE(conv.model.latent, 32);
        QCOMPARE(conv.model.encoder[0].stride, 3);
    }

    void rejectsUnknownPresetAndBadValues()
    {
        QString msg = errorOf([] { loadPreset("no-such-preset"); });
        QVERIFY2(msg.contains(QStringLiteral("unknown preset")) && msg.contains(QStringLiteral("mlp-vae")), qPrintable(msg));
        RunConfig c = loadPreset("mlp-vae");
        c.model.latent = 0;
        msg = errorOf([&] { validateRunConfig(c); });
        QVERIFY2(msg.contains(QStringLiteral("latent size 0")), qPrintable(msg));
        c.model.latent = 257;
        QVERIFY(!errorOf([&] { validateRunConfig(c); }).isEmpty());
        c = loadPreset("mlp-vae");
        c.optimizer.lr = -1;
        QVERIFY(errorOf([&] { validateRunConfig(c); }).contains(QStringLiteral("learning rate")));
        msg = errorOf([] { parseRunConfig("{\"model\": {\"encoder\": [{\"type\": \"lineer\"}], \"decoder\": []}}", "my.json"); });
        QVERIFY2(msg.contains(QStringLiteral("my.json.model.encoder[0].type")), qPrintable(msg));
        msg = errorOf([] { parseRunConfig("{\"modle\": {}}", "typo.json"); });
        QVERIFY2(msg.contains(QStringLiteral("unknown key \"modle\"")), qPrintable(msg));
    }

    // Typos in a preset's numbers get a message naming the file and the layer, never a torch
    // backtrace, a huge allocation or a silently wrapped value.
    void rejectsPresetNumbersThatWouldBreakTheModel_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("path");  // JSON pointer-ish: model/encoder/N/key
        QTest::addColumn<QString>("value"); // raw JSON text
        QTest::addColumn<QString>("expected");
        QTest::newRow("kernel 100000") << "conv-vae" << "0/kernel" << "100000" << "kernel 100000";
        QTest::newRow("width 1e7") << "mlp-vae" << "1/out" << "10000000" << "weights";
        QTest::newRow("width 2^32+1") << "mlp-vae" << "1/out" << "4294967297" << "4294967297";
        QTest::newRow("beta 1e400") << "mlp-vae" << "beta" << "1e400" << "invalid JSON";
        // Within the per-layer limits, beyond the whole model's: refused on the dry pass.
        QTest::newRow("100000 channels") << "conv-vae" << "0/out" << "100000" << "values per image";
    }
    void rejectsPresetNumbersThatWouldBreakTheModel()
    {
        QFETCH(QString, preset);
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QJsonObject doc = QJsonDocument::fromJson(QByteArray::fromStdString(runConfigToJson(loadPreset(preset.toStdString())))).object();
        const QString marker = QStringLiteral("\"@@@\"");
        if (path == QLatin1String("beta")) {
            QJsonObject loss = doc[QStringLiteral("loss")].toObject();
            loss[QStringLiteral("beta")] = QStringLiteral("@@@");
            doc[QStringLiteral("loss")] = loss;
        } else {
            const QStringList parts = path.split(QLatin1Char('/'));
            QJsonObject model = doc[QStringLiteral("model")].toObject();
            QJsonArray encoder = model[QStringLiteral("encoder")].toArray();
            QJsonObject layer = encoder[parts[0].toInt()].toObject();
            layer[parts[1]] = QStringLiteral("@@@");
            encoder[parts[0].toInt()] = layer;
            model[QStringLiteral("encoder")] = encoder;
            doc[QStringLiteral("model")] = model;
        }
        const std::string text = QString::fromUtf8(QJsonDocument(doc).toJson()).replace(marker, value).toStdString();
        const QString msg = errorOf([&] {
            const RunConfig c = parseRunConfig(text, "typo.json");
            Model::create(c, c.model.input[0] == 3 ? shape(3, 64, 64) : shape(1, 28, 28), 1);
        });
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(msg.startsWith(QStringLiteral("typo.json")) || msg.contains(QStringLiteral("encoder layer")) ||
                     msg.startsWith(QStringLiteral("the model")),
                 qPrintable(msg));
    }

    // 40 linear layers of 4096 pass the per-layer limit (16.8 M weights each) and would hold 671 M
    // weights together: refused before any layer is made, naming the limit.
    void aModelOverTheWholeModelBudgetIsRefusedBeforeAllocating()
    {
        RunConfig c = loadPreset("mlp-vae");
        c.model.encoder.clear();
        LayerSpec flatten;
        flatten.type = "flatten";
        c.model.encoder.push_back(flatten);
        for (int i = 0; i < 40; ++i) {
            LayerSpec l;
            l.type = "linear";
            l.out = 4096;
            c.model.encoder.push_back(l);
        }
        const QString msg = errorOf([&] { Model::create(c, shape(1, 28, 28), 1); });
        QVERIFY2(msg.contains(QStringLiteral("weights, more than the limit of 134217728")), qPrintable(msg));
    }

    void layerKeysOfAnotherTypeAreRefused()
    {
        const QString msg = errorOf([] {
            parseRunConfig(R"({"name": "x", "model": {"kind": "vae", "latent": 2, "input": [1, 28, 28],
                "encoder": [{"type": "flatten", "out": 5}, {"type": "linear", "out": 10}],
                "decoder": [{"type": "linear", "out": 784}]}})",
                           "keys.json");
        });
        QVERIFY2(msg.contains(QStringLiteral("keys.json")) && msg.contains(QStringLiteral("a \"flatten\" layer takes no \"out\"")),
                 qPrintable(msg));
    }

    void reportsArchitectureThatDoesNotFitTheData()
    {
        const QString msg = errorOf([] { Model::create(loadPreset("conv-ae"), shape(3, 64, 64), 1); });
        QVERIFY2(msg.contains(QStringLiteral("does not fit")) || msg.contains(QStringLiteral("latent")), qPrintable(msg));
        const QString cvae = errorOf([] { Model::create(loadPreset("conv-cvae-faces"), shape(3, 64, 64, 1, 0), 1); });
        QVERIFY2(cvae.contains(QStringLiteral("attributes")), qPrintable(cvae));
    }

    void mlpPresetsAdaptToOtherImageSizes()
    {
        RunConfig c = loadPreset("mlp-vae");
        c.model.latent = 7;
        Model m = Model::create(c, shape(3, 16, 16), 1);
        auto images = m.decode(std::vector<float>(7, 0.0f), 1);
        QCOMPARE(images[0].width, 16);
        QCOMPARE(images[0].channels, 3);
    }

    void roundTripsThroughJson()
    {
        for (const RunConfig& p : allPresets()) {
            RunConfig back = parseRunConfig(runConfigToJson(p), "roundtrip");
            QCOMPARE(runConfigToJson(back), runConfigToJson(p));
        }
    }
};

QTEST_APPLESS_MAIN(TestRunConfig)
#include "test_run_config.moc"
