// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/resource_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace latentlab::ui {

QString resourceDir()
{
    const QString env = qEnvironmentVariable("LATENTLAB_RESOURCES");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/latentlab");
    return QFileInfo(beside).isDir() ? QDir(beside).absolutePath() : QString();
}

QStringList lessonFiles()
{
    const QString dir = resourceDir();
    if (dir.isEmpty())
        return {};
    QStringList files;
    const QDir lessons(dir + QStringLiteral("/lessons"));
    for (const QString& name : lessons.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << lessons.filePath(name);
    return files;
}

} // namespace latentlab::ui
