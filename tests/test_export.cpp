// SPDX-License-Identifier: GPL-3.0-or-later
// Every export read back by a standard decoder: PNG (OpenCV and Qt), MP4/AVI (OpenCV
// VideoCapture), GIF (giflib), CSV (row and column counts), weights (Python torch.load, when
// Debian's python3-torch is installed). Plus the grids and frames the exports are made of.
#include "core/export/csv_export.h"
#include "core/pixels/image_io.h"
#include "core/export/model_grids.h"
#include "core/pixels/video_io.h"
#include "core/export/weights_export.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"
#include "test_support.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

Image gradient(int w, int h, int channels)
{
    Image im;
    im.width = w;
    im.height = h;
    im.channels = channels;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c)
                im.pixels.push_back(uint8_t((x * 255 / std::max(1, w - 1) + c * 60 + y * 3) % 256));
    return im;
}

std::vector<Image> morphFrames(int n, int w, int h, int channels)
{
    std::vector<Image> frames;
    for (int i = 0; i < n; ++i) {
        Image f = gradient(w, h, channels);
        for (auto& p : f.pixels)
            p = uint8_t((p + i * 9) % 256);
        frames.push_back(f);
    }
    return frames;
}

int csvRows(const std::string& text, int& columns)
{
    int rows = 0;
    columns = -1;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        if (columns < 0)
            columns = int(std::count(line.begin(), line.end(), ',')) + 1;
        ++rows;
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return rows;
}

