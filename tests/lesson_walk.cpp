// SPDX-License-Identifier: GPL-3.0-or-later
// lesson_walk: runs one bundled lesson as a lecturer would, in presentation mode at one window size,
// start to end, and saves what the class saw: screenshots on the way and a contact sheet of them.
//   lesson_walk --lesson FILE --size 1024x700 --out DIR [--language zh_CN]
// writes DIR/NAME-WxH-NN-what.png and DIR/NAME-WxH.png (the sheet). scripts/lesson-walk.sh runs it
// for every lesson at 1024x700 and 1920x1080 under Xvfb. Not a test: its output is for people.
#include "core/pixels/pixel_datasets.h"
#include "ui/models/exploration.h"
#include "ui/explore/explore_view.h"
#include "ui/main_window.h"
#include "ui/widgets/scatter_3d.h"
#include "ui/models/training_session.h"
#include "ui/models/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <vector>

using namespace latentlab;
using latentlab::ui::MainWindow;

namespace {

struct Shot {
    QImage image;
    QString what;
};

// Waits `ms` with the event loop running (the views decode and repaint meanwhile).
void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The shots in a grid of `columns`, each at `scale` with its label above: the lecture at a glance.
QImage contactSheet(const std::vector<Shot>& shots, const QString& title, int columns, double scale)
{
    const QSize tile = (QSizeF(shots.front().image.size()) * scale).toSize();
    constexpr int kLabel = 22, kGap = 8, kTitle = 34;
    const int rows = (int(shots.size()) + columns - 1) / columns;
    QImage sheet(columns * (tile.width() + kGap) + kGap, kTitle + rows * (tile.height() + kLabel + kGap) + kGap,
                 QImage::Format_RGB32);
    sheet.fill(QColor(40, 40, 40));
    QPainter p(&sheet);
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setPixelSize(18);
    p.setFont(f);
    p.drawText(QRect(kGap, 0, sheet.width(), kTitle), Qt::AlignVCenter, title);
    f.setPixelSize(14);
    p.setFont(f);
    for (size_t i = 0; i < shots.size(); ++i) {
        const int x = kGap + int(i % size_t(columns)) * (tile.width() + kGap);
        const int y = kTitle + int(i / size_t(columns)) * (tile.height() + kLabel + kGap);
        p.drawText(QRect(x, y, tile.width(), kLabel), Qt::AlignVCenter, QStringLiteral("%1. %2").arg(i + 1).arg(shots[i].what));
        p.drawImage(QRect(QPoint(x, y + kLabel), tile), shots[i].image);
    }
    return sheet;
}

// At most `keep` of the epoch shots, evenly spread, always the first and the last.
std::vector<Shot> thinned(const std::vector<Shot>& shots, size_t keep)
{
    if (shots.size() <= keep)
        return shots;
    std::vector<Shot> out;
    for (size_t i = 0; i < keep; ++i)
        out.push_back(shots[i * (shots.size() - 1) / (keep - 1)]);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    registerPixelDatasets();
    QCommandLineParser parser;
    const QCommandLineOption lessonOpt(QStringLiteral("lesson"), QStringLiteral("Lesson file."), QStringLiteral("file"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("size"),
                                     QStringLiteral("1024x700"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("dir"));
    const QCommandLineOption languageOpt(QStringLiteral("language"), QStringLiteral("Window language (en, zh_CN)."),
                                         QStringLiteral("code"), QStringLiteral("en"));
    parser.addOptions({lessonOpt, sizeOpt, outOpt, languageOpt});
    parser.addHelpOption();
    parser.process(app);
    const QString lesson = parser.value(lessonOpt), out = parser.value(outOpt);
    const QStringList wh = parser.value(sizeOpt).split(QLatin1Char('x'));
    if (lesson.isEmpty() || out.isEmpty() || wh.size() != 2) {
        std::fprintf(stderr, "usage: lesson_walk --lesson FILE --size WxH --out DIR\n");
        return 2;
    }
    const QSize size(wh[0].toInt(), wh[1].toInt());
    ui::installTranslations(parser.value(languageOpt));
    QDir().mkpath(out);
    const QString name = QFileInfo(lesson).completeBaseName() + QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());

    MainWindow w;
    w.resize(size);
    w.show();
    std::vector<Shot> start, epochs, explore;
    QElapsedTimer clock;
    clock.start();
    const auto seconds = [&] { return QStringLiteral("%1 s").arg(clock.elapsed() / 1000); };
    QObject::connect(&w.session(), &ui::TrainingSession::epochFinished, &w, [&](const EpochSnapshot& e) {
        epochs.push_back({ui::Scatter3D::windowImage(&w), QStringLiteral("epoch %1, %2").arg(e.stats.epoch).arg(seconds())});
    });
    bool ended = false;
    QString failure;
    QObject::connect(&w.session(), &ui::TrainingSession::finished, &w, [&](const QString& message, bool failed) {
        ended = true;
        if (failed)
            failure = message;
    });
    if (const QString e = w.openSession(lesson); !e.isEmpty()) {
        std::fprintf(stderr, "lesson_walk: %s\n", qPrintable(e));
        return 2;
    }
    w.resize(size); // presentation mode may have changed it
    for (int ms : {500, 3000}) { // the first seconds of the run: the layout must already hold
        settle(ms == 500 ? 500 : 2500);
        start.push_back({ui::Scatter3D::windowImage(&w), QStringLiteral("start + %1").arg(seconds())});
    }
    while (!ended && clock.elapsed() < 30 * 60 * 1000)
        settle(200);
    if (!failure.isEmpty())
        std::fprintf(stderr, "lesson_walk: %s: the run failed: %s\n", qPrintable(lesson), qPrintable(failure));
    settle(2000); // the last epoch's views and the explorer's decodes
    std::vector<Shot> shots = start;
    for (const Shot& s : thinned(epochs, 4))
        shots.push_back(s);
    w.showTab(1);
    QTabWidget* tabs = w.explorer()->tabs();
    for (const QString& tab : {QStringLiteral("Samples"), QStringLiteral("Traversal"), QStringLiteral("Manifold"),
                               QStringLiteral("Interpolation"), QStringLiteral("Dataset"), QStringLiteral("Nearest")}) {
        w.exploration().setTab(tab);
        settle(1500);
        explore.push_back({ui::Scatter3D::windowImage(&w), QStringLiteral("Explore: %1").arg(tabs->tabText(tabs->currentIndex()))});
    }
    w.showTab(0);
    settle(800);
    explore.push_back({ui::Scatter3D::windowImage(&w), QStringLiteral("Train tab at the end")});
    shots.insert(shots.end(), explore.begin(), explore.end());
    for (size_t i = 0; i < shots.size(); ++i)
        shots[i].image.save(QStringLiteral("%1/%2-%3.png").arg(out, name).arg(i + 1, 2, 10, QLatin1Char('0')));
    const double scale = size.width() > 1500 ? 0.4 : 0.5;
    const QString sheet = QStringLiteral("%1/%2.png").arg(out, name);
    contactSheet(shots, QStringLiteral("%1, %2x%3, presentation mode").arg(QFileInfo(lesson).completeBaseName()).arg(size.width()).arg(size.height()),
                 4, scale)
        .save(sheet);
    std::printf("%s: %zu shots, sheet %s\n", qPrintable(name), shots.size(), qPrintable(sheet));
    return failure.isEmpty() ? 0 : 1;
}
