#pragma once
// Shared set-up for the window tests (offscreen): a digits fixture and waiting for the explorer.
#include "core/data/pixel_datasets.h"
#include "test_support.h"
#include "ui/explore_view.h"
#include "ui/image_view.h"
#include "ui/main_window.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

namespace latentlab::testing {

/// Keeps settings and runs inside `dir`, registers the pixel datasets and writes 1200 + 300
/// synthetic digits; returns their dataset spec ("mnist:DIR").
inline QString prepareWindowTests(const QTemporaryDir& dir)
{
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("xdg")).toUtf8());
    registerPixelDatasets();
    QDir().mkpath(dir.filePath(QStringLiteral("digits")));
    writeMnistFolder(dir.filePath(QStringLiteral("digits")), 1200, 300);
    return QStringLiteral("mnist:") + dir.filePath(QStringLiteral("digits"));
}

/// Opens a checkpoint in a window and waits until the explorer shows its first decoded image.
inline void openAndWait(ui::MainWindow& w, const QString& path)
{
    w.showTab(1);
    w.openCheckpoint(path);
    QTRY_VERIFY_WITH_TIMEOUT(w.explorer()->hasModel(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!w.explorer()->currentView()->image().isNull(), 10000);
}

/// The main image once the decodes that `act` causes have settled (null when none arrived).
inline QImage nextImage(ui::ExploreView* x, const std::function<void()>& act)
{
    QSignalSpy shown(x, &ui::ExploreView::currentImageShown);
    act();
    if (!shown.wait(10000))
        return {};
    // Several requests may be in flight: wait until the queue has gone quiet.
    while (shown.wait(300)) {
    }
    return x->currentView()->image();
}

} // namespace latentlab::testing
