// SPDX-License-Identifier: GPL-3.0-or-later
// What a distribution checks before packaging us: our file types are recognised (checkpoints by
// their magic whatever their name, sessions and lessons by their format field or name), the menu
// entry opens exactly those, the copyright file is well formed and names a license text for every
// license it uses, and every source file carries its SPDX line.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kSource = QStringLiteral(LATENTLAB_SOURCE_DIR);
const QString kAppId = QStringLiteral("io.github.latentlab.latentlab");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}
} // namespace

class TestDesktopFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        // Our MIME package where QMimeDatabase looks (before its first use): a data dir of our own
        // in front of the system's, as an installed package would add it.
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("share/mime/packages"))));
        QVERIFY(QFile::copy(kSource + QStringLiteral("/packaging/") + kAppId + QStringLiteral(".mime.xml"),
                            m_dir.filePath(QStringLiteral("share/mime/packages/")) + kAppId + QStringLiteral(".xml")));
        const QByteArray system = qgetenv("XDG_DATA_DIRS").isEmpty() ? QByteArray("/usr/local/share:/usr/share") : qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS", m_dir.filePath(QStringLiteral("share")).toUtf8() + ':' + system);
    }

    void checkpointsAndSessionsHaveTheirOwnTypes()
    {
        QMimeDatabase db;
        // A run folder's checkpoint has no extension: its magic tells.
        const QString checkpoint = m_dir.filePath(QStringLiteral("checkpoint"));
        QVERIFY(QFile::copy(kSource + QStringLiteral("/tests/fuzz/corpus/checkpoint/tiny_vae"), checkpoint));
        QCOMPARE(db.mimeTypeForFile(checkpoint).name(), QStringLiteral("application/x-latentlab-checkpoint"));
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("model.llck"), QMimeDatabase::MatchExtension).name(),
                 QStringLiteral("application/x-latentlab-checkpoint"));
        // Sessions by the name the window suggests when saving one, else by their "format" field
        // (a "*.json" name alone says JSON: for Qt 6.4 and GIO a glob match beats a subclass's magic).
        const QString lesson = m_dir.filePath(QStringLiteral("lesson-without-extension"));
        QVERIFY(QFile::copy(kSource + QStringLiteral("/resources/lessons/01-ae-holes.json"), lesson));
        QCOMPARE(db.mimeTypeForFile(lesson).name(), QStringLiteral("application/x-latentlab-session"));
        QVERIFY(db.mimeTypeForFile(lesson).inherits(QStringLiteral("application/json")));
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("demo.latentlab.json"), QMimeDatabase::MatchExtension).name(),
                 QStringLiteral("application/x-latentlab-session"));
        // Other JSON is not ours.
        const QString other = m_dir.filePath(QStringLiteral("other.json"));
        write(other, "{\"format\": \"something else\"}\n");
        QVERIFY(db.mimeTypeForFile(other).name() != QStringLiteral("application/x-latentlab-session"));
    }

    void theMenuEntryOpensOurFilesNotAllJson()
    {
        const QString desktop = QString::fromUtf8(readAll(kSource + QStringLiteral("/packaging/") + kAppId + QStringLiteral(".desktop")));
        const QString types = QRegularExpression(QStringLiteral("^MimeType=(.*)$"), QRegularExpression::MultilineOption)
                                  .match(desktop)
                                  .captured(1);
        QCOMPARE(types, QStringLiteral("application/x-latentlab-checkpoint;application/x-latentlab-session;"));
        QVERIFY(desktop.contains(QStringLiteral("\nExec=latentlab %F\n")));
        const QString metainfo = QString::fromUtf8(readAll(kSource + QStringLiteral("/packaging/") + kAppId + QStringLiteral(".metainfo.xml")));
        QVERIFY(metainfo.contains(QStringLiteral("<project_license>GPL-3.0-or-later</project_license>")));
        for (const QString& type : types.split(QLatin1Char(';'), Qt::SkipEmptyParts))
            QVERIFY2(metainfo.contains(QStringLiteral("<mediatype>%1</mediatype>").arg(type)), qPrintable(type));
    }

    // Debian's copyright format: paragraphs; each Files paragraph has Copyright and License, and
    // every license named there has its own stand-alone License paragraph with the text.
    void theCopyrightFileIsMachineReadable()
    {
        const QString text = QString::fromUtf8(readAll(kSource + QStringLiteral("/packaging/copyright")));
        const QStringList paragraphs = text.split(QRegularExpression(QStringLiteral("\n\\s*\n")), Qt::SkipEmptyParts);
        QVERIFY(paragraphs.front().startsWith(QStringLiteral("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")));
        QSet<QString> used, defined;
        for (const QString& p : paragraphs.mid(1)) {
            const QString license = QRegularExpression(QStringLiteral("^License: (\\S+)"), QRegularExpression::MultilineOption).match(p).captured(1);
            QVERIFY2(!license.isEmpty(), qPrintable(p.left(80)));
            if (p.startsWith(QStringLiteral("Files:"))) {
                QVERIFY2(p.contains(QStringLiteral("\nCopyright: ")), qPrintable(p.left(80)));
                used << license;
            } else {
                QVERIFY2(p.startsWith(QStringLiteral("License: ")), qPrintable(p.left(80)));
                QVERIFY2(p.count(QLatin1Char('\n')) >= 3, qPrintable(license)); // the text, not just the name
                defined << license;
            }
        }
        QCOMPARE(used, defined);
        QVERIFY(QFile::exists(kSource + QStringLiteral("/LICENSE")));
        QVERIFY(readAll(kSource + QStringLiteral("/LICENSE")).contains("GNU GENERAL PUBLIC LICENSE\n                       Version 3"));
    }

    void everySourceFileCarriesItsSpdxLine()
    {
        QStringList missing;
        int checked = 0;
        for (const QString& folder : {"app", "bench", "core", "packaging", "resources", "scripts", "tests", "ui"}) {
            QDirIterator it(kSource + QLatin1Char('/') + folder, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString name = it.fileName();
                const bool source = name.endsWith(QStringLiteral(".cpp")) || name.endsWith(QStringLiteral(".h")) ||
                                    name.endsWith(QStringLiteral(".py")) || name.endsWith(QStringLiteral(".sh")) ||
                                    name.endsWith(QStringLiteral(".cmake")) || name == QStringLiteral("CMakeLists.txt");
                if (!source || path.contains(QStringLiteral("/fuzz/corpus/")))
                    continue;
                ++checked;
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray head = f.read(300);
                if (!head.contains("SPDX-License-Identifier: GPL-3.0-or-later"))
                    missing << path.mid(kSource.size() + 1);
            }
        }
        QVERIFY(checked > 200);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(' '))));
    }
};

QTEST_APPLESS_MAIN(TestDesktopFiles)
#include "test_desktop_files.moc"
