// SPDX-License-Identifier: GPL-3.0-or-later
// IDX format rules: every header and length check, raw and gzip.
#include "core/data/file_io.h"
#include "core/data/idx_reader.h"
#include "core/error.h"
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

class TestIdxReader : public QObject {
    Q_OBJECT
private slots:
    void readsValidImages()
    {
        auto bytes = encodeIdx({2, 3, 4}, std::vector<uint8_t>(24, 9));
        IdxArray a = parseIdx(bytes.data(), bytes.size(), "x");
        QCOMPARE(a.dims, (std::vector<uint32_t>{2, 3, 4}));
        QCOMPARE(a.count(), uint64_t(2));
        QCOMPARE(a.data.size(), size_t(24));
    }

    void rejectsBadHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("short") << QByteArray("\0\0", 2) << "too short";
        QTest::newRow("wrong magic") << QByteArray("\x12\x34\x08\x01\0\0\0\0", 8) << "magic";
        QTest::newRow("float type") << QByteArray("\0\0\x0D\x01\0\0\0\0", 8) << "not supported";
        QTest::newRow("rank 0") << QByteArray("\0\0\x08\x00", 4) << "rank 0";
        QTest::newRow("rank 9") << QByteArray("\0\0\x08\x09", 4) << "rank 9";
        QTest::newRow("truncated header") << QByteArray("\0\0\x08\x03\0\0\0\x02", 8) << "truncated IDX header";
        // Claims 2^31 x 2^31 elements: must fail on the size check, not allocate.
        QTest::newRow("absurd dims") << QByteArray("\0\0\x08\x02\x80\0\0\0\x80\0\0\0", 12) << "2^40";
        QTest::newRow("claims more than present") << QByteArray("\0\0\x08\x01\0\0\x10\0abc", 11) << "truncated";
        QTest::newRow("trailing bytes") << QByteArray("\0\0\x08\x01\0\0\0\x01xy", 10) << "unexpected bytes";
    }
    void rejectsBadHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            parseIdx(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size()), "fixture.idx");
            QFAIL("accepted a bad IDX file");
        } catch (const InputError& e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(QStringLiteral("fixture.idx")), qPrintable(msg));
            QVERIFY2(msg.contains(expected), qPrintable(msg));
        }
    }

    void rejectsMissingFile()
    {
        try {
            readIdxFile("/nonexistent/dir/train-images-idx3-ubyte");
            QFAIL("accepted a missing file");
        } catch (const InputError& e) {
            QVERIFY(QString::fromStdString(e.what()).contains(QStringLiteral("/nonexistent/dir/train-images-idx3-ubyte")));
        }
    }

    void readsGzip()
    {
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("a.idx"));
        auto bytes = encodeIdx({5, 2}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        writeBytes(raw, bytes);
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"), {QStringLiteral("-k"), raw}), 0);
        IdxArray a = readIdxFile((raw + QStringLiteral(".gz")).toStdString());
        QCOMPARE(a.data, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    }

    void rejectsCorruptGzip()
    {
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("b.idx"));
        writeBytes(raw, encodeIdx({1000}, std::vector<uint8_t>(1000, 42)));
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"), {raw}), 0);
        QFile f(raw + QStringLiteral(".gz"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray gz = f.readAll();
        f.close();
        // Damage the deflate stream, then separately cut the file short.
        QByteArray damaged = gz;
        for (int i = 12; i < damaged.size() - 8; ++i)
            damaged[i] = char(0xff);
        const QString bad = dir.filePath(QStringLiteral("bad.idx.gz"));
        writeBytes(bad, std::vector<uint8_t>(damaged.begin(), damaged.end()));
        QVERIFY_THROWS_EXCEPTION(InputError, readIdxFile(bad.toStdString()));
        const QString cut = dir.filePath(QStringLiteral("cut.idx.gz"));
        writeBytes(cut, std::vector<uint8_t>(gz.begin(), gz.begin() + gz.size() / 2));
        try {
            readIdxFile(cut.toStdString());
            QFAIL("accepted a truncated gzip");
        } catch (const InputError& e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(QStringLiteral("cut.idx.gz")) && msg.contains(QStringLiteral("gzip")), qPrintable(msg));
        }
    }

    void boundsGzipBombs()
    {
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("big.idx"));
        writeBytes(raw, encodeIdx({1 << 20}, std::vector<uint8_t>(1 << 20, 0)));
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"), {raw}), 0);
        QVERIFY_THROWS_EXCEPTION(InputError, readMaybeGzip((raw + QStringLiteral(".gz")).toStdString(), 4096));
    }

    // A header that asks for more than the limit fails before that much memory is taken: 5 GB
    // declared, 1 MB of zeros behind it, gzipped to ~1 KB.
    void refusesADeclaredSizeOverTheLimitBeforeAllocating()
    {
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("bomb.idx"));
        std::vector<uint8_t> bytes = encodeIdx({50000, 320, 320}, {});
        bytes.resize(bytes.size() + (1 << 20), 0);
        writeBytes(raw, bytes);
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"), {raw}), 0);
        const QString msg = errorOf([&] { readIdxFile((raw + QStringLiteral(".gz")).toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("bomb.idx.gz")) && msg.contains(QStringLiteral("5120000016")) &&
                     msg.contains(QStringLiteral("LATENTLAB_MAX_INFLATED_BYTES")),
                 qPrintable(msg));
    }

    // A small header with a long stream behind it stops at the declared size.
    void stopsInflatingPastTheDeclaredSize()
    {
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("long.idx"));
        std::vector<uint8_t> bytes = encodeIdx({10, 28, 28}, std::vector<uint8_t>(7840, 1));
        bytes.resize(bytes.size() + (8 << 20), 0); // 8 MB the header does not mention
        writeBytes(raw, bytes);
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"), {raw}), 0);
        const QString msg = errorOf([&] { readIdxFile((raw + QStringLiteral(".gz")).toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("long.idx.gz")) && msg.contains(QStringLiteral("7856 bytes its header declares")),
                 qPrintable(msg));
    }

    void theLimitIsConfigurable()
    {
        QTemporaryDir dir;
        const QString raw = dir.filePath(QStringLiteral("small.idx"));
        writeBytes(raw, encodeIdx({10, 28, 28}, std::vector<uint8_t>(7840, 3)));
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"), {raw}), 0);
        const std::string gz = (raw + QStringLiteral(".gz")).toStdString();
        QCOMPARE(readIdxFile(gz).data.size(), size_t(7840));
        qputenv("LATENTLAB_MAX_INFLATED_BYTES", "4000");
        QCOMPARE(maxInflatedBytes(), uint64_t(4000));
        QVERIFY(errorOf([&] { readIdxFile(gz); }).contains(QStringLiteral("limit of 4000")));
        qunsetenv("LATENTLAB_MAX_INFLATED_BYTES");
        QCOMPARE(maxInflatedBytes(), kDefaultMaxInflatedBytes);
    }
};

QTEST_APPLESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
