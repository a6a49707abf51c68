// SPDX-License-Identifier: GPL-3.0-or-later
// The Chinese translation is complete and current: every text of the .ts is translated (with the
// same %1 placeholders), lupdate over today's sources finds no text the .ts lacks, the .qm built
// into the window gives each translation, and every lesson has its title, text and captions in
// Chinese. View > Language's choice is the language the next start uses.
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/session/session_file.h"
#include "ui/models/core_texts.h"
#include "ui/models/resource_paths.h"
#include "ui/models/translations.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace latentlab;

namespace {

struct Message {
    QString context, source, translation;
    bool unfinished = false;
};

QList<Message> readTs(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QList<Message> out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            m = Message {context, {}, {}, false};
        else if (xml.name() == QLatin1String("source"))
            m.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            m.translation = xml.readElementText();
            out << m;
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return out;
}

QStringList placeholders(const QString& text)
{
    QStringList out;
    auto it = QRegularExpression(QStringLiteral("%L?\\d")).globalMatch(text);
    while (it.hasNext())
        out << it.next().captured().remove(QLatin1Char('L'));
    out.sort();
    return out;
}

bool hasChinese(const std::string& text)
{
    const QString t = QString::fromStdString(text);
    return std::any_of(t.begin(), t.end(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

const QString kTs = QStringLiteral(LATENTLAB_SOURCE_DIR "/translations/latentlab_zh_CN.ts");

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void everyTextIsTranslated()
    {
        const QList<Message> messages = readTs(kTs);
        QVERIFY(messages.size() > 300);
        QStringList problems;
        for (const Message& m : messages) {
            if (m.unfinished || m.translation.trimmed().isEmpty())
                problems << QStringLiteral("untranslated: ") + m.source;
            else if (placeholders(m.source) != placeholders(m.translation))
                problems << QStringLiteral("placeholders differ: ") + m.source + QStringLiteral(" -> ") + m.translation;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join(QLatin1Char('\n'))));
    }

    // lupdate over the sources of today into a copy of the .ts: a tr() text the .ts does not have
    // shows up there as unfinished.
    void theTsHasEveryTextOfTheSources()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("latentlab_zh_CN.ts"));
        QVERIFY(QFile::copy(kTs, copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(LATENTLAB_SOURCE_DIR));
        lupdate.start(QStringLiteral(LATENTLAB_LUPDATE), {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                                                          QStringLiteral("none"), QStringLiteral("ui"), QStringLiteral("app"),
                                                          QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        QStringList missing;
        for (const Message& m : readTs(copy))
            if (m.unfinished || m.translation.isEmpty())
                missing << m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in the .ts (run `ninja update_translations` and translate):\n") +
                                               missing.mid(0, 20).join(QLatin1Char('\n'))));
    }

    // The .qm compiled into the window answers each text with its translation, asked the way tr()
    // asks (the class's full name).
    void theShippedQmTranslatesEveryText()
    {
        QCOMPARE(ui::installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QStringList wrong;
        for (const Message& m : readTs(kTs)) {
            // Classes ask with their full name; free texts with their own context.
            const bool free = m.context == QLatin1String("QObject") || m.context == QLatin1String("BackgroundJob") ||
                              m.context == QLatin1String("CoreText");
            const QByteArray context = free ? m.context.toUtf8() : "latentlab::ui::" + m.context.toUtf8();
            const QString got = QCoreApplication::translate(context.constData(), m.source.toUtf8().constData());
            if (got != m.translation)
                wrong << m.source + QStringLiteral(" -> ") + got;
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 10).join(QLatin1Char('\n'))));
        // Qt's own buttons follow when the system has Qt's translations (qt6-translations-l10n).
        QCOMPARE(ui::installTranslations(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("latentlab::ui::MainWindow", "&File"), QStringLiteral("&File"));
    }

    // The engine's texts the window shows (run parameters, presets) are in the list lupdate reads.
    void everyCoreTextTheWindowShowsIsTranslated()
    {
        QCOMPARE(ui::installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QStringList missing;
        auto check = [&](const std::string& text) {
            if (!text.empty() && ui::coreText(text) == QString::fromStdString(text) && text != "Beta")
                missing << QString::fromStdString(text);
        };
        for (const RunParam& p : runParams()) {
            check(p.label);
            check(p.help);
            check(p.unit);
        }
        for (const RunConfig& c : allPresets())
            check(c.description);
        ui::installTranslations(QStringLiteral("en"));
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("add to ui/core_texts.cpp and translate: ") + missing.join(QStringLiteral(" | "))));
    }

