// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic faces, the CelebA loader on files in CelebA's exact layout (with damaged copies),
// image folders and the preprocessing cache.
#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/pixels/image_preprocess.h"
#include "core/pixels/pixel_datasets.h"
#include "core/pixels/synth_faces.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <thread>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
QString g_celeba; // one synthetic CelebA folder shared by the tests (copied before damaging)

void copyFolder(const QString& from, const QString& to)
{
    QDir().mkpath(to + QStringLiteral("/img_align_celeba"));
    for (const QString& f : {QStringLiteral("list_attr_celeba.txt"), QStringLiteral("list_eval_partition.txt")})
        QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f);
    QDir images(from + QStringLiteral("/img_align_celeba"));
    for (const QString& f : images.entryList(QDir::Files))
        QFile::copy(images.filePath(f), to + QStringLiteral("/img_align_celeba/") + f);
}

QString image(const QString& folder, int index)
{
    return folder + QStringLiteral("/img_align_celeba/%1.jpg").arg(index, 6, 10, QLatin1Char('0'));
}
} // namespace

class TestFaceData : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // Caches go to XDG_CACHE_HOME/latentlab (rebuildable files), not the data folder; one that an
    // older version left in DATA/cache is still read rather than drawn again.
    void cachesLiveInTheXdgCacheFolder()
    {
        const QByteArray data = qgetenv("LATENTLAB_DATA");
        QTemporaryDir home;
        const QString oldCache = home.filePath(QStringLiteral("data/latentlab/cache"));
        qputenv("LATENTLAB_DATA", home.filePath(QStringLiteral("data/latentlab")).toUtf8()); // as before 0.2
        const std::string celeba = "celeba:" + g_celeba.toStdString();
        Dataset::load(celeba);
        QCOMPARE(QDir(oldCache).entryList(QDir::Files).size(), 1);
        qunsetenv("LATENTLAB_DATA");
        qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
        QCOMPARE(QString::fromStdString(userCacheDir()), home.filePath(QStringLiteral("cache/latentlab")));
        Dataset::load(celeba); // the old cache is read: nothing decoded again
        QVERIFY(QDir(home.filePath(QStringLiteral("cache/latentlab"))).entryList(QDir::Files).isEmpty());
        Dataset::load(celeba + ",size=32"); // a new one goes to the cache folder
        QCOMPARE(QDir(home.filePath(QStringLiteral("cache/latentlab"))).entryList(QDir::Files).size(), 1);
        QCOMPARE(QDir(oldCache).entryList(QDir::Files).size(), 1);
        qunsetenv("XDG_CACHE_HOME");
        qunsetenv("XDG_DATA_HOME");
        qputenv("LATENTLAB_DATA", data);
    }

    void initTestCase()
    {
        registerPixelDatasets();
        qputenv("LATENTLAB_DATA", m_dir.filePath(QStringLiteral("userdata")).toUtf8());
        g_celeba = m_dir.filePath(QStringLiteral("celeba"));
        writeSynthFacesAsCeleba(g_celeba.toStdString(), 300, 7);
    }

    void synthFacesAreDeterministicAndVaried()
    {
        Dataset a = Dataset::load("synthfaces:200,seed=3"), b = Dataset::load("synthfaces:200,seed=3");
        Dataset c = Dataset::load("synthfaces:200,seed=4");
        QCOMPARE(a.info().trainCount, int64_t(180));
        QCOMPARE(a.info().testCount, int64_t(20));
        QCOMPARE(a.info().attributeNames, synthFaceAttributeNames());
        QCOMPARE(a.images(false, 0, 5)[4].pixels, b.images(false, 0, 5)[4].pixels);
        QVERIFY(a.images(false, 0, 1)[0].pixels != c.images(false, 0, 1)[0].pixels);
        // Each attribute is present in a reasonable share of faces (independent draws).
        for (size_t k = 0; k < synthFaceAttributeNames().size(); ++k) {
            int on = 0;
            for (int i = 0; i < 180; ++i)
                on += a.attributes(false, i)[k] > 0.5f;
            QVERIFY2(on > 20 && on < 160, synthFaceAttributeNames()[k].c_str());
        }
    }

    void synthFacesKnowTheirFactors()
    {
        const Dataset d = Dataset::load("synthfaces:400,seed=3");
        const auto& names = synthFaceFactorNames();
        QCOMPARE(d.info().factorNames, names);
        const size_t k = names.size();
        const std::vector<float> f = d.factors(false);
        QCOMPARE(f.size(), size_t(360) * k);
        QCOMPARE(d.factors(true).size(), size_t(40) * k);
        // The binary factors are the attributes they name; hair colour is the one hair attribute set.
        for (int i = 0; i < 360; ++i) {
            const std::vector<float> a = d.attributes(false, i);
            QCOMPARE(f[size_t(i) * k + 0], a[0]); // smile = Smiling
            QCOMPARE(f[size_t(i) * k + 1], a[1]); // male = Male
            QCOMPARE(f[size_t(i) * k + 2], a[2]); // glasses = Eyeglasses
            QCOMPARE(a[3 + size_t(f[size_t(i) * k + 3])], 1.0f);
            QCOMPARE(f[size_t(i) * k + 6] == 4.0f, a[8] > 0.5f); // skin tone 4 = Pale_Skin
        }
        // The continuous ones vary over their drawn ranges.
        for (size_t j : {size_t(8), size_t(11), size_t(13)}) {
            float lo = 1e9f, hi = -1e9f;
            for (int i = 0; i < 360; ++i) {
                lo = std::min(lo, f[size_t(i) * k + j]);
                hi = std::max(hi, f[size_t(i) * k + j]);
            }
            QVERIFY2(hi - lo > (j == 8 ? 0.15f : 10.0f), names[j].c_str());
        }
    }

    void attributesAreVisible()
    {
        // Toggling one attribute changes the picture: faces that differ only in it differ in pixels.
        const auto& names = synthFaceAttributeNames();
        QCOMPARE(names[0], std::string("Smiling"));
        SynthFace f = drawSynthFace(1, 0);
        QCOMPARE(f.image.width, 64);
        QCOMPARE(int(f.attributes.size()), int(names.size()));
    }

    void loadsCelebaLayout()
    {
        Dataset d = Dataset::load("celeba:" + g_celeba.toStdString());
        QCOMPARE(d.info().trainCount + d.info().testCount, int64_t(300));
        QCOMPARE(d.info().testCount, int64_t(30));   // partition 2 = the last tenth
        QCOMPARE(d.info().attributeNames.size(), size_t(40));
        QCOMPARE(d.info().width, 64);
        QVERIFY(d.info().notes.empty());
        // The attribute columns match what was drawn: Smiling of face 1 equals the generator's.
        const auto all = d.info().attributeNames;
        const size_t smiling = size_t(std::find(all.begin(), all.end(), "Smiling") - all.begin());
        SynthFace first = drawSynthFace(7, 0);
        QCOMPARE(d.attributes(false, 0)[smiling], float(first.attributes[0]));
        // Cropped and resized, the CelebA frame gives back the 64x64 face (JPEG error aside).
        const Image loaded = d.images(false, 0, 1)[0];
        double diff = 0;
        for (size_t i = 0; i < loaded.pixels.size(); ++i)
            diff += std::abs(int(loaded.pixels[i]) - int(first.image.pixels[i]));
        QVERIFY2(diff / double(loaded.pixels.size()) < 12.0, qPrintable(QString::number(diff / loaded.pixels.size())));
    }

    void choosesAttributeSubsetAndSignedValues()
    {
        Dataset d = Dataset::load("celeba:" + g_celeba.toStdString() + ",attrs=Smiling+Male,signed");
        QCOMPARE(d.info().attributeNames, (std::vector<std::string>{"Smiling", "Male"}));
        const float v = d.attributes(false, 0)[0];
        QVERIFY(v == 1.0f || v == -1.0f);
        QCOMPARE(d.numClasses(), 4);
        QVERIFY(errorOf([] { Dataset::load("celeba:" + g_celeba.toStdString() + ",attrs=Wings"); })
                    .contains(QStringLiteral("no attribute \"Wings\"")));
    }

    void reusesAndRebuildsTheCache()
    {
        const QString folder = m_dir.filePath(QStringLiteral("cached"));
        copyFolder(g_celeba, folder);
        const std::string spec = "celeba:" + folder.toStdString();
        Dataset::load(spec);
        QDir cache(m_dir.filePath(QStringLiteral("userdata/cache")));
        const QStringList files = cache.entryList({QStringLiteral("celeba-*")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        const QString cacheFile = cache.filePath(files.first());
        const auto firstWrite = QFileInfo(cacheFile).lastModified();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        Dataset again = Dataset::load(spec);
        QCOMPARE(QFileInfo(cacheFile).lastModified(), firstWrite);          // reused
        // Change the source: drop the last image's row (and fix the count), the cache is rebuilt.
        QFile attr(folder + QStringLiteral("/list_attr_celeba.txt"));
        QVERIFY(attr.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = attr.readAll().split('\n');
        attr.close();
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        lines.removeLast();
        lines[0] = "299";
        QVERIFY(attr.open(QIODevice::WriteOnly | QIODevice::Truncate));
        attr.write(lines.join('\n') + '\n');
        attr.close();
        Dataset changed = Dataset::load(spec);
        QCOMPARE(changed.info().trainCount + changed.info().testCount, int64_t(299));
    }

    void skipsAndReportsDamagedImages()
    {
        const QString folder = m_dir.filePath(QStringLiteral("damaged"));
        copyFolder(g_celeba, folder);
        QFile::remove(image(folder, 5));                                       // listed but missing
        QFile trunc(image(folder, 6));                                         // truncated JPEG
        QVERIFY(trunc.open(QIODevice::ReadWrite));
        trunc.resize(trunc.size() / 2);
        trunc.close();
        QFile junk(image(folder, 7));                                          // not an image
        QVERIFY(junk.open(QIODevice::WriteOnly | QIODevice::Truncate));
        junk.write("this is a text file, not a JPEG");
        junk.close();
        cv::imwrite(image(folder, 8).toStdString(), cv::Mat(100, 100, CV_8UC3, cv::Scalar(1, 2, 3))); // wrong size
        QFile corrupt(image(folder, 9));                                       // corrupt data, valid markers
        QVERIFY(corrupt.open(QIODevice::ReadWrite));
        QByteArray bytes = corrupt.readAll();
        for (int i = 20; i < bytes.size() - 2; ++i)
            bytes[i] = char(0x11);
        corrupt.seek(0);
        corrupt.write(bytes);
        corrupt.close();
        // Five of 300 damaged: over the default 1 %, so the load stops and says why.
        const QString msg = errorOf([&] { Dataset::load("celeba:" + folder.toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("5 of 300 images")) && msg.contains(QStringLiteral("000005.jpg")), qPrintable(msg));
        // With a higher threshold they are skipped and reported in a note.
        Dataset d = Dataset::load("celeba:" + folder.toStdString() + ",max-bad=0.05");
        QCOMPARE(d.info().trainCount + d.info().testCount, int64_t(295));
        QCOMPARE(d.info().notes.size(), size_t(1));
        const QString note = QString::fromStdString(d.info().notes[0]);
        QVERIFY2(note.contains(QStringLiteral("skipped 5 of 300")) && note.contains(QStringLiteral("missing or unreadable")) &&
                     note.contains(QStringLiteral("truncated JPEG")),
                 qPrintable(note));
    }

    void structuralErrorsStopTheLoad()
    {
        const QString folder = m_dir.filePath(QStringLiteral("noattr"));
        copyFolder(g_celeba, folder);
        QFile::remove(folder + QStringLiteral("/list_attr_celeba.txt"));
        QVERIFY(errorOf([&] { Dataset::load("celeba:" + folder.toStdString()); })
                    .contains(QStringLiteral("list_attr_celeba.txt: missing")));
        QVERIFY(errorOf([] { Dataset::load("celeba:/no/such/celeba"); }).contains(QStringLiteral("/no/such/celeba")));
    }

    void acceptsImagesDirectlyInsideAndNoPartition()
    {
        const QString folder = m_dir.filePath(QStringLiteral("flat"));
        QDir().mkpath(folder);
        QFile::copy(g_celeba + QStringLiteral("/list_attr_celeba.txt"), folder + QStringLiteral("/list_attr_celeba.txt"));
        QDir images(g_celeba + QStringLiteral("/img_align_celeba"));
        for (const QString& f : images.entryList(QDir::Files))
            QFile::copy(images.filePath(f), folder + QLatin1Char('/') + f);
        Dataset d = Dataset::load("celeba:" + folder.toStdString(), 0.2, 1);
        QCOMPARE(d.info().testCount, int64_t(60));
    }

    void loadsImageFoldersWithClasses()
    {
        const QString folder = m_dir.filePath(QStringLiteral("pets"));
        for (const char* cls : {"cats", "dogs/small"}) {
            QDir().mkpath(folder + QLatin1Char('/') + QLatin1String(cls));
            for (int i = 0; i < 6; ++i)
                cv::imwrite((folder + QLatin1Char('/') + QLatin1String(cls) + QStringLiteral("/%1.png").arg(i)).toStdString(),
                            cv::Mat(40 + i, 50, CV_8UC3, cv::Scalar(10 * i, 100, std::strlen(cls) * 20)));
        }
        Dataset d = Dataset::load("images:" + folder.toStdString() + ",gray,size=16", 0.25, 1);
        QCOMPARE(d.info().classNames, (std::vector<std::string>{"cats", "dogs"}));
        QCOMPARE(d.info().channels, 1);
        QCOMPARE(d.info().width, 16);
        QCOMPARE(d.info().trainCount + d.info().testCount, int64_t(12));
        Dataset rgb = Dataset::load("images:" + folder.toStdString(), 0.25, 1);
        QCOMPARE(rgb.info().channels, 3);
        QVERIFY(errorOf([] { Dataset::load("images:/no/such/folder"); }).contains(QStringLiteral("/no/such/folder")));
    }

    // Huge images are skipped from their header, before decoding; a load in progress stops when
    // its cancel flag is set.
    void skipsHugeImagesAndStopsWhenCancelled()
    {
        const QString folder = m_dir.filePath(QStringLiteral("huge"));
        QDir().mkpath(folder);
        std::vector<std::string> paths;
        for (const char* ext : {"png", "jpg"}) {
            const std::string path = (folder + QStringLiteral("/big.") + QLatin1String(ext)).toStdString();
            cv::imwrite(path, cv::Mat(30, 40, CV_8UC3, cv::Scalar(1, 2, 3)));
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray b = f.readAll();
            // Claim 20000 x 20000 pixels in the header (PNG IHDR / JPEG start of frame).
            const QByteArray side("\x00\x00\x4e\x20", 4);
            if (QLatin1String(ext) == QLatin1String("png")) {
                b.replace(16, 4, side);
                b.replace(20, 4, side);
            } else {
                const int sof = b.indexOf(QByteArray("\xff\xc0", 2));
                QVERIFY(sof > 0);
                b.replace(sof + 5, 2, side.mid(2));
                b.replace(sof + 7, 2, side.mid(2));
            }
            f.seek(0);
            f.write(b);
            f.close();
            paths.push_back(path);
        }
        PreprocessOptions o;
        o.size = 16;
        PreprocessResult r;
        const QString unexpected = errorOf([&] { r = preprocessImages(paths, o, "huge"); });
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected));
        QCOMPARE(int(r.kept.size()), 0);
        QCOMPARE(int(r.bad.size()), 2);
        for (const auto& why : r.bad)
            QVERIFY2(QString::fromStdString(why).contains(QStringLiteral("20000x20000, over the limit")), why.c_str());

        std::atomic<bool> cancel {true};
        setLoadCancelFlag(&cancel);
        QString msg;
        try {
            preprocessImages(paths, o, "cancelled load");
        } catch (const LoadCancelled& e) {
            msg = QString::fromStdString(e.what());
        }
        QString faces;
        try {
            Dataset::load("synthfaces:500,seed=9"); // drawing faces stops too
        } catch (const LoadCancelled& e) {
            faces = QString::fromStdString(e.what());
        }
        setLoadCancelFlag(nullptr);
        QVERIFY2(msg.contains(QStringLiteral("cancelled load: loading cancelled")), qPrintable(msg));
        QVERIFY2(faces.contains(QStringLiteral("loading cancelled")), qPrintable(faces));
    }

    // Symlinks back up the tree: two loops that branch (the walk would grow without bound) and
    // one to the folder itself (each image would be listed again and again).
    void symlinkLoopsListEachImageOnce()
    {
        const QString folder = m_dir.filePath(QStringLiteral("loops"));
        int made = 0;
        for (const char* cls : {"A", "B"}) {
            QDir().mkpath(folder + QLatin1Char('/') + QLatin1String(cls));
            for (int i = 0; i < (cls[0] == 'A' ? 7 : 6); ++i, ++made)
                cv::imwrite((folder + QLatin1Char('/') + QLatin1String(cls) + QStringLiteral("/%1.png").arg(i)).toStdString(),
                            cv::Mat(20, 20, CV_8UC3, cv::Scalar(i * 30, 80, 160)));
        }
        QVERIFY(QFile::link(QStringLiteral(".."), folder + QStringLiteral("/A/up")));
        QVERIFY(QFile::link(QStringLiteral(".."), folder + QStringLiteral("/B/up")));
        QVERIFY(QFile::link(QStringLiteral("."), folder + QStringLiteral("/A/self")));
        Dataset d = Dataset::load("images:" + folder.toStdString() + ",size=8", 0.25, 1);
        QCOMPARE(d.info().trainCount + d.info().testCount, int64_t(made)); // 13, not 198 or a hang
        QCOMPARE(d.info().classNames, (std::vector<std::string>{"A", "B"}));
    }

    // A class folder whose name is not UTF-8 (Latin-1 "caf\xe9") still loads, and its cache is written.
    void nonUtf8FolderNamesLoadAndCache()
    {
        const QString folder = m_dir.filePath(QStringLiteral("latin1"));
        const QByteArray name = QFile::encodeName(folder) + QByteArray("/caf\xe9");
        QVERIFY(QDir().mkpath(QFile::decodeName(QFile::encodeName(folder))));
        QVERIFY(::mkdir(name.constData(), 0755) == 0);
        for (int i = 0; i < 4; ++i)
            cv::imwrite((name + "/" + QByteArray::number(i) + ".png").toStdString(), cv::Mat(20, 20, CV_8UC3, cv::Scalar(i * 50, 10, 10)));
        const std::string spec = "images:" + folder.toStdString() + ",size=8";
        Dataset d = Dataset::load(spec, 0.25, 1);
        QCOMPARE(d.info().trainCount + d.info().testCount, int64_t(4));
        QCOMPARE(int(d.info().classNames.size()), 1);
        Dataset again = Dataset::load(spec, 0.25, 1); // from the cache written the first time
        QCOMPARE(again.info().trainCount + again.info().testCount, int64_t(4));
    }
};

QTEST_APPLESS_MAIN(TestFaceData)
#include "test_face_data.moc"
