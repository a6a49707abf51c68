// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's language: our translations (translations/*.ts, compiled in as :/i18n/*.qm) and Qt's
// own (its dialogs' buttons), chosen from the system locale or the View > Language setting.
#include <QList>
#include <QString>

namespace latentlab::ui {

struct Language {
    QString code;   // "zh_CN"; "en" for the source texts
    QString native; // "简体中文", as a speaker of it reads it
};

/// English and every language the window is translated into.
QList<Language> languages();
/// Whether `code` is one of languages().
bool isLanguage(const QString& code);
/// The saved View > Language choice: a code from languages(), or empty for the system's.
QString languageSetting();
void setLanguageSetting(const QString& code);
/// Installs the translators for `code` (empty: the setting, else the system locale) on the running
/// application, replacing earlier ones; returns the language in use ("en" when none fits).
QString installTranslations(const QString& code = QString());
/// The language installTranslations chose last ("en" before it ran).
QString currentLanguage();

} // namespace latentlab::ui
