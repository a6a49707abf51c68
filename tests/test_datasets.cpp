// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset specs, MNIST layout folders, label checks, the MNIST JSON import and the tensor cache.
#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/data/mnist_json_import.h"
#include "core/data/tensor_file.h"
#include "core/error.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <set>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

std::string writeDigitJson(const QString& dir, int digit, int count, const std::string& override = "")
{
    std::string text = "{ \"data\": [";
    for (int i = 0; i < count * 784; ++i)
        text += (i ? "," : "") + std::string((i % 7) ? "0" : "0.5");
    text += "] }";
    if (!override.empty())
        text = override;
    const std::string path = (dir + QStringLiteral("/%1.json").arg(digit)).toStdString();
    writeFileAtomic(path, text.data(), text.size());
    return path;
}
} // namespace

class TestDatasets : public QObject {
    Q_OBJECT
private slots:
    void loadsMnistLayoutFolder()
    {
        QTemporaryDir dir;
        writeMnistFolder(dir.path(), 300, 100);
        Dataset d = Dataset::load("mnist:" + dir.path().toStdString());
        QCOMPARE(d.info().trainCount, int64_t(300));
        QCOMPARE(d.info().testCount, int64_t(100));
        QCOMPARE(d.info().channels, 1);
        QCOMPARE(d.info().height, 28);
        QCOMPARE(d.numClasses(), 10);
        QCOMPARE(d.info().classNames[3], std::string("3"));
        Dataset f = Dataset::load("fashion-mnist:" + dir.path().toStdString());
        QCOMPARE(f.info().classNames[9], std::string("Ankle boot"));
    }

    void drawsDspritesWithTheirFactors()
    {
        const Dataset d = Dataset::load("dsprites:700,seed=4", 0.2, 1);
        QCOMPARE(d.info().trainCount + d.info().testCount, int64_t(700));
        QCOMPARE(d.info().testCount, int64_t(140));
        QCOMPARE(d.info().channels, 1);
        QCOMPARE(d.info().height, 64);
        QCOMPARE(d.info().factorNames, (std::vector<std::string> {"shape", "scale", "orientation", "posX", "posY"}));
        QCOMPARE(d.info().classNames, (std::vector<std::string> {"square", "ellipse", "heart"}));
        const std::vector<float> f = d.factors(true);
        QCOMPARE(f.size(), size_t(140 * 5));
        const int sizes[5] = {3, 6, 40, 32, 32};
        std::vector<std::set<int>> seen(5);
        for (size_t i = 0; i < 140; ++i)
            for (int k = 0; k < 5; ++k) {
                const float v = f[i * 5 + size_t(k)];
                QVERIFY(v >= 0 && v < sizes[k] && v == std::floor(v));
                seen[size_t(k)].insert(int(v));
            }
        QCOMPARE(seen[0].size(), size_t(3)); // every shape drawn
        // The images are binary, with a sprite that grows with the scale.
        const auto images = d.images(true, 0, 140);
        double smallArea = 0, largeArea = 0;
        int small = 0, large = 0;
        for (size_t i = 0; i < images.size(); ++i) {
            int on = 0;
            for (uint8_t p : images[i].pixels) {
                QVERIFY(p == 0 || p == 255);
                on += p == 255;
            }
            QVERIFY(on > 0);
            const int scale = int(f[i * 5 + 1]);
            if (scale == 0) {
                smallArea += on;
                ++small;
            } else if (scale == 5) {
                largeArea += on;
                ++large;
            }
        }
        QVERIFY(small > 0 && large > 0 && largeArea / large > 2.5 * smallArea / small); // area grows with scale^2 (x4)
        // The same spec draws the same images; another seed others.
        QVERIFY(Dataset::load("dsprites:700,seed=4", 0.2, 1).images(false, 0, 1)[0].pixels == d.images(false, 0, 1)[0].pixels);
        QVERIFY(Dataset::load("dsprites:700,seed=5", 0.2, 1).factors(true) != f);
        QVERIFY(errorOf([] { Dataset::load("dsprites:many"); }).contains(QStringLiteral("dsprites[:N]")));
        QVERIFY(errorOf([] { Dataset::load("dsprites:1000000"); }).contains(QStringLiteral("737280")));
    }

