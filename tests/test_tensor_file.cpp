// SPDX-License-Identifier: GPL-3.0-or-later
// The LatentLab container: round trip, damage detection and version checks.
#include "core/data/file_io.h"
#include "core/data/tensor_file.h"
#include "core/error.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
TensorFile sample()
{
    TensorFile f;
    f.kind = "checkpoint";
    f.metaJson = "{\"a\":1}";
    NamedArray w;
    w.name = "w";
    w.dtype = DType::F32;
    w.shape = {2, 2};
    float v[4] = {1.5f, -2.f, 3.f, 4.f};
    w.bytes.assign(reinterpret_cast<uint8_t*>(v), reinterpret_cast<uint8_t*>(v) + 16);
    f.arrays.push_back(w);
    return f;
}
} // namespace

class TestTensorFile : public QObject {
    Q_OBJECT
private slots:
    void roundTrips()
    {
        auto bytes = encodeTensorFile(sample());
        TensorFile back = decodeTensorFile(bytes, "f");
        QCOMPARE(back.kind, std::string("checkpoint"));
        QCOMPARE(back.metaJson, std::string("{\"a\":1}"));
        QCOMPARE(back.arrays.size(), size_t(1));
        QCOMPARE(back.arrays[0].bytes, sample().arrays[0].bytes);
    }

    void detectsEveryTruncation()
    {
        auto bytes = encodeTensorFile(sample());
        for (size_t cut = 0; cut < bytes.size(); ++cut) {
            std::vector<uint8_t> part(bytes.begin(), bytes.begin() + cut);
            const QString msg = errorOf([&] { decodeTensorFile(part, "cut"); });
            QVERIFY2(!msg.isEmpty(), qPrintable(QString::number(cut)));
            // Once the magic is whole, the message says what happened: cut short, not "bad magic".
            if (cut >= 8)
                QVERIFY2(!msg.contains(QStringLiteral("magic")), qPrintable(QString::number(cut) + QLatin1Char(' ') + msg));
        }
        // The header-only reader (opening a checkpoint's description) says the same.
        QTemporaryDir dir;
        for (size_t cut : {8, 12, 21}) {
            const QString path = dir.filePath(QStringLiteral("cut%1").arg(cut));
            writeBytes(path, std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut));
            const QString msg = errorOf([&] { readTensorFileMeta(path.toStdString(), ""); });
            QVERIFY2(msg.contains(QStringLiteral("truncated")) && msg.contains(path), qPrintable(msg));
        }
    }

    void detectsFlippedBytes()
    {
        auto bytes = encodeTensorFile(sample());
        for (size_t i = 0; i < bytes.size(); i += 3) {
            auto damaged = bytes;
            damaged[i] ^= 0x5a;
            QVERIFY_THROWS_EXCEPTION(InputError, decodeTensorFile(damaged, "flip"));
        }
    }

    void rejectsGarbageAndNewerVersions()
    {
        std::vector<uint8_t> garbage(4096);
        for (size_t i = 0; i < garbage.size(); ++i)
            garbage[i] = uint8_t(i * 131 + 7);
        QVERIFY_THROWS_EXCEPTION(InputError, decodeTensorFile(garbage, "garbage"));
        QVERIFY_THROWS_EXCEPTION(InputError, decodeTensorFile({}, "empty"));
        auto bytes = encodeTensorFile(sample());
        bytes[8] = uint8_t(kTensorFileVersion + 1); // version field, then fix the CRC
        const uint32_t crc = crc32(bytes.data(), bytes.size() - 4);
        std::memcpy(bytes.data() + bytes.size() - 4, &crc, 4);
        try {
            decodeTensorFile(bytes, "future.llck");
            QFAIL("accepted a newer version");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("newer")), e.what());
        }
    }

    void writesAtomicallyAndChecksKind()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("x")).toStdString();
        writeTensorFile(path, sample());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temp file left behind
        QVERIFY_THROWS_EXCEPTION(InputError, readTensorFile(path, "dataset-cache"));
        QCOMPARE(readTensorFile(path, "checkpoint").arrays.size(), size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestTensorFile)
#include "test_tensor_file.moc"
