// SPDX-License-Identifier: GPL-3.0-or-later
// Slider-to-screen latency of the Explore view, measured in the app: for each preset, a checkpoint is
// written with fresh weights (latency does not depend on how good they are), opened in the main window,
// and a latent slider is moved step by step; each step is timed from the slider's new value to the
// paint of the newly decoded image. Optionally with training running in the background, or while the
// decode thread encodes the training images (All codes, Nearest's training search) in parts of
// at most --part-ms (-1: the whole split in one job, as before parts).
//
//   explore_latency [--steps 200] [--while-training] [--presets mlp-vae,conv-cvae-faces,...]
//   explore_latency --all-codes [--three-d] --presets mlp-vae   (all 70,000 codes on the scatter; with
//       the 3-D view on, which the offscreen platform does not draw: the cost of the flat scatter)
//   explore_latency --while-encoding [--faces N] [--part-ms 500 | -1: one job] --presets conv-cvae-faces
#include "core/data/dataset.h"
#include "core/pixels/pixel_datasets.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"
#include "ui/explore/explore_view.h"
#include "ui/widgets/image_view.h"
#include "ui/main_window.h"
#include "ui/models/decode_service.h"
#include "ui/models/nearest_images.h"
#include "ui/widgets/slider_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace latentlab;

namespace {

QString trainBriefly(const std::string& preset, const std::string& spec, const QString& dir)
{
    RunConfig c = loadPreset(preset);
    c.dataset = spec;
    c.training.batchSize = 64;
    Trainer t(c, Dataset::load(spec));
    t.train(0); // fresh weights: latency does not depend on their values
    const QString path = dir + QStringLiteral("/") + QString::fromStdString(preset) + QStringLiteral(".llck");
    t.saveCheckpoint(path.toStdString());
    return path;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[size_t(std::min<double>(v.size() - 1, p * double(v.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    registerPixelDatasets();
    int steps = 200;
    bool whileTraining = false, whileEncoding = false, allCodes = false, threeD = false;
    int faces = 600, partMs = 500; // NearestImages' own longest part
    QStringList presets = {QStringLiteral("mlp-vae"), QStringLiteral("mlp-cvae"), QStringLiteral("dense-ae"),
                           QStringLiteral("conv-vae"), QStringLiteral("conv-cvae-faces")};
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--steps") && i + 1 < args.size())
            steps = args[++i].toInt();
        else if (args[i] == QLatin1String("--while-training"))
            whileTraining = true;
        else if (args[i] == QLatin1String("--all-codes"))
            allCodes = true;
        else if (args[i] == QLatin1String("--three-d"))
            threeD = true;
        else if (args[i] == QLatin1String("--while-encoding"))
            whileEncoding = true;
        else if (args[i] == QLatin1String("--faces") && i + 1 < args.size())
            faces = args[++i].toInt();
        else if (args[i] == QLatin1String("--part-ms") && i + 1 < args.size())
            partMs = args[++i].toInt();
        else if (args[i] == QLatin1String("--presets") && i + 1 < args.size())
            presets = args[++i].split(QLatin1Char(','));
    }
    QTemporaryDir dir;
    std::printf("%-16s %-14s %9s %9s %9s %s\n", "preset", "dataset", "median", "p95", "max", "(ms, slider value -> image painted)");
    for (const QString& preset : presets) {
        const RunConfig c = loadPreset(preset.toStdString());
        const std::string spec = c.model.input[0] == 3 ? "synthfaces:" + std::to_string(faces) : "fashion-mnist";
        const QString checkpoint = trainBriefly(preset.toStdString(), spec, dir.path());
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        w.showTab(1);
        w.openCheckpoint(checkpoint);
        ui::ExploreView* x = w.explorer();
        QElapsedTimer wait;
        wait.start();
        while ((!x->exploration().hasModel() || x->currentView()->image().isNull()) && wait.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        while (w.controller().running())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (whileTraining) {
            w.showTab(0);
            w.startTraining(); // continues the checkpoint on the training thread
            w.showTab(1);
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 3000) // past data loading, into the epoch
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        x->exploration().scatter().setThreeD(threeD);
        if (allCodes) {
            x->exploration().scatterCodes().setAll(true);
            while (x->exploration().codes().count() <= x->exploration().data().info().testCount)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        ui::NearestImages& encoder = x->exploration().neighbours();
        encoder.setPartMilliseconds(partMs);
        QSlider* slider = x->latentSliders()->slider(0);
        std::vector<double> ms;
        int encodings = 0;
        for (int i = 0; i < steps; ++i) {
            if (whileEncoding && (i == 0 || encoder.trainingCodesReady())) { // (again) from the first image
                encoder.reset(x->exploration().data());
                encoder.requestTrainingCodes();
                ++encodings;
            }
            // Sweep -3..+3 sd and back, as a drag would.
            const int phase = i % 120;
            const int value = (phase < 60 ? -300 + phase * 10 : 300 - (phase - 60) * 10) + (i / 120) % 2;
            QEventLoop loop;
            QObject::connect(x, &ui::ExploreView::currentImageShown, &loop, &QEventLoop::quit);
            QTimer::singleShot(whileEncoding ? 300000 : 5000, &loop, &QEventLoop::quit); // an unparted encoding takes minutes
            QElapsedTimer t;
            t.start();
            slider->setValue(value);
            loop.exec();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        if (whileTraining)
            w.stopTraining();
        double encodeSeconds = 0; // the whole split once more, with no slider moving: what parts cost
        if (whileEncoding) {
            x->exploration().decoder().waitUntilIdle(300000); // the last encoding's job ends first
            QElapsedTimer t;
            t.start();
            encoder.reset(x->exploration().data());
            encoder.requestTrainingCodes();
            while (!encoder.trainingCodesReady())
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            encodeSeconds = double(t.nsecsElapsed()) / 1e9;
        }
        w.controller().shutdown();
        const QString note = allCodes ? QStringLiteral("  (%1, %2 codes)").arg(threeD ? QStringLiteral("3-D view") : QStringLiteral("flat scatter")).arg(x->exploration().codes().count())
                             : whileTraining ? QStringLiteral("  (training running)")
                             : whileEncoding ? QStringLiteral("  (encoding the training images in parts of %1 ms: %2 started; all of them alone %3 s)")
                                                   .arg(partMs).arg(encodings).arg(encodeSeconds, 0, 'f', 2)
                                             : QString();
        std::printf("%-16s %-14s %9.2f %9.2f %9.2f%s\n", qPrintable(preset), spec.c_str(), percentile(ms, 0.5), percentile(ms, 0.95),
                    *std::max_element(ms.begin(), ms.end()), qPrintable(note));
        std::fflush(stdout);
    }
    return 0;
}
