// SPDX-License-Identifier: GPL-3.0-or-later
// latentlab: the desktop application.
//   latentlab [--dataset SPEC] [--preset NAME] [--epochs N] [--autostart] [--screenshot FILE] [--quit-when-done]
//             [--explore] [--session-file FILE] [--lesson NAME] [--follow DIR] [--refresh S] [--quit-after-show]
//             [--list-lessons]
//             [CHECKPOINT | SESSION.json]
#include "core/models/model.h"
#include "core/pixels/pixel_datasets.h"
#include "ui/main_window.h"
#include "ui/resource_paths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScreen>

#include <cstdio>
#include <cstring>

namespace {

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("LatentLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("LatentLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));
}

// A bundled lesson's name: its file name without ".json" ("01-ae-holes").
QString lessonName(const QString& path) { return QFileInfo(path).completeBaseName(); }

QString lessonTitle(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QJsonDocument::fromJson(f.read(1 << 20)).object().value(QStringLiteral("title")).toString();
}

// The bundled lesson NAME names: its whole name, its number ("1", "01") or the rest ("ae-holes").
QString findLesson(const QString& name)
{
    for (const QString& path : latentlab::ui::lessonFiles()) {
        const QString base = lessonName(path);
        const QString number = base.section(QLatin1Char('-'), 0, 0);
        const QString rest = base.section(QLatin1Char('-'), 1);
        bool isNumber = false;
        const int asked = name.toInt(&isNumber);
        if (base == name || rest == name || (isNumber && asked == number.toInt()))
            return path;
    }
    return QString();
}

struct Options {
    QCommandLineOption dataset {QStringLiteral("dataset"), QStringLiteral("Dataset spec (mnist, fashion-mnist, synthfaces, ...)."),
                                QStringLiteral("spec")};
    QCommandLineOption preset {QStringLiteral("preset"), QStringLiteral("Preset name."), QStringLiteral("name")};
    QCommandLineOption epochs {QStringLiteral("epochs"), QStringLiteral("Epochs to train."), QStringLiteral("n")};
    QCommandLineOption autostart {QStringLiteral("autostart"), QStringLiteral("Start training at once.")};
    QCommandLineOption screenshot {QStringLiteral("screenshot"),
                                   QStringLiteral("Save a PNG of the window when training ends (or once shown, with --quit-after-show)."),
                                   QStringLiteral("file")};
    QCommandLineOption quit {QStringLiteral("quit-when-done"), QStringLiteral("Exit when training ends.")};
    QCommandLineOption quitAfterShow {QStringLiteral("quit-after-show"), QStringLiteral("Exit once the window is shown (start-up benchmark).")};
    QCommandLineOption explore {QStringLiteral("explore"), QStringLiteral("Start on the Explore tab.")};
    // Not "--session": QGuiApplication takes -session/--session for X11 session management.
    QCommandLineOption session {QStringLiteral("session-file"), QStringLiteral("Open a session or lesson file (.json)."),
                                QStringLiteral("file")};
    QCommandLineOption follow {QStringLiteral("follow"),
                               QStringLiteral("Follow a run folder that latentlab-cli writes (here, on a shared file system, or a "
                                              "distributed run): the views update as each epoch lands. With --quit-when-done, "
                                              "exit when the run ends."),
                               QStringLiteral("dir")};
    QCommandLineOption refresh {QStringLiteral("refresh"),
                                QStringLiteral("Seconds of training between mid-epoch refreshes of the views (0: at epoch ends only; "
                                               "default 2)."),
                                QStringLiteral("seconds")};
    QCommandLineOption lesson {QStringLiteral("lesson"),
                               QStringLiteral("Open a bundled lesson by name or number (see --list-lessons), e.g. --lesson 01 or "
                                              "--lesson ae-holes."),
                               QStringLiteral("name")};
    QCommandLineOption listLessons {QStringLiteral("list-lessons"),
                                    QStringLiteral("Print the bundled lessons (name and title) and exit; --lesson NAME opens one.")};
    QCommandLineParser parser;

