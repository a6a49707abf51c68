// SPDX-License-Identifier: GPL-3.0-or-later
// latentlab: the desktop application.
//   latentlab [--dataset SPEC] [--preset NAME] [--epochs N] [--autostart] [--screenshot FILE] [--quit-when-done]
//             [--explore] [--session-file FILE] [--lesson NAME] [--follow DIR] [--refresh S] [--quit-after-show]
//             [--language CODE] [--list-lessons]
//             [CHECKPOINT | SESSION.json]
#include "app/man_page.h"
#include "core/export/csv_export.h"
#include "core/models/model.h"
#include "core/pixels/image_io.h"
#include "core/pixels/pixel_datasets.h"
#include "core/training/trainer.h"
#include "ui/main_window.h"
#include "ui/models/resource_paths.h"
#include "ui/models/translations.h"

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
    QCommandLineOption language {QStringLiteral("language"),
                                 QStringLiteral("The window's language: en or zh_CN (default: View > Language, else the "
                                                "system's)."),
                                 QStringLiteral("code")};
    QCommandLineOption version {{QStringLiteral("v"), QStringLiteral("version")},
                                QStringLiteral("Print the version and the libraries it trains and draws with, and exit.")};
    QCommandLineOption listLessons {QStringLiteral("list-lessons"),
                                    QStringLiteral("Print the bundled lessons (name and title) and exit; --lesson NAME opens one.")};
    QCommandLineParser parser;

    Options()
    {
        parser.setApplicationDescription(QStringLiteral("Train and explore autoencoders"));
        parser.addHelpOption();
        parser.addOptions(all());
        parser.addPositionalArgument(QStringLiteral("checkpoint"), QStringLiteral("A checkpoint or session file to open (optional)."),
                                     QStringLiteral("[checkpoint | session.json]"));
    }

    /// Every option, in the order --help and the man page list them.
    QList<QCommandLineOption> all() const
    {
        return {dataset, preset, epochs, autostart, screenshot, quit, quitAfterShow, explore, session, lesson, follow, refresh,
                language, version, listLessons};
    }

    /// Installs the translations --language, the setting or the system asks for; false (with the
    /// reason printed) for a language we do not have.
    bool installLanguage() const
    {
        const QString code = parser.value(language);
        if (!code.isEmpty() && !latentlab::ui::isLanguage(code)) {
            QStringList codes;
            for (const latentlab::ui::Language& l : latentlab::ui::languages())
                codes << l.code;
            std::fprintf(stderr, "latentlab: --language: no \"%s\" (expected %s)\n", qPrintable(code),
                         qPrintable(codes.join(QStringLiteral(" or "))));
            return false;
        }
        latentlab::ui::installTranslations(code);
        return true;
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

// "--name VALUE" / "--name" for the man page and the completion.
std::string optionText(const QCommandLineOption& o, bool withValue)
{
    std::string out;
    for (const QString& name : o.names())
        out += (out.empty() ? "" : ", ") + std::string(name.size() == 1 ? "-" : "--") + name.toStdString() +
               (withValue && !o.valueName().isEmpty() ? " " + o.valueName().toUpper().toStdString() : "");
    return out;
}

// latentlab(1), from the same options --help prints.
std::string manPage(const Options& o)
{
    using namespace latentlab::cli;
    ManPage page {"latentlab", LATENTLAB_VERSION, "train and explore autoencoders in a window", {}};
    page.sections.emplace_back("SYNOPSIS", ".B latentlab\n[\\fIoptions\\fR] [\\fIcheckpoint\\fR | \\fIsession.json\\fR]\n");
    page.sections.emplace_back(
        "DESCRIPTION",
        roffEscape("LatentLab trains autoencoders, VAEs, beta-VAEs and conditional VAEs on digits, clothes and faces "
                   "in a background thread and shows what they learn as it happens: loss curves, reconstructions, "
                   "the latent space and the KL per dimension. Sliders and the scatter decode new images, "
                   "interpolate, traverse and morph; lessons in a presentation mode teach with it. Checkpoints "
                   "(.llck) and session files (.latentlab.json) open from the file manager. latentlab-cli trains "
                   "the same models without a window.") + "\n");
    std::string options;
    for (const QCommandLineOption& opt : o.all())
        options += roffItem(optionText(opt, true), opt.description().toStdString());
    options += roffItem("-h, --help", "Print the options and exit.") +
               roffItem("--help-all", "Print the options, Qt's own included, and exit.");
    page.sections.emplace_back("OPTIONS", options);
    page.sections.emplace_back(
        "ENVIRONMENT",
        roffItem("LATENTLAB_DATA", "The data folder (default $XDG_DATA_HOME/latentlab, else ~/.local/share/latentlab): "
                                   "datasets and the window's runs (runs/).") +
            roffItem("LATENTLAB_CACHE", "The dataset cache (default $XDG_CACHE_HOME/latentlab, else ~/.cache/latentlab).") +
            roffItem("LANG, LC_ALL, LC_MESSAGES", "The language of the window (View > Language overrides it)."));
    page.sections.emplace_back("SEE ALSO", ".BR latentlab\\-cli (1)\n");
    return page.roff();
}

// A bash completion script for latentlab, from the same options.
std::string bashCompletion(const Options& o)
{
    std::string opts = "--help --help-all";
    for (const QCommandLineOption& opt : o.all())
        opts += " " + optionText(opt, false);
    for (char& c : opts)
        if (c == ',')
            c = ' ';
    return "# SPDX-License-Identifier: GPL-3.0-or-later\n"
           "# bash completion for latentlab. Generated at build time from the program's options; do not edit.\n"
           "_latentlab()\n"
           "{\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
           "    COMPREPLY=()\n"
           "    case \"$prev\" in\n"
           "        --lesson) COMPREPLY=($(compgen -W \"$(latentlab --list-lessons 2>/dev/null | sed -n 's/^\\([0-9][^ ]*\\).*/\\1/p')\" -- \"$cur\")); return ;;\n"
           "        --follow) COMPREPLY=($(compgen -d -- \"$cur\")); compopt -o filenames 2>/dev/null; return ;;\n"
           "        --screenshot|--session-file) COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null; return ;;\n"
           "    esac\n"
           "    if [[ \"$cur\" == -* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"" + opts + "\" -- \"$cur\"))\n"
           "    else\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "        compopt -o filenames 2>/dev/null\n"
           "    fi\n"
           "}\n"
           "complete -F _latentlab latentlab\n";
}

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
    o.parser.process(app); // --help prints and exits here
    if (o.parser.isSet(o.version)) {
        std::printf("latentlab %s\nQt %s\n%s\n", LATENTLAB_VERSION, qVersion(), latentlab::trainingBackendDescription().c_str());
#ifdef LATENTLAB_HAVE_PIXELS
        std::printf("%s\n", latentlab::pixelLibraryDescription().c_str());
#endif
        return 0;
    }
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
    // The build writes the man page and the bash completion from the options (no window, no display).
    if (argc == 3 && (std::strcmp(argv[1], "--man-page") == 0 || std::strcmp(argv[1], "--bash-completion") == 0)) {
        try {
            const Options o;
            latentlab::writeTextFile(argv[2], std::strcmp(argv[1], "--man-page") == 0 ? manPage(o) : bashCompletion(o));
            return 0;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "latentlab: %s\n", e.what());
            return 1;
        }
    }
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
    if (!o.installLanguage())
        return 2;
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
