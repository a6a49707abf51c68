// SPDX-License-Identifier: GPL-3.0-or-later
// The man pages and bash completions the build writes list every option the programs accept, and
// the CLI accepts exactly what its command table says (the table is what the parser reads).
#include "app/cli_commands.h"
#include "cli_test_support.h"

#include <QFile>
#include <QRegularExpression>

using namespace latentlab::testing;
using latentlab::cli::CliCommand;
using latentlab::cli::cliCommands;

namespace {

QString g_gui;
const QString kGenerated = QStringLiteral(LATENTLAB_GENERATED_DIR);

QString readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s (the build writes it: target latentlab_man_pages)", qPrintable(path));
    return QString::fromUtf8(f.readAll());
}

// Roff writes "--name" as "\-\-name".
QString roffOption(const QString& option) { return QString(option).replace(QLatin1Char('-'), QStringLiteral("\\-")); }

// The part of the man page about one command: from its ".SS" heading to the next heading.
QString manSection(const QString& man, const QString& command)
{
    const QString head = QStringLiteral(".SS ") + roffOption(command) + QLatin1Char('\n');
    const int from = man.indexOf(head);
    if (from < 0)
        return QString();
    const int to = man.indexOf(QRegularExpression(QStringLiteral("\\n\\.S[SH] ")), from + head.size());
    return man.mid(from, to < 0 ? -1 : to - from);
}

// The completion's option list for one command: the `NAME...) opts="..."` line.
QString completionOptions(const QString& script, const CliCommand& command)
{
    const QString name = command.name.find(' ') != std::string::npos ? QStringLiteral("\"%1").arg(QString::fromStdString(command.name))
                                                                      : QString::fromStdString(command.name);
    const QRegularExpression line(QStringLiteral("\\n\\s*") + QRegularExpression::escape(name) + QStringLiteral("[|\")][^\\n]*opts=\"([^\"]*)\""));
    const auto m = line.match(script);
    return m.hasMatch() ? m.captured(1) : QString();
}

// "datasets check" + {"--json"} -> {"datasets", "check", "--json"}.
QStringList commandLine(const CliCommand& c, const QStringList& rest)
{
    return QString::fromStdString(c.name).split(QLatin1Char(' ')) + rest;
}

} // namespace

class TestCliDocs : public QObject {
    Q_OBJECT
private slots:
    void everyCliOptionIsAcceptedAndDocumented()
    {
        const QString man = readFile(kGenerated + QStringLiteral("/latentlab-cli.1"));
        const QString completion = readFile(kGenerated + QStringLiteral("/completions/latentlab-cli"));
        int checked = 0;
        for (const CliCommand& c : cliCommands()) {
            const QString section = manSection(man, QString::fromStdString(c.name));
            QVERIFY2(!section.isEmpty(), c.name.c_str());
            const QString opts = completionOptions(completion, c);
            QVERIFY2(!opts.isEmpty(), c.name.c_str());
            const Run help = cli(commandLine(c, {QStringLiteral("--help")}));
            QCOMPARE(help.code, 0);
            // An option the table does not name is refused: the table is what the parser reads.
            const Run bogus = cli(commandLine(c, {QStringLiteral("--no-such-option")}));
            QVERIFY2(bogus.code == 2 && bogus.err.contains(QStringLiteral("unknown option --no-such-option")), qPrintable(bogus.err));
            auto check = [&](const std::string& name, bool valued) {
                const QString option = QStringLiteral("--") + QString::fromStdString(name);
                const QString where = QString::fromStdString(c.name) + QLatin1Char(' ') + option;
                // Accepted: a valued option at the end wants its value; a flag lets parsing go on to
                // the unknown option after it. Either way nothing runs.
                const Run r = valued ? cli(commandLine(c, {option})) : cli(commandLine(c, {option, QStringLiteral("--zz-after")}));
                const QString expected = valued ? QStringLiteral("option %1 needs a value").arg(option)
                                                : QStringLiteral("unknown option --zz-after");
                QVERIFY2(r.code == 2 && r.err.contains(expected), qPrintable(where + QStringLiteral(": ") + r.err));
                QVERIFY2(section.contains(roffOption(option) + QLatin1Char(' ')) || section.contains(roffOption(option) + QLatin1Char('.')) ||
                             section.contains(roffOption(option) + QLatin1Char('\n')),
                         qPrintable(where + QStringLiteral(" is not in the man page")));
                QVERIFY2((QLatin1Char(' ') + opts + QLatin1Char(' ')).contains(QLatin1Char(' ') + option + QLatin1Char(' ')),
                         qPrintable(where + QStringLiteral(" is not in the bash completion")));
                QVERIFY2(help.out.contains(option), qPrintable(where + QStringLiteral(" is not in its --help")));
                ++checked;
            };
            for (const std::string& o : c.valued)
                check(o, true);
            for (const std::string& o : c.flags)
                check(o, false);
        }
        QVERIFY(checked > 50);
        // The run parameters have their own entries with ranges.
        QVERIFY(man.contains(QStringLiteral(".SH RUN PARAMETERS")));
        QVERIFY(man.contains(QStringLiteral(".B \\-\\-beta ")));
    }