    void everyLessonHasItsChineseTexts()
    {
        const QStringList lessons = ui::lessonFiles();
        QVERIFY(lessons.size() >= 5);
        for (const QString& path : lessons) {
            const SessionFile s = readSession(path.toStdString());
            const SessionFile zh = localizedSession(s, "zh_CN");
            const QString name = QFileInfo(path).fileName();
            QVERIFY2(hasChinese(zh.title) && hasChinese(zh.description), qPrintable(name));
            QCOMPARE(zh.captions.size(), s.captions.size());
            for (const auto& [panel, text] : s.captions) {
                QVERIFY2(s.translations.at("zh_CN").captions.count(panel), qPrintable(name + QStringLiteral(": caption ") + QString::fromStdString(panel)));
                QVERIFY2(hasChinese(zh.captions.at(panel)), qPrintable(name + QStringLiteral(": caption ") + QString::fromStdString(panel)));
                // A caption's {setting} placeholders survive translation.
                auto it = QRegularExpression(QStringLiteral("\\{[a-z_]+\\}")).globalMatch(QString::fromStdString(text));
                while (it.hasNext()) {
                    const QString placeholder = it.next().captured();
                    QVERIFY2(QString::fromStdString(zh.captions.at(panel)).contains(placeholder), qPrintable(name + QStringLiteral(": ") + placeholder));
                }
            }
            // English is untouched by the translation.
            QCOMPARE(localizedSession(s, "en").title, s.title);
        }
    }

    // A session written back keeps its translations (a lecturer's edited lesson stays bilingual).
    void translationsSurviveASaveRoundTrip()
    {
        const SessionFile s = readSession(ui::lessonFiles().first().toStdString());
        const SessionFile back = parseSession(sessionToJson(s), "round trip");
        QCOMPARE(back.translations.at("zh_CN").title, s.translations.at("zh_CN").title);
        QCOMPARE(back.translations.at("zh_CN").captions, s.translations.at("zh_CN").captions);
        QVERIFY(readSessionError(R"({"format": "latentlab-session", "version": 1, "preset": "mlp-vae",
                                     "translations": {"zh CN!": {"title": "x"}}})").contains(QLatin1String("zh CN!")));
        QVERIFY(readSessionError(R"({"format": "latentlab-session", "version": 1, "preset": "mlp-vae",
                                     "translations": {"zh_CN": {"captions": {"nosuchpanel": "x"}}}})").contains(QLatin1String("nosuchpanel")));
    }

    // View > Language: the setting wins over the system's locale; "" follows the system again.
    void theSettingChoosesTheLanguage()
    {
        ui::setLanguageSetting(QStringLiteral("zh_CN"));
        QCOMPARE(ui::installTranslations(), QStringLiteral("zh_CN"));
        QCOMPARE(ui::currentLanguage(), QStringLiteral("zh_CN"));
        ui::setLanguageSetting(QString());
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        QVERIFY(ui::installTranslations() != QString()); // the system's (en here, or zh on a Chinese desktop)
        ui::setLanguageSetting(QStringLiteral("xx_YY")); // from some newer version: falls back, no crash
        QVERIFY(!ui::installTranslations().isEmpty());
        ui::setLanguageSetting(QString());
    }

private:
    static QString readSessionError(const char* json)
    {
        try {
            parseSession(json, "inline");
        } catch (const std::exception& e) {
            return QString::fromStdString(e.what());
        }
        return QString();
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("LatentLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_translations"));
    TestTranslations t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_translations.moc"
