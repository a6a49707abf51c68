// SPDX-License-Identifier: GPL-3.0-or-later
// Session files: round trip (floats bit for bit), presets with overrides, relative checkpoints,
// every bundled lesson parses, and bad files fail with the file and the field named.
#include "core/data/file_io.h"
#include "core/session/session_file.h"
#include "test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
const char* kMinimal = R"({"format": "latentlab-session", "preset": "mlp-vae"})";

std::string withField(const std::string& field)
{
    return std::string(R"({"format": "latentlab-session", "preset": "mlp-vae", )") + field + "}";
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}
} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void roundTripsBitForBit()
    {
        SessionFile s = parseSession(kMinimal, "mem");
        s.title = "Adding a smile";
        s.checkpoint = "lesson.llck";
        s.view = "explore";
        s.presentation = true;
        s.captions["scatter"] = "Codes, coloured by label";
        s.hasExplore = true;
        s.config.model.latent = 3;
        s.explore.point = {0.1f, -1.0f / 3.0f, 3.14159274f};
        s.explore.condition = {1e-7f, 2.5f};
        s.explore.attribute = "Smiling";
        s.explore.amount = 137;
        s.explore.interpolationA = {1, 2, 3};
        s.explore.interpolationB = {-0.3f, 0.7f, 1e-20f};
        s.explore.spherical = false;
        s.explore.scatterDimX = 2;
        s.explore.scatterDimY = 3;
        s.explore.tab = "Traversal";
        s.explore.scatterThumbnails = true;
        s.explore.scatterView = {-1.5f, 0.25f, 2.0f, 3.125f};
        s.explore.scatterSearch = "Smiling & not Male";
        s.explore.scatterIsolate = true;
        s.explore.scatter3d = true;
        s.explore.scatter3dCamera = {-30, 20, 140};
        s.explore.scatterAllCodes = true;
        s.explore.scatterSelection = {3, 17, 9999};
        s.explore.scatterMap = "umap";
        s.explore.mapNeighbours = 40;
        s.explore.mapMinDist = 0.25;
        s.explore.mapPerplexity = 12;
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s.json")).toStdString();
        writeSession(path, s);
        const SessionFile r = readSession(path);
        QCOMPARE(r.title, s.title);
        QCOMPARE(r.view, std::string("explore"));
        QVERIFY(r.presentation);
        QCOMPARE(r.captions.at("scatter"), s.captions.at("scatter"));
        QVERIFY(sameBits(r.explore.point, s.explore.point));
        QVERIFY(sameBits(r.explore.condition, s.explore.condition));
        QVERIFY(sameBits(r.explore.interpolationB, s.explore.interpolationB));
        QCOMPARE(r.explore.amount, 137);
        QCOMPARE(r.explore.attribute, std::string("Smiling"));
        QVERIFY(!r.explore.spherical);
        QCOMPARE(r.explore.scatterDimY, 3);
        QCOMPARE(r.explore.tab, std::string("Traversal"));
        QVERIFY(r.explore.scatterThumbnails);
        QVERIFY(sameBits(r.explore.scatterView, s.explore.scatterView));
        QCOMPARE(r.explore.scatterSearch, s.explore.scatterSearch);
        QVERIFY(r.explore.scatterIsolate);
        QVERIFY(r.explore.scatter3d);
        QCOMPARE(r.explore.scatter3dCamera, s.explore.scatter3dCamera);
        QVERIFY(r.explore.scatterAllCodes);
        QCOMPARE(r.explore.scatterSelection, s.explore.scatterSelection);
        QCOMPARE(r.explore.scatterMap, std::string("umap"));
        QCOMPARE(r.explore.mapNeighbours, 40);
        QCOMPARE(r.explore.mapMinDist, 0.25);
        QCOMPARE(r.explore.mapPerplexity, 12.0);
        QCOMPARE(runConfigToJson(r.config), runConfigToJson(s.config));
        QCOMPARE(sessionCheckpointPath(path, r), dir.filePath(QStringLiteral("lesson.llck")).toStdString());
    }

    // Sessions saved before UMAP said "scatter_tsne": true; they open on their t-SNE map.
    void readsTheOlderTsneFlag()
    {
        const SessionFile s = parseSession(withField(R"("explore": {"scatter_tsne": true})"), "old.json");
        QCOMPARE(s.explore.scatterMap, std::string("tsne"));
        QCOMPARE(parseSession(withField(R"("explore": {"scatter_tsne": false})"), "old.json").explore.scatterMap, std::string());
    }

    void presetWithOverrides()
    {
        const SessionFile s = parseSession(
            withField(R"("overrides": {"dataset": "fashion-mnist", "latent": 2, "beta": 4, "epochs": 3, "seed": 9})"), "mem");
        QCOMPARE(s.config.name, std::string("mlp-vae"));
        QCOMPARE(s.config.dataset, std::string("fashion-mnist"));
        QCOMPARE(s.config.model.latent, 2);
        QCOMPARE(s.config.loss.beta, 4.0);
        QCOMPARE(s.config.training.epochs, 3);
        QCOMPARE(s.config.training.seed, uint64_t(9));
        QCOMPARE(sessionCheckpointPath("/a/b.json", s), std::string());
    }

    void bundledLessonsParse()
    {
        const QDir lessons(QStringLiteral(LATENTLAB_SOURCE_DIR "/resources/lessons"));
        const QStringList files = lessons.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 3);
        for (const QString& f : files) {
            const SessionFile s = readSession(lessons.filePath(f).toStdString());
            QVERIFY2(!s.title.empty() && !s.description.empty(), qPrintable(f));
            QVERIFY2(s.autostart && s.checkpoint.empty(), qPrintable(f)); // lessons train from scratch
        }
    }

    void rejectsBadSessions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{\"format\": " << "not valid JSON";
        QTest::newRow("not a session") << R"({"format": "something"})" << "not a LatentLab session";
        QTest::newRow("nothing to train") << R"({"format": "latentlab-session"})" << "\"config\" or \"preset\"";
        QTest::newRow("unknown preset") << R"({"format": "latentlab-session", "preset": "gan"})" << "preset";
        QTest::newRow("future version") << QString::fromStdString(withField(R"("version": 7)")) << "newer";
        QTest::newRow("bad view") << QString::fromStdString(withField(R"("view": "sideways")")) << "\"view\"";
        QTest::newRow("unknown override") << QString::fromStdString(withField(R"("overrides": {"wings": 2})")) << "\"wings\"";
        QTest::newRow("latent out of range") << QString::fromStdString(withField(R"("overrides": {"latent": 0})")) << "\"latent\"";
        QTest::newRow("point of text") << QString::fromStdString(withField(R"("explore": {"point": ["a"]})")) << "\"point\"";
        QTest::newRow("point of wrong size") << QString::fromStdString(withField(R"("explore": {"point": [1, 2]})")) << "has 2 values";
        QTest::newRow("huge value") << QString::fromStdString(withField(R"("explore": {"point": [1e300]})")) << "finite";
        QTest::newRow("scatter view upside down")
            << QString::fromStdString(withField(R"("explore": {"scatter_view": [1, 0, 0, 1]})")) << "x0 < x1";
        QTest::newRow("scatter view of 3") << QString::fromStdString(withField(R"("explore": {"scatter_view": [0, 1, 0]})"))
                                           << "x0 < x1";
        QTest::newRow("negative selection") << QString::fromStdString(withField(R"("explore": {"scatter_selection": [4, -1]})"))
                                            << "\"scatter_selection\"";
        QTest::newRow("selection of text") << QString::fromStdString(withField(R"("explore": {"scatter_selection": ["a"]})"))
                                           << "\"scatter_selection\"";
        QTest::newRow("unknown code set") << QString::fromStdString(withField(R"("explore": {"scatter_codes": "some"})"))
                                          << "\"scatter_codes\"";
        QTest::newRow("3-D camera without zoom")
            << QString::fromStdString(withField(R"("explore": {"scatter_3d_camera": [10, 20, 0]})")) << "\"scatter_3d_camera\"";
        QTest::newRow("3-D camera of 2") << QString::fromStdString(withField(R"("explore": {"scatter_3d_camera": [10, 20]})"))
                                         << "\"scatter_3d_camera\"";
        QTest::newRow("unknown map") << QString::fromStdString(withField(R"("explore": {"scatter_map": "mds"})")) << "\"scatter_map\"";
        QTest::newRow("map neighbours out of range")
            << QString::fromStdString(withField(R"("explore": {"map_neighbours": 1})")) << "\"map_neighbours\"";
        QTest::newRow("unknown panel") << QString::fromStdString(withField(R"("captions": {"toaster": "x"})")) << "\"toaster\"";
        QTest::newRow("caption not text") << QString::fromStdString(withField(R"("captions": {"loss": 3})")) << "\"loss\"";
    }
    void rejectsBadSessions()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString error = errorOf([&] { parseSession(text.toStdString(), "lesson.json"); });
        QVERIFY2(error.startsWith(QLatin1String("lesson.json")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void missingFileIsNamed()
    {
        QVERIFY(errorOf([] { readSession("/no/such/session.json"); }).contains(QLatin1String("/no/such/session.json")));
    }
};

QTEST_APPLESS_MAIN(TestSession)
#include "test_session.moc"
