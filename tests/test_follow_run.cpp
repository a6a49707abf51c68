// SPDX-License-Identifier: GPL-3.0-or-later
// A window that follows a run folder another process writes (latentlab --follow DIR): while
// latentlab-cli trains into the folder, the views reach its last epoch and the window says the run
// has ended; a stopped run, a broken status file and a file instead of a folder are reported.
#include "core/export/run_folder.h"
#include "core/training/checkpoint.h"
#include "gui_test_support.h"
#include "ui/widgets/loss_plot.h"
#include "ui/models/run_follower.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

using namespace latentlab;
using latentlab::ui::MainWindow;

class TestFollowRun : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits;

private slots:
    void initTestCase() { m_digits = testing::prepareWindowTests(m_dir); }

    void followsTheCliToItsLastEpoch()
    {
        const QByteArray cli = qgetenv("LATENTLAB_CLI");
        if (cli.isEmpty())
            QSKIP("LATENTLAB_CLI is not set (CTest sets it)");
        const QString run = m_dir.filePath(QStringLiteral("runs/cli"));
        MainWindow w;
        w.show();
        // Followed before the run has made its folder, as a user does who starts both at once.
        QCOMPARE(w.followRun(run), QString());
        QVERIFY(w.session().following());
        QVERIFY(w.windowTitle().contains(QStringLiteral("following")));
        QSignalSpy ended(&w.session(), &ui::TrainingSession::followEnded);
        QSignalSpy epochs(&w.session(), &ui::TrainingSession::epochFinished);
        QSignalSpy problems(&w.session(), &ui::TrainingSession::followProblem);
        QProcess train;
        train.start(QString::fromLocal8Bit(cli), {QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"),
                                                  QStringLiteral("--dataset"), m_digits, QStringLiteral("--epochs"), QStringLiteral("4"),
                                                  QStringLiteral("--batch"), QStringLiteral("32"), QStringLiteral("--threads"),
                                                  QStringLiteral("1"), QStringLiteral("--out"), run});
        QVERIFY(train.waitForStarted());
        QVERIFY(ended.wait(120000));
        QVERIFY(train.state() == QProcess::NotRunning || train.waitForFinished(30000)); // false when already over
        QCOMPARE(train.exitCode(), 0);
        QVERIFY2(ended.first().at(0).toString().contains(QStringLiteral("finished: 4 epochs")), qPrintable(ended.first().at(0).toString()));
        QCOMPARE(ended.first().at(1).toBool(), false);
        QVERIFY(!w.session().following());
        QVERIFY2(problems.isEmpty(), "a live writer holds the folder's lock: it was never taken for gone");
        // Every view is at the run's last epoch: the loss curve has all four, the views show the
        // newest weights, Explore works on them.
        QVERIFY(epochs.count() >= 1);
        QCOMPARE(w.session().epochs().back().stats.epoch, 4);
        QCOMPARE(int(w.session().history().size()), 4);
        QCOMPARE(w.findChild<ui::LossPlot*>()->epochCount(), 4);
        QCOMPARE(readCheckpointInfo((run + QStringLiteral("/checkpoint")).toStdString()).epoch, 4);
        QVERIFY(w.session().latestModel().info().epoch == 4);
        QTRY_VERIFY_WITH_TIMEOUT(w.exploration().hasModel(), 10000);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("finished")));
        // Train now continues the followed run's newest checkpoint, in a folder of the window's own.
        QCOMPARE(w.session().openedCheckpoint(), run + QStringLiteral("/checkpoint"));
    }

    void reportsAStoppedRunAndABrokenStatus()
    {
        const QString run = m_dir.filePath(QStringLiteral("runs/stopped"));
        QVERIFY(QDir().mkpath(run));
        testing::trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("runs/stopped/checkpoint"), 1);
        QFile broken(run + QStringLiteral("/status.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"format\": \"latentlab-run-status\", \"state\": \"sleeping\"}");
        broken.close();
        MainWindow w;
        w.show();
        QSignalSpy status(&w.session(), &ui::TrainingSession::statusChanged);
        QSignalSpy ended(&w.session(), &ui::TrainingSession::followEnded);
        QCOMPARE(w.followRun(run), QString());
        QTRY_VERIFY_WITH_TIMEOUT(w.session().epochs().size() == 1, 30000); // the checkpoint still shows
        bool named = false;
        for (const auto& args : status)
            named = named || (args.at(0).toString().contains(QStringLiteral("status.json")) && args.at(0).toString().contains(QStringLiteral("state")));
        QVERIFY2(named, "the broken status file is named, with the field");
        QVERIFY(w.session().following()); // and following goes on
        RunStatus s;
        s.state = RunStatus::State::Stopped;
        s.epoch = 1;
        s.epochs = 10;
        writeRunStatus(run.toStdString(), s);
        QVERIFY(ended.wait(3 * ui::RunFollower::kPollMs + 5000));
        QVERIFY2(ended.first().at(0).toString().contains(QStringLiteral("stopped after epoch 1 of 10")), qPrintable(ended.first().at(0).toString()));
    }

    // What a script that waits for the run's end (--follow --quit-when-done) must hear about instead
    // of waiting forever: an unreadable status, or an ended run whose checkpoint cannot be shown.
    void namesWhatKeepsARunFromBeingShown_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QString>("checkpoint"); // "" none, "truncated", "folder", "whole"
        QTest::addColumn<QString>("named");
        const QByteArray finished = "{\"format\": \"latentlab-run-status\", \"state\": \"finished\", \"epoch\": 1, \"epochs\": 1, \"message\": \"\"}";
        QTest::newRow("garbage status") << QByteArray("garbage") << QStringLiteral("whole") << QStringLiteral("status.json");
        QTest::newRow("empty status") << QByteArray() << QStringLiteral("whole") << QStringLiteral("status.json");
        QTest::newRow("epoch -5") << QByteArray("{\"format\": \"latentlab-run-status\", \"state\": \"running\", \"epoch\": -5, \"epochs\": 2, \"message\": \"\"}")
                                  << QStringLiteral("whole") << QStringLiteral("status.json");
        QTest::newRow("epochs 1e300") << QByteArray("{\"format\": \"latentlab-run-status\", \"state\": \"running\", \"epoch\": 1, \"epochs\": 1e300, \"message\": \"\"}")
                                      << QStringLiteral("whole") << QStringLiteral("status.json");
        QTest::newRow("finished, no checkpoint") << finished << QString() << QStringLiteral("/checkpoint does not exist");
        QTest::newRow("finished, truncated checkpoint") << finished << QStringLiteral("truncated") << QStringLiteral("/checkpoint");
        QTest::newRow("finished, checkpoint a folder") << finished << QStringLiteral("folder") << QStringLiteral("/checkpoint");
    }

    void namesWhatKeepsARunFromBeingShown()
    {
        QFETCH(QByteArray, status);
        QFETCH(QString, checkpoint);
        QFETCH(QString, named);
        const QString run = m_dir.filePath(QStringLiteral("broken/") + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        QVERIFY(QDir().mkpath(run));
        const QString ck = run + QStringLiteral("/checkpoint");
        if (checkpoint == QStringLiteral("folder")) {
            QVERIFY(QDir().mkpath(ck));
        } else if (!checkpoint.isEmpty()) {
            testing::trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("broken/whole.llck"), 1);
            QFile whole(m_dir.filePath(QStringLiteral("broken/whole.llck")));
            QVERIFY(whole.open(QIODevice::ReadOnly));
            QByteArray bytes = whole.readAll();
            if (checkpoint == QStringLiteral("truncated"))
                bytes.truncate(bytes.size() / 2);
            QFile out(ck);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        }
        QFile s(run + QStringLiteral("/status.json"));
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.write(status);
        s.close();
        MainWindow w;
        QSignalSpy problem(&w.session(), &ui::TrainingSession::followProblem);
        QCOMPARE(w.followRun(run), QString());
        QVERIFY(problem.wait(30000));
        const QString message = problem.first().at(0).toString();
        QVERIFY2(message.contains(run) && message.contains(named), qPrintable(message));
    }

    // "running" in status.json while nobody holds the folder's lock: the writer was killed and
    // will never say how the run ended; a script waiting for the end is told so.
    void aRunWhoseWriterIsGoneIsNamed()
    {
        const QString run = m_dir.filePath(QStringLiteral("runs/killed"));
        QVERIFY(QDir().mkpath(run));
        testing::trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("runs/killed/checkpoint"), 1);
        writeRunStatus(run.toStdString(), {RunStatus::State::Running, 1, 5, ""});
        { RunFolderLock lock(run.toStdString()); } // a lock file, as a writer leaves it; nobody holds it now
        MainWindow w;
        QSignalSpy problem(&w.session(), &ui::TrainingSession::followProblem);
        QCOMPARE(w.followRun(run), QString());
        QVERIFY(problem.wait(3 * ui::RunFollower::kPollMs + 10000));
        const QString message = problem.first().at(0).toString();
        QVERIFY2(message.contains(run) && message.contains(QStringLiteral("no program writes")), qPrintable(message));
    }

    void refusesWhatIsNotARunFolder()
    {
        MainWindow w;
        const QString file = m_dir.filePath(QStringLiteral("not-a-folder"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString e = w.followRun(file);
        QVERIFY2(e.contains(file) && e.contains(QStringLiteral("not a folder")), qPrintable(e));
        QVERIFY(!w.session().following());
    }

    void statusFilesReadBack()
    {
        const QString dir = m_dir.filePath(QStringLiteral("status"));
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(int(readRunStatus(dir.toStdString()).state), int(RunStatus::State::Unknown));
        RunStatus s {RunStatus::State::Failed, 3, 9, "loss became NaN"};
        writeRunStatus(dir.toStdString(), s);
        const RunStatus back = readRunStatus(dir.toStdString());
        QCOMPARE(int(back.state), int(RunStatus::State::Failed));
        QCOMPARE(back.epoch, 3);
        QCOMPARE(back.epochs, 9);
        QCOMPARE(back.message, s.message);
        QVERIFY(back.ended());
    }
};

QTEST_MAIN(TestFollowRun)
#include "test_follow_run.moc"
