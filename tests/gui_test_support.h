// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared set-up for the window tests (offscreen): a digits fixture and waiting for the explorer.
#include "core/pixels/pixel_datasets.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"
#include "test_support.h"
#include "ui/explore/explore_view.h"
#include "ui/widgets/image_view.h"
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

/// Trains `preset` on `spec` for `epochs` (batch 64; latent 0 = the preset's) and saves the
/// checkpoint as `name` in `dir`; returns its path.
inline QString trainCheckpoint(const QTemporaryDir& dir, const std::string& preset, const QString& spec,
                               const QString& name, int epochs, int latent = 0)
{
    RunConfig c = loadPreset(preset);
    c.dataset = spec.toStdString();
    if (latent > 0)
        c.model.latent = latent;
    c.training.batchSize = 64;
    Trainer t(c, Dataset::load(c.dataset));
    t.train(epochs);
    const QString path = dir.filePath(name);
    t.saveCheckpoint(path.toStdString());
    return path;
}

/// Opens a session file in a new window's `w` and waits until its Explore state is restored.
inline void openSessionAndWait(ui::MainWindow& w, const QString& session)
{
    w.show();
    QSignalSpy restored(&w.document(), &ui::Document::restored);
    QCOMPARE(w.openSession(session), QString());
    QVERIFY(restored.wait(30000));
}

/// Opens a checkpoint in a window and waits until the explorer shows its first decoded image.
inline void openAndWait(ui::MainWindow& w, const QString& path)
{
    w.showTab(1);
    w.openCheckpoint(path);
    QTRY_VERIFY_WITH_TIMEOUT(w.explorer()->exploration().hasModel(), 30000);
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