RunConfig tinyConfig(const std::string& preset)
{
    RunConfig c = loadPreset(preset);
    c.model.latent = 4;
    c.training.batchSize = 64;
    c.training.threads = 1;
    c.training.seed = 3;
    return c;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    // A sprite's thumbnails: each pixel the mean of its block; factor 1 leaves the image alone.
    void downscalesByTheMeanOfEachBlock()
    {
        Image im;
        im.width = 4;
        im.height = 2;
        im.channels = 1;
        im.pixels = {0, 10, 100, 200, 20, 30, 50, 250};
        const Image half = downscaleMean(im, 2);
        QCOMPARE(half.width, 2);
        QCOMPARE(half.height, 1);
        QCOMPARE(half.pixels, std::vector<uint8_t>({15, 150}));
        QCOMPARE(downscaleMean(im, 1).pixels, im.pixels);
    }

    void pngIsUpscaledNearestAndCaptioned()
    {
        QTemporaryDir dir;
        const Image src = gradient(7, 5, 3);
        const Image out = exportImage(src, 4, "latent walk");
        QVERIFY(out.width >= 28);                          // the caption band may widen a narrow image
        QVERIFY(out.height > 20);                            // 20 rows of image plus a caption band
        const std::string path = dir.filePath(QStringLiteral("grid.png")).toStdString();
        writeImage(out, path);
        const Image back = readImage(path, 3);
        QCOMPARE(back.width, out.width);
        QCOMPARE(back.height, out.height);
        QVERIFY(back.pixels == out.pixels);              // PNG is lossless (and writing left `out` as it was)
        QImage qt(QString::fromStdString(path));         // and Qt's decoder reads it too
        QCOMPARE(qt.width(), out.width);
        // Nearest neighbour: each source pixel becomes a 4x4 block of the same colour.
        const Image plain = exportImage(src, 4);
        QCOMPARE(plain.width, 28);
        QCOMPARE(plain.height, 20);
        for (int y = 0; y < 20; ++y)
            for (int x = 0; x < 28; ++x)
                QCOMPARE(plain.at(x, y, 1), src.at(x / 4, y / 4, 1));
        // The caption band lies below the image, which stays on top unchanged.
        const Image wide = exportImage(gradient(200, 40, 1), 1, "x");
        QCOMPARE(wide.width, 200);
        QVERIFY(wide.height > 40);
        for (int x = 0; x < 200; ++x)
            QCOMPARE(wide.at(x, 10), gradient(200, 40, 1).at(x, 10));
    }

    void pngRejectsBadScaleAndKeepsEarlierFile()
    {
        QTemporaryDir dir;
        const Image src = gradient(8, 8, 1);
        QVERIFY(errorOf([&] { exportImage(src, 0); }).contains(QLatin1String("scale 0")));
        QVERIFY(errorOf([&] { exportImage(gradient(3000, 10, 1), 8); }).contains(QLatin1String("16384")));
        const std::string path = dir.filePath(QStringLiteral("keep.png")).toStdString();
        writeImage(src, path);
        bool threw = false;
        try {
            writeImage(src, dir.filePath(QStringLiteral("no/such/folder/x.png")).toStdString());
        } catch (const Error& e) {
            threw = QString::fromUtf8(e.what()).contains(QLatin1String("no/such/folder"));
        }
        QVERIFY(threw);
        try {
            writeImage(Image {}, path);
        } catch (const Error&) {
        }
        QCOMPARE(readImage(path, 1).pixels, src.pixels);
    }

    void videosHaveEveryFrame_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("channels");
        QTest::newRow("mp4 rgb") << "morph.mp4" << 3;
        QTest::newRow("avi gray") << "morph.avi" << 1;
        QTest::newRow("mp4 odd size") << "odd.MP4" << 3;
    }
    void videosHaveEveryFrame()
    {
        QFETCH(QString, name);
        QFETCH(int, channels);
        QTemporaryDir dir;
        const std::string path = dir.filePath(name).toStdString();
        const int w = name.startsWith(QLatin1String("odd")) ? 57 : 64;
        writeVideo(morphFrames(17, w, 48, channels), path, 12.0);
        QCOMPARE(countVideoFrames(path), 17);
        // MP4 is H.264, which browsers' <video> and slide software play (not MPEG-4 part 2).
        const std::string codec = videoCodec(path);
        if (name.endsWith(QLatin1String("mp4"), Qt::CaseInsensitive))
            QVERIFY2(codec == "avc1" || codec == "h264", codec.c_str());
        else
            QCOMPARE(codec, std::string("mjpg"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no partial file left
    }

    void gifHasFramesDelayAndLoops()
    {
        QTemporaryDir dir;
        for (int channels : {1, 3}) {
            const std::string path = dir.filePath(QStringLiteral("m%1.gif").arg(channels)).toStdString();
            writeVideo(morphFrames(9, 30, 20, channels), path, 10.0);
            const GifSummary s = readGifSummary(path);
            QCOMPARE(s.frames, 9);
            QCOMPARE(s.width, 30);
            QCOMPARE(s.height, 20);
            QCOMPARE(s.delayCentiseconds, 10);
        }
        QFile f(dir.filePath(QStringLiteral("m3.gif")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("NETSCAPE2.0"));
        // Gray frames keep their exact levels (a 256-gray palette).
        QImage first(dir.filePath(QStringLiteral("m1.gif")));
        if (!first.isNull()) // Qt's GIF plugin is optional
            QCOMPARE(qGray(first.pixel(29, 0)), int(morphFrames(1, 30, 20, 1)[0].at(29, 0)));
    }

    void videoRejectsBadInput()
    {
        QTemporaryDir dir;
        const std::string mp4 = dir.filePath(QStringLiteral("v.mp4")).toStdString();
        QVERIFY(errorOf([&] { videoFormatFromPath("clip.webm"); }).contains(QLatin1String(".webm")));
        QVERIFY(errorOf([&] { writeVideo({}, mp4, 10); }).contains(QLatin1String("no frames")));
        QVERIFY(errorOf([&] { writeVideo(morphFrames(2, 8, 8, 1), mp4, 0); }).contains(QLatin1String("frame rate")));
        auto mixed = morphFrames(3, 16, 16, 3);
        mixed[2] = gradient(8, 8, 3);
        QVERIFY(errorOf([&] { writeVideo(mixed, mp4, 10); }).contains(QLatin1String("frame 2")));
        QVERIFY(errorOf([&] { writeGif(mixed, dir.filePath(QStringLiteral("v.gif")).toStdString(), 10); })
                    .contains(QLatin1String("frame 2")));
        QVERIFY(errorOf([&] { readGifSummary(mp4); }).contains(QLatin1String("v.mp4")));
        QVERIFY(!QFile::exists(QString::fromStdString(mp4)));
    }

    // Debian's OpenCV links FFmpeg with x264: H.264 is there, and the probe says so.
    void probesTheH264Encoder() { QVERIFY(canWriteH264()); }

    // A cancelled video leaves no partial file and keeps an earlier file of that name byte for byte.
    void cancelledVideoKeepsTheEarlierFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("mp4") << "clip.mp4";
        QTest::newRow("gif") << "clip.gif";
    }
    void cancelledVideoKeepsTheEarlierFile()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const std::string path = dir.filePath(name).toStdString();
        writeVideo(morphFrames(5, 32, 32, 3), path, 10.0);
        QFile before(QString::fromStdString(path));
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray earlier = before.readAll();
        before.close();
        int64_t heard = 0;
        bool cancelled = false;
        try {
            writeVideo(morphFrames(20, 48, 48, 3), path, 10.0, [&](int64_t done, int64_t total) {
                heard = done;
                return total == 20 && done < 7;
            });
        } catch (const Cancelled& e) {
            cancelled = QString::fromUtf8(e.what()).contains(name);
        }
        QVERIFY(cancelled);
        QCOMPARE(heard, int64_t(7));
        QFile after(QString::fromStdString(path));
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), earlier);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no partial file left
    }

    void latentsCsvHasARowPerCodeAndQuotesNames()
    {
        LatentCodes codes;
        codes.dim = 3;
        codes.values = {0.5f, -1, 2, 1e-8f, 3, 4};
        codes.labels = {1, 0};
        codes.attributeNames = {"Smiling", "Odd, name"};
        codes.attributes = {1, 0, 0, 1};
        int columns = 0;
        const std::string text = latentsCsv(codes, {"zero", "one"});
        QCOMPARE(csvRows(text, columns), 3);
        QVERIFY(QString::fromStdString(text).startsWith(QLatin1String("id,label,label_name,Smiling,\"Odd, name\",z0,z1,z2\n")));
        QVERIFY(QString::fromStdString(text).contains(QLatin1String("\n0,1,one,1,0,0.5,-1,2\n")));
        // Ground-truth factors (dsprites) follow the attributes, one column each; a short list is left out.
        codes.factorNames = {"shape", "posX"};
        codes.factors = {2, 31, 0, 7};
        const QString withFactors = QString::fromStdString(latentsCsv(codes, {"zero", "one"}));
        QVERIFY(withFactors.startsWith(QLatin1String("id,label,label_name,Smiling,\"Odd, name\",factor_shape,factor_posX,z0,z1,z2\n")));
        QVERIFY(withFactors.contains(QLatin1String("\n1,0,zero,0,1,0,7,1e-08,3,4\n")));
        codes.factors.pop_back();
        QVERIFY(!QString::fromStdString(latentsCsv(codes)).contains(QLatin1String("factor_")));
        std::vector<EpochStats> history(4);
        for (int i = 0; i < 4; ++i)
            history[size_t(i)].epoch = i + 1;
        QCOMPARE(csvRows(lossHistoryCsv(history), columns), 5);
        QCOMPARE(columns, 10);
    }

    void gridsHaveTheirShapes()
    {
        const Dataset data = smallDataset(256, 64);
        const Model m = Model::create(tinyConfig("mlp-vae"), data.info(), 1);
        const LatentCodes codes = m.encode(data);
        const Image trav = traversalGridImage(m, &codes, 4, 7);
        QCOMPARE(trav.width, 7 * 28 + 8 * 2); // makeGrid pads the border too
        QCOMPARE(trav.height, 4 * 28 + 5 * 2);
        const Image manifold = manifoldGridImage(m, &codes, 5, 2.0f, 1, 3);
        QCOMPARE(manifold.width, 5 * 28);
        const Image recon = reconstructionGridImage(m, data, 6);
        QCOMPARE(recon.width, 6 * 28 + 7 * 2);
        QCOMPARE(recon.height, 2 * 28 + 3 * 2);
        QCOMPARE(int(sampleImages(m, &codes, 9, 1).size()), 9);
        QVERIFY(errorOf([&] { manifoldGridImage(m, &codes, 5, 2.0f, 1, 1); }).contains(QLatin1String("two different")));
        QVERIFY(errorOf([&] { traversalGridImage(m, &codes, 4, 1); }).contains(QLatin1String("steps")));
    }

    void interpolationFramesGoThereAndBack()
    {
        const Dataset data = smallDataset(256, 64);
        const Model m = Model::create(tinyConfig("mlp-vae"), data.info(), 1);
        const std::vector<float> a = {1, 0, 0, 0}, b = {0, 2, 0, -1};
        const auto once = interpolationFrames(m, a, b, 6, false);
        QCOMPARE(int(once.size()), 6);
        const auto loop = interpolationFrames(m, a, b, 6, true, {}, true);
        QCOMPARE(int(loop.size()), 10);
        QVERIFY(loop[1].pixels == loop[9].pixels);   // the way back retraces the way there
        QVERIFY(loop[0].pixels != loop[5].pixels);
        const auto ends = m.decode(b, 1);
        QVERIFY(once[5].pixels == ends[0].pixels);
    }

    void weightsLoadInPythonTorch_data()
    {
        QTest::addColumn<bool>("conditionMaps");
        QTest::newRow("condition at the heads") << false;
        QTest::newRow("condition maps into the encoder") << true;
    }
    void weightsLoadInPythonTorch()
    {
        // A conditional conv VAE with batch norm: parameters, buffers and the condition inputs.
        QFETCH(bool, conditionMaps);
        RunConfig c = tinyConfig("conv-vae");
        c.model.conditionMaps = conditionMaps;
        LayerSpec bn;
        bn.type = "batchnorm";
        c.model.encoder.insert(c.model.encoder.begin() + 1, bn);
        c.model.kind = ModelKind::ConditionalVae;
        c.model.condition = ConditionSource::Labels;
        Trainer t(c, smallDataset(256, 64));
        t.train(1);
        const Model m = t.model().cloneToCpu();

        QTemporaryDir dir;
        const std::string pt = dir.filePath(QStringLiteral("model.pt")).toStdString();
        const WeightsExport w = exportWeights(m, pt);
        QCOMPARE(QString::fromStdString(w.descriptionPath), dir.filePath(QStringLiteral("model.json")));
        QVERIFY(std::count(w.tensorNames.begin(), w.tensorNames.end(), "encoder.1.running_mean") == 1);
        QVERIFY(std::count(w.tensorNames.begin(), w.tensorNames.end(), "mu.weight") == 1);

        const QString python = torchPython();
        if (python.isEmpty())
            QSKIP("Python with torch not found (install Debian's python3-torch to run this check)");
        const int n = 3;
        std::vector<float> z;
        for (int i = 0; i < n * 4; ++i)
            z.push_back(float(i % 7) * 0.4f - 1.2f);
        std::vector<float> cond(10, 0.0f);
        cond[3] = 1.0f;
        QJsonObject expected;
        expected[QStringLiteral("count")] = n;
        auto array = [](const auto& values) {
            QJsonArray a;
            for (auto v : values)
                a.append(double(v));
            return a;
        };
        expected[QStringLiteral("z")] = array(z);
        expected[QStringLiteral("condition")] = array(cond);
        std::vector<int> decoded, inputs;
        for (const Image& im : m.decode(z, n, cond))
            decoded.insert(decoded.end(), im.pixels.begin(), im.pixels.end());
        const auto images = smallDataset(256, 64).images(true, 0, n);
        for (const Image& im : images)
            inputs.insert(inputs.end(), im.pixels.begin(), im.pixels.end());
        expected[QStringLiteral("decoded")] = array(decoded);
        expected[QStringLiteral("inputs")] = array(inputs);
        expected[QStringLiteral("mu")] = array(m.encodeImages(images, cond));
        QFile f(dir.filePath(QStringLiteral("expected.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(expected).toJson());
        f.close();

        const QString source = QStringLiteral(LATENTLAB_SOURCE_DIR);
        QProcess p;
        p.start(python, {source + QStringLiteral("/tests/python/check_weights.py"), QString::fromStdString(pt),
                         QString::fromStdString(w.descriptionPath), f.fileName(), source + QStringLiteral("/resources/python")});
        QVERIFY(p.waitForFinished(300000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.startsWith(QLatin1String("ok")), qPrintable(out));
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
