// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the tests that run latentlab-cli as a process: the program's path (the test's first
// argument), one run's exit code and output, and checks on the files it writes.
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace latentlab::testing {

inline QString g_cli;

struct Run {
    int code = -1;
    QString out, err;
};

inline Run cli(const QStringList& args)
{
    QProcess p;
    p.start(g_cli, args);
    if (!p.waitForFinished(300000))
        qFatal("latentlab-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

inline int lineCount(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return int(f.readAll().count('\n'));
}

inline bool isPng(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8);
}

inline QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace latentlab::testing

/// main() for a test class that takes latentlab-cli's path as its first argument.
#define LATENTLAB_CLI_TEST_MAIN(TestClass)                                                                \
    int main(int argc, char** argv)                                                                       \
    {                                                                                                     \
        if (argc < 2)                                                                                     \
            qFatal("usage: %s PATH_TO_LATENTLAB_CLI [qtest args]", argv[0]);                              \
        latentlab::testing::g_cli = QString::fromLocal8Bit(argv[1]);                                      \
        for (int i = 1; i + 1 < argc; ++i)                                                                \
            argv[i] = argv[i + 1];                                                                        \
        --argc;                                                                                           \
        QCoreApplication app(argc, argv);                                                                 \
        TestClass t;                                                                                      \
        return QTest::qExec(&t, argc, argv);                                                              \
    }
