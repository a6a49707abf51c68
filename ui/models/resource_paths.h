// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the app's installed resources are: found relative to the executable, so that an install to
// any prefix (or the build tree) works without configuration.
#include <QString>
#include <QStringList>

namespace latentlab::ui {

/// The folder holding lessons/ and python/: $LATENTLAB_RESOURCES when set, else
/// <executable>/../share/latentlab (installed: /usr/bin -> /usr/share/latentlab; build tree:
/// build/app -> build/share/latentlab). Empty when none exists.
QString resourceDir();
/// The bundled lesson session files (*.json in resourceDir()/lessons), sorted by file name.
QStringList lessonFiles();

} // namespace latentlab::ui
