// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <algorithm>

namespace latentlab::ui {

namespace {

const char* kSettingKey = "language";

// lupdate (Qt 6.4) does not read C++17 nested namespaces, so the .ts names a class's texts by its
// short name ("MainWindow") while tr() asks with the full one ("latentlab::ui::MainWindow"): the
// lookup drops the namespace.
class ShortContextTranslator : public QTranslator {
public:
    QString translate(const char* context, const char* source, const char* disambiguation, int n) const override
    {
        QByteArrayView c(context ? context : "");
        if (const qsizetype colon = c.lastIndexOf("::"); colon >= 0)
            c = c.sliced(colon + 2);
        return QTranslator::translate(c.toByteArray().constData(), source, disambiguation, n);
    }
};
QString g_current = QStringLiteral("en");

// The translators installed now; replaced as a whole when the language changes.
QList<QTranslator*>& installed()
{
    static QList<QTranslator*> list;
    return list;
}

// The translated language that fits `locale` best ("zh_CN" for zh_CN, zh_SG or plain zh), or "en".
QString bestFit(const QLocale& locale)
{
    for (const QString& name : locale.uiLanguages()) {
        const QString code = QString(name).replace(QLatin1Char('-'), QLatin1Char('_'));
        for (const Language& l : languages())
            if (l.code == code || l.code.section(QLatin1Char('_'), 0, 0) == code.section(QLatin1Char('_'), 0, 0))
                return l.code;
    }
    return QStringLiteral("en");
}

} // namespace

QList<Language> languages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")}, {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

bool isLanguage(const QString& code)
{
    const QList<Language> all = languages();
    return std::any_of(all.begin(), all.end(), [&](const Language& l) { return l.code == code; });
}

QString languageSetting() { return QSettings().value(QLatin1String(kSettingKey)).toString(); }

void setLanguageSetting(const QString& code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(QLatin1String(kSettingKey));
    else
        settings.setValue(QLatin1String(kSettingKey), code);
}

QString installTranslations(const QString& code)
{
    QString wanted = code.isEmpty() ? languageSetting() : code;
    if (!isLanguage(wanted)) // empty, or a setting from a newer version that knew more languages
        wanted = bestFit(QLocale::system());
    for (QTranslator* t : installed()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installed().clear();
    g_current = wanted;
    if (wanted == QLatin1String("en"))
        return g_current;
    auto* ours = new ShortContextTranslator;
    if (ours->load(QStringLiteral(":/i18n/latentlab_") + wanted + QStringLiteral(".qm"))) {
        QCoreApplication::installTranslator(ours);
        installed() << ours;
    } else {
        delete ours;
    }
    // Qt's own strings (OK, Cancel, the file dialog) when the system has them (qt6-translations-l10n).
    auto* qt = new QTranslator;
    if (qt->load(QStringLiteral("qtbase_") + wanted, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed() << qt;
    } else {
        delete qt;
    }
    return g_current;
}

QString currentLanguage() { return g_current; }

} // namespace latentlab::ui