    Options()
    {
        parser.setApplicationDescription(QStringLiteral("Train and explore autoencoders"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({dataset, preset, epochs, autostart, screenshot, quit, quitAfterShow, explore, session, lesson, follow, refresh, listLessons});
        parser.addPositionalArgument(QStringLiteral("checkpoint"), QStringLiteral("A checkpoint or session file to open (optional)."),
                                     QStringLiteral("[checkpoint | session.json]"));
    }

    /// What the window starts with; false (with the reason printed) when an option is unusable.
    bool launchOptions(latentlab::ui::LaunchOptions& o) const
    {
        o.dataset = parser.value(dataset);
        o.preset = parser.value(preset);
        bool ok = true;
        o.epochs = parser.isSet(epochs) ? parser.value(epochs).toInt(&ok) : 0;
        if (!ok || o.epochs < 0) {
            std::fprintf(stderr, "latentlab: --epochs: \"%s\" is not a positive number\n", qPrintable(parser.value(epochs)));
            return false;
        }
        o.autostart = parser.isSet(autostart);
        o.screenshot = parser.value(screenshot);
        o.quitWhenDone = parser.isSet(quit);
        o.quitAfterShow = parser.isSet(quitAfterShow);
        o.explore = parser.isSet(explore);
        o.session = parser.value(session);
        if (parser.isSet(lesson)) {
            o.session = findLesson(parser.value(lesson));
            if (o.session.isEmpty()) {
                std::fprintf(stderr, "latentlab: --lesson: no bundled lesson \"%s\"; latentlab --list-lessons names them\n",
                             qPrintable(parser.value(lesson)));
                return false;
            }
        }
        o.follow = parser.value(follow);
        if (parser.isSet(refresh)) {
            o.liveRefresh = parser.value(refresh).toDouble(&ok);
            if (!ok || !(o.liveRefresh >= 0 && o.liveRefresh <= 600)) {
                std::fprintf(stderr, "latentlab: --refresh: \"%s\" is not a number of seconds from 0 to 600\n",
                             qPrintable(parser.value(refresh)));
                return false;
            }
        }
        if (!parser.positionalArguments().isEmpty()) {
            const QString file = parser.positionalArguments().first();
            (file.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive) ? o.session : o.open) = file;
        }
        return true;
    }
};

// --help, --version and --list-lessons answer without a display (scripts, ssh, CI): they are
// handled before the QApplication, which needs one.
bool answersWithoutWindow(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"--help", "-h", "-?", "--help-all", "--version", "-v", "--list-lessons"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

int answerWithoutWindow(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    nameApplication();
    Options o;
    o.parser.process(app); // --help and --version print and exit here
    const QStringList lessons = latentlab::ui::lessonFiles();
    for (const QString& path : lessons) // "01-ae-holes   Title": the name --lesson takes, then what it teaches
        std::printf("%-24s %s\n", qPrintable(lessonName(path)), qPrintable(lessonTitle(path)));
    if (!lessons.isEmpty())
        std::printf("(in %s; open one with latentlab --lesson NAME)\n", qPrintable(QFileInfo(lessons.front()).absolutePath()));
    if (lessons.isEmpty())
        std::fprintf(stderr, "latentlab: no lessons found next to the program (<bin>/../share/latentlab/lessons)\n");
    return lessons.isEmpty() ? 1 : 0;
}

} // namespace

int main(int argc, char** argv)
{
    latentlab::keepFreedMemoryForReuse();
    if (answersWithoutWindow(argc, argv))
        return answerWithoutWindow(argc, argv);
    QApplication app(argc, argv);
    nameApplication();
    // The desktop file's name (Wayland finds the icon and the menu entry through it) and the icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.latentlab.latentlab"));
    QIcon icon = QIcon::fromTheme(QStringLiteral("latentlab"));
    if (icon.isNull()) {
        icon.addFile(QStringLiteral(":/icons/latentlab-64.png"));
        icon.addFile(QStringLiteral(":/icons/latentlab-256.png"));
    }
    QApplication::setWindowIcon(icon);
    latentlab::registerPixelDatasets();
    Options o;
    o.parser.process(app);
    latentlab::ui::LaunchOptions options;
    if (!o.launchOptions(options))
        return 2;
    latentlab::ui::MainWindow window(options);
    // 1280x800, or the whole screen when it is smaller (a projector at 1024x768).
    const QSize screen = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableSize() : QSize(1280, 800);
    window.resize(QSize(1280, 800).boundedTo(screen));
    window.show();
    return app.exec();
}