    void completionNamesEveryCommand()
    {
        const QString completion = readFile(kGenerated + QStringLiteral("/completions/latentlab-cli"));
        for (const CliCommand& c : cliCommands()) {
            const QString top = QString::fromStdString(c.name).section(QLatin1Char(' '), 0, 0);
            QVERIFY2(completion.contains(QRegularExpression(QStringLiteral("compgen -W \"[^\"]*\\b") + top + QStringLiteral("\\b"))),
                     c.name.c_str());
        }
    }

    // The window's options, as its --help prints them, are all in latentlab(1) and its completion.
    void everyGuiOptionIsDocumented()
    {
        if (g_gui.isEmpty())
            QSKIP("built without the GUI");
        QProcess p;
        p.start(g_gui, {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(60000));
        const QString help = QString::fromUtf8(p.readAllStandardOutput());
        const QString man = readFile(kGenerated + QStringLiteral("/latentlab.1"));
        const QString completion = readFile(kGenerated + QStringLiteral("/completions/latentlab"));
        QStringList options;
        auto it = QRegularExpression(QStringLiteral("(?:^|\\s)(--[a-z][a-z-]+)")).globalMatch(help);
        while (it.hasNext())
            options << it.next().captured(1);
        options.removeDuplicates();
        QVERIFY2(options.size() >= 12, qPrintable(help));
        for (const QString& o : options) {
            QVERIFY2(man.contains(roffOption(o)), qPrintable(o + QStringLiteral(" is not in latentlab(1)")));
            QVERIFY2(completion.contains(o + QLatin1Char(' ')) || completion.contains(o + QLatin1Char('"')),
                     qPrintable(o + QStringLiteral(" is not in the latentlab completion")));
        }
    }

    // bash reads both scripts and completes a command's options the way a user would see them.
    void bashCompletesOptions()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
            QSKIP("no bash");
        const QString script = kGenerated + QStringLiteral("/completions/latentlab-cli");
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral("-c"),
                                         QStringLiteral("source \"$0\"; COMP_WORDS=(latentlab-cli train --be); COMP_CWORD=2; "
                                                        "_latentlab_cli; echo \"${COMPREPLY[*]}\"; "
                                                        "COMP_WORDS=(latentlab-cli datasets ch); COMP_CWORD=2; "
                                                        "_latentlab_cli; echo \"${COMPREPLY[*]}\"; "
                                                        "COMP_WORDS=(latentlab-cli train --preset mlp-); COMP_CWORD=3; "
                                                        "_latentlab_cli; echo \"${COMPREPLY[*]}\""),
                                         script});
        QVERIFY(p.waitForFinished(30000));
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 3, qPrintable(QString::fromUtf8(p.readAllStandardError())));
        QCOMPARE(lines[0], QStringLiteral("--beta"));
        QCOMPARE(lines[1], QStringLiteral("check"));
        QVERIFY2(lines[2].split(QLatin1Char(' ')).contains(QStringLiteral("mlp-vae")), qPrintable(lines[2]));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    latentlab::testing::g_cli = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    g_gui = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    char* args[] = {argv[0]};
    return QTest::qExec(new TestCliDocs, 1, args);
}

#include "test_cli_docs.moc"
