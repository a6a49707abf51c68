// latentlab: the desktop application.
//   latentlab [--dataset SPEC] [--preset NAME] [--epochs N] [--autostart] [--screenshot FILE] [--quit-when-done]
//             [--explore] [--session-file FILE] [--quit-after-show] [--list-lessons] [CHECKPOINT | SESSION.json]
#include "core/pixels/pixel_datasets.h"
#include "ui/main_window.h"
#include "ui/resource_paths.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LatentLab"));
    QApplication::setOrganizationName(QStringLiteral("LatentLab"));
    QApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));
    latentlab::registerPixelDatasets();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Train and explore autoencoders"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataset(QStringLiteral("dataset"), QStringLiteral("Dataset spec (mnist, fashion-mnist, synthfaces, ...)."),
                               QStringLiteral("spec"));
    QCommandLineOption preset(QStringLiteral("preset"), QStringLiteral("Preset name."), QStringLiteral("name"));
    QCommandLineOption epochs(QStringLiteral("epochs"), QStringLiteral("Epochs to train."), QStringLiteral("n"));
    QCommandLineOption autostart(QStringLiteral("autostart"), QStringLiteral("Start training at once."));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the window when training ends (or once shown, with --quit-after-show)."),
                                  QStringLiteral("file"));
    QCommandLineOption quit(QStringLiteral("quit-when-done"), QStringLiteral("Exit when training ends."));
    QCommandLineOption quitAfterShow(QStringLiteral("quit-after-show"), QStringLiteral("Exit once the window is shown (start-up benchmark)."));
    QCommandLineOption explore(QStringLiteral("explore"), QStringLiteral("Start on the Explore tab."));
    // Not "--session": QGuiApplication takes -session/--session for X11 session management.
    QCommandLineOption session(QStringLiteral("session-file"), QStringLiteral("Open a session or lesson file (.json)."),
                               QStringLiteral("file"));
    QCommandLineOption listLessons(QStringLiteral("list-lessons"),
                                   QStringLiteral("Print the bundled lessons (found in <bin>/../share/latentlab/lessons) and exit."));
    parser.addOptions({dataset, preset, epochs, autostart, screenshot, quit, quitAfterShow, explore, session, listLessons});
    parser.addPositionalArgument(QStringLiteral("checkpoint"), QStringLiteral("A checkpoint to open (optional)."), QStringLiteral("[checkpoint]"));
    parser.process(app);

    if (parser.isSet(listLessons)) {
        const QStringList lessons = latentlab::ui::lessonFiles();
        for (const QString& path : lessons)
            std::printf("%s\n", qPrintable(path));
        return lessons.isEmpty() ? 1 : 0;
    }

    latentlab::ui::LaunchOptions options;
    options.dataset = parser.value(dataset);
    options.preset = parser.value(preset);
    bool ok = true;
    options.epochs = parser.isSet(epochs) ? parser.value(epochs).toInt(&ok) : 0;
    if (!ok || options.epochs < 0) {
        qCritical("--epochs: \"%s\" is not a positive number", qPrintable(parser.value(epochs)));
        return 2;
    }
    options.autostart = parser.isSet(autostart);
    options.screenshot = parser.value(screenshot);
    options.quitWhenDone = parser.isSet(quit);
    options.quitAfterShow = parser.isSet(quitAfterShow);
    options.explore = parser.isSet(explore);
    options.session = parser.value(session);
    if (!parser.positionalArguments().isEmpty()) {
        const QString file = parser.positionalArguments().first();
        (file.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive) ? options.session : options.open) = file;
    }

    latentlab::ui::MainWindow window(options);
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