    void rejectsLabelCountMismatch()
    {
        QTemporaryDir dir;
        writeMnistFolder(dir.path(), 300, 100);
        writeBytes(dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte")), encodeIdx({99}, cyclicLabels(99, 10)));
        const QString msg = errorOf([&] { Dataset::load("mnist:" + dir.path().toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("t10k-labels-idx1-ubyte")) && msg.contains(QStringLiteral("99 labels")),
                 qPrintable(msg));
    }

    void rejectsLabelsOutOfRange()
    {
        QTemporaryDir dir;
        writeMnistFolder(dir.path(), 300, 100);
        auto labels = cyclicLabels(300, 10);
        labels[17] = 12;
        writeBytes(dir.filePath(QStringLiteral("train-labels-idx1-ubyte")), encodeIdx({300}, labels));
        const QString msg = errorOf([&] { Dataset::load("mnist:" + dir.path().toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("label 12 of item 17")), qPrintable(msg));
    }

    void rejectsMissingFolderAndUnknownSpec()
    {
        QString msg = errorOf([] { Dataset::load("mnist:/no/such/folder"); });
        QVERIFY2(msg.contains(QStringLiteral("/no/such/folder")), qPrintable(msg));
        msg = errorOf([] { Dataset::load("cifar-10"); });
        QVERIFY2(msg.contains(QStringLiteral("unknown dataset spec")), qPrintable(msg));
        msg = errorOf([] { Dataset::load("idx:/no/such/file"); });
        QVERIFY2(msg.contains(QStringLiteral("/no/such/file")), qPrintable(msg));
    }

    void splitsIdxPairDeterministically()
    {
        QTemporaryDir dir;
        auto labels = cyclicLabels(70, 5);
        const QString img = dir.filePath(QStringLiteral("imgs")), lab = dir.filePath(QStringLiteral("labs"));
        writeBytes(img, encodeIdx({70, 28, 28}, syntheticPixels(70, labels)));
        writeBytes(lab, encodeIdx({70}, labels));
        const std::string spec = "idx:" + img.toStdString() + "," + lab.toStdString();
        Dataset a = Dataset::load(spec, 0.2, 5), b = Dataset::load(spec, 0.2, 5);
        QCOMPARE(a.info().testCount, int64_t(14));
        QCOMPARE(a.info().trainCount, int64_t(56));
        QCOMPARE(a.numClasses(), 5);
        QTemporaryDir out;
        a.saveCache(out.filePath(QStringLiteral("a")).toStdString());
        b.saveCache(out.filePath(QStringLiteral("b")).toStdString());
        QCOMPARE(readFileBytes(out.filePath(QStringLiteral("a")).toStdString()),
                 readFileBytes(out.filePath(QStringLiteral("b")).toStdString()));
    }

    void roundTripsTensorCache()
    {
        QTemporaryDir dir;
        writeMnistFolder(dir.path(), 120, 40);
        Dataset d = Dataset::load("mnist:" + dir.path().toStdString());
        const std::string c1 = dir.filePath(QStringLiteral("c1")).toStdString(), c2 = dir.filePath(QStringLiteral("c2")).toStdString();
        d.saveCache(c1);
        Dataset back = Dataset::load("cache:" + c1);
        QCOMPARE(back.info().trainCount, int64_t(120));
        QCOMPARE(back.info().classNames, d.info().classNames);
        back.saveCache(c2);
        QCOMPARE(readFileBytes(c1), readFileBytes(c2));
    }

    // cache:FILE,repeat=N: the training split N times over (a GPU check's CelebA-size throughput run
    // from a cache small enough to carry), the test split unchanged; N outside 1..100 is refused.
    void repeatsACachesTrainingSplit_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<int>("trainCount");
        QTest::addColumn<QString>("error");
        QTest::newRow("no option") << "" << 120 << "";
        QTest::newRow("once") << ",repeat=1" << 120 << "";
        QTest::newRow("ten times") << ",repeat=10" << 1200 << "";
        QTest::newRow("the most") << ",repeat=100" << 12000 << "";
        QTest::newRow("zero") << ",repeat=0" << 0 << "repeat=0 must be a whole number from 1 to 100";
        QTest::newRow("too many") << ",repeat=101" << 0 << "repeat=101 must be a whole number from 1 to 100";
        QTest::newRow("a fraction") << ",repeat=2.5" << 0 << "repeat=2.5 must be a whole number from 1 to 100";
        QTest::newRow("a word") << ",repeat=ten" << 0 << "repeat=ten must be a whole number from 1 to 100";
        QTest::newRow("no value") << ",repeat=" << 0 << "repeat= must be a whole number from 1 to 100";
    }
    void repeatsACachesTrainingSplit()
    {
        QFETCH(QString, option);
        QFETCH(int, trainCount);
        QFETCH(QString, error);
        QTemporaryDir dir;
        writeMnistFolder(dir.path(), 120, 40);
        Dataset d = Dataset::load("mnist:" + dir.path().toStdString());
        const std::string cache = dir.filePath(QStringLiteral("c")).toStdString();
        d.saveCache(cache);
        const std::string spec = "cache:" + cache + option.toStdString();
        if (!error.isEmpty()) {
            const QString msg = errorOf([&] { Dataset::load(spec); });
            QVERIFY2(msg.contains(QString::fromStdString("\"" + spec + "\"")) && msg.contains(error), qPrintable(msg));
            return;
        }
        Dataset r = Dataset::load(spec);
        QCOMPARE(r.info().spec, spec);
        QCOMPARE(r.info().trainCount, int64_t(trainCount));
        QCOMPARE(r.info().testCount, int64_t(40));
        // Copy k of image i is image i: the last training image is the cache's last one.
        QCOMPARE(r.images(false, trainCount - 1, 1)[0].pixels, d.images(false, 119, 1)[0].pixels);
        QCOMPARE(r.images(true, 0, 40).back().pixels, d.images(true, 0, 40).back().pixels);
    }

    // A cache whose labels point past its class names passes no check and fails no later than here.
    void rejectsACacheWithLabelsOutsideItsClasses()
    {
        QTemporaryDir dir;
        TensorFile f;
        f.kind = "dataset-cache";
        f.metaJson = R"({"name": "crafted", "class_names": ["a", "b"]})";
        const std::vector<uint8_t> labels = {0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0}; // int64 0 and 7
        for (const std::string split : {"train", "test"}) {
            f.arrays.push_back({split + ".images", DType::U8, {2, 1, 4, 4}, std::vector<uint8_t>(32, 1)});
            f.arrays.push_back({split + ".labels", DType::I64, {2}, labels});
        }
        const std::string path = dir.filePath(QStringLiteral("crafted.cache")).toStdString();
        writeTensorFile(path, f);
        const QString msg = errorOf([&] { Dataset::load("cache:" + path); });
        QVERIFY2(msg.contains(QString::fromStdString(path)) && msg.contains(QStringLiteral("labels run from 0 to 7")), qPrintable(msg));
    }

    void importsMnistJson()
    {
        QTemporaryDir src, out;
        for (int d = 0; d < 10; ++d)
            writeDigitJson(src.path(), d, 5);
        MnistImportResult r = importMnistJson(src.path().toStdString(), out.path().toStdString());
        QCOMPARE(r.trainCount, 40);
        QCOMPARE(r.testCount, 10);
        Dataset d = Dataset::load("mnist:" + out.path().toStdString());
        QCOMPARE(d.info().trainCount, int64_t(40));
        QCOMPARE(d.info().testCount, int64_t(10));
    }

    void rejectsBadMnistJson_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{ data: " << "not valid JSON";
        QTest::newRow("no data") << "{\"x\": []}" << "\"data\" array";
        QTest::newRow("partial image") << "{\"data\": [0, 0.5, 1]}" << "multiple of 784";
        QTest::newRow("out of range") << QString(QStringLiteral("{\"data\": [2") + QStringLiteral(",0").repeated(783) + QStringLiteral("]}"))
                                      << "outside [0, 1]";
    }
    void rejectsBadMnistJson()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QTemporaryDir src, out;
        for (int d = 0; d < 10; ++d)
            writeDigitJson(src.path(), d, 1, d == 4 ? text.toStdString() : "");
        const QString msg = errorOf([&] { importMnistJson(src.path().toStdString(), out.path().toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("4.json")) && msg.contains(expected), qPrintable(msg));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("train-images-idx3-ubyte"))));
    }

    void realFashionMnistWhenInstalled()
    {
        if (!fileExists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
            QSKIP("dataset-fashion-mnist is not installed");
        Dataset d = Dataset::load("fashion-mnist");
        QCOMPARE(d.info().trainCount, int64_t(60000));
        QCOMPARE(d.info().testCount, int64_t(10000));
    }
};

QTEST_APPLESS_MAIN(TestDatasets)
#include "test_datasets.moc"
