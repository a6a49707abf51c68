// SPDX-License-Identifier: GPL-3.0-or-later
// latentlab-cli and its run folders: nothing a run wrote is lost to a later run, an early Ctrl+C or
// a diverging one, and --resume says which flags it cannot honour instead of ignoring them.
#include "cli_test_support.h"
#include "core/data/tensor_file.h"
#include "core/training/checkpoint.h"

#include <cmath>
#include <csignal>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QFileInfo>

#include <sys/stat.h>

using namespace latentlab;
using namespace latentlab::testing;

class TestCliRuns : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits; // dataset spec
    QString m_trained; // a run folder trained for 2 epochs (copied before each test changes it)

    QStringList trainArgs(const QString& out, const QStringList& more = {}) const
    {
        return QStringList {QStringLiteral("train"),  QStringLiteral("--preset"), QStringLiteral("mlp-vae"),
                            QStringLiteral("--dataset"), m_digits,            QStringLiteral("--latent"),
                            QStringLiteral("2"),      QStringLiteral("--threads"), QStringLiteral("1"),
                            QStringLiteral("--out"),  out} +
               more;
    }
    QString copyOfTrained(const QString& name)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        QFile::copy(m_trained + QStringLiteral("/checkpoint"), folder + QStringLiteral("/checkpoint"));
        return folder;
    }

private slots:
    void initTestCase()
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("digits")));
        writeMnistFolder(m_dir.filePath(QStringLiteral("digits")), 600, 200);
        m_digits = QStringLiteral("mnist:") + m_dir.filePath(QStringLiteral("digits"));
        m_trained = m_dir.filePath(QStringLiteral("trained"));
        const Run r = cli(trainArgs(m_trained, {QStringLiteral("--epochs"), QStringLiteral("2")}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void outCreatesMissingParentFolders()
    {
        const QString run = m_dir.filePath(QStringLiteral("nested/runs/today"));
        const Run r = cli(trainArgs(run, {QStringLiteral("--epochs"), QStringLiteral("1")}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(run + QStringLiteral("/checkpoint")));
    }

    void aFreshRunRefusesAFolderWithATrainedCheckpoint()
    {
        const QString run = copyOfTrained(QStringLiteral("refuse"));
        const QByteArray before = fileBytes(run + QStringLiteral("/checkpoint"));
        Run r = cli(trainArgs(run, {QStringLiteral("--epochs"), QStringLiteral("1")}));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("trained for 2 epochs")) && r.err.contains(QStringLiteral("--resume")) &&
                     r.err.contains(QStringLiteral("--force")),
                 qPrintable(r.err));
        QCOMPARE(fileBytes(run + QStringLiteral("/checkpoint")), before);
        // --force starts over.
        r = cli(trainArgs(run, {QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--force")}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(readCheckpointInfo((run + QStringLiteral("/checkpoint")).toStdString()).epoch, 1);
    }

    void ctrlCBeforeTheFirstEpochKeepsTheTrainedCheckpoint()
    {
        const QString run = copyOfTrained(QStringLiteral("interrupted"));
        const QByteArray before = fileBytes(run + QStringLiteral("/checkpoint"));
        QProcess p;
        p.start(g_cli, trainArgs(run, {QStringLiteral("--epochs"), QStringLiteral("5"), QStringLiteral("--force"),
                                       QStringLiteral("--batch"), QStringLiteral("1")}));
        // Interrupt once the run is under way (its header printed), long before 600 one-image
        // batches end the first epoch.
        QByteArray out;
        while (!out.contains("device") && p.waitForReadyRead(30000))
            out += p.readAllStandardOutput();
        QVERIFY2(out.contains("device"), out.constData());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // the signal was handled, not fatal
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 130, err.constData()); // 128 + SIGINT, as a shell reports it: not a success
        QVERIFY2(!err.contains('\r'), err.constData()); // stderr is no terminal here: no redrawn progress
        QVERIFY2(out.contains("nothing written"), out.constData());
        QCOMPARE(fileBytes(run + QStringLiteral("/checkpoint")), before);
    }

    // One writer per run folder: a second train, --force or --resume into a folder that another
    // process trains exits 2 naming the holder, and the first run goes on untouched.
    void aFolderAnotherProcessWritesIsRefused_data()
    {
        QTest::addColumn<QStringList>("second");
        QTest::newRow("fresh") << QStringList {QStringLiteral("--latent"), QStringLiteral("3")};
        QTest::newRow("force") << QStringList {QStringLiteral("--force")};
        QTest::newRow("resume") << QStringList {};
    }

    void aFolderAnotherProcessWritesIsRefused()
    {
        QFETCH(QStringList, second);
        const QString run = m_dir.filePath(QStringLiteral("locked-") + QString::fromLatin1(QTest::currentDataTag()));
        QProcess first;
        first.start(g_cli, trainArgs(run, {QStringLiteral("--epochs"), QStringLiteral("50"), QStringLiteral("--batch"), QStringLiteral("1")}));
        QByteArray out;
        while (!out.contains("device") && first.waitForReadyRead(30000))
            out += first.readAllStandardOutput();
        QVERIFY2(out.contains("device"), out.constData());
        QStringList args = second.isEmpty()
                               ? QStringList {QStringLiteral("train"), QStringLiteral("--resume"), run}
                               : trainArgs(run, QStringList {QStringLiteral("--epochs"), QStringLiteral("1")} + second);
        if (second.isEmpty()) { // --resume needs the first epoch's checkpoint
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(run + QStringLiteral("/checkpoint")), 120000);
        }
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(run + QStringLiteral(" is being written by PID ") + QString::number(first.processId())),
                 qPrintable(r.err));
        QCOMPARE(first.state(), QProcess::Running);
        // Stopped once its first epoch is written: the resume below continues it.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(run + QStringLiteral("/checkpoint")), 120000);
        ::kill(pid_t(first.processId()), SIGINT);
        QVERIFY(first.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 130); // stopped, its last finished epoch kept
        // The lock went with its holder: the folder is free again.
        const Run again = cli({QStringLiteral("train"), QStringLiteral("--resume"), run, QStringLiteral("--epochs"),
                               QString::number(readCheckpointInfo((run + QStringLiteral("/checkpoint")).toStdString()).epoch + 1)});
        QVERIFY2(again.code == 0, qPrintable(again.err));
    }

    // A killed writer leaves its record, not its lock: the next writer takes over and says so.
    void aKilledWritersLockIsTakenOver()
    {
        const QString run = m_dir.filePath(QStringLiteral("killed-writer"));
        QProcess first;
        first.start(g_cli, trainArgs(run, {QStringLiteral("--epochs"), QStringLiteral("50"), QStringLiteral("--batch"), QStringLiteral("1")}));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(run + QStringLiteral("/checkpoint")), 60000);
        const qint64 pid = first.processId();
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(first.waitForFinished(10000));
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--resume"), run, QStringLiteral("--epochs"),
                           QString::number(readCheckpointInfo((run + QStringLiteral("/checkpoint")).toStdString()).epoch + 1)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("took over ") + run + QStringLiteral(" from PID ") + QString::number(pid)), qPrintable(r.out));
    }

    // Outputs that are not regular files are refused before any work and left as they were; a
    // symbolic link is written through (the link stays, its file gets the data).
    void outputsThatAreNotRegularFilesAreRefused()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("out.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
        const QString ck = m_trained + QStringLiteral("/checkpoint");
        for (const QStringList& args : {QStringList {QStringLiteral("export-weights"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--out"), fifo},
                                        QStringList {QStringLiteral("sample"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--out"), fifo},
                                        QStringList {QStringLiteral("export-latents"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--out"), fifo}}) {
            const Run r = cli(args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(fifo + QStringLiteral(": exists and is a FIFO, not a regular file")), qPrintable(r.err));
            QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
        }
        // train --out naming a file: refused before the data loads, the file kept.
        const QString file = m_dir.filePath(QStringLiteral("a-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
        f.close();
        Run r = cli(trainArgs(file, {QStringLiteral("--epochs"), QStringLiteral("1")}));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(file + QStringLiteral(": exists and is a file, not a folder")), qPrintable(r.err));
        QCOMPARE(fileBytes(file), QByteArray("keep me"));
        // Through a link.
        const QString target = m_dir.filePath(QStringLiteral("latents-target.csv")), link = m_dir.filePath(QStringLiteral("latents-link.csv"));
        QVERIFY(QFile::link(target, link) || QFile::exists(link));
        QFile t(target);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.close();
        r = cli({QStringLiteral("export-latents"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--out"), link});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(fileBytes(target).startsWith("id,label,"));
        // A killed export's temp file beside its target goes with the next export of that target.
        QProcess gone;
        gone.start(QStringLiteral("true"), {});
        gone.waitForStarted();
        const qint64 deadPid = gone.processId(); // read while Qt still holds it
        gone.waitForFinished();
        const QString stale = target + QStringLiteral(".tmp-") + QString::number(deadPid);
        QFile s(stale);
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.close();
        r = cli({QStringLiteral("export-latents"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--out"), target});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(stale));
    }

    // A FIFO where a checkpoint belongs is named at once, never waited on.
    void aFifoCheckpointIsRefusedAtOnce()
    {
        const QString run = m_dir.filePath(QStringLiteral("fifo-run"));
        QDir().mkpath(run);
        QCOMPARE(::mkfifo(QFile::encodeName(run + QStringLiteral("/checkpoint")).constData(), 0644), 0);
        QElapsedTimer t;
        t.start();
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--resume"), run});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("a FIFO, not a regular file")), qPrintable(r.err));
        QVERIFY(t.elapsed() < 20000);
    }

    void resumeRejectsFlagsItCannotHonour_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("named");
        QTest::newRow("latent") << QStringList {QStringLiteral("--latent"), QStringLiteral("8")} << "--latent";
        QTest::newRow("seed") << QStringList {QStringLiteral("--seed"), QStringLiteral("9")} << "--seed";
        QTest::newRow("preset") << QStringList {QStringLiteral("--preset"), QStringLiteral("conv-vae")} << "--preset";
    }
    void resumeRejectsFlagsItCannotHonour()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, named);
        const QString run = copyOfTrained(QStringLiteral("conflict"));
        const Run r = cli(QStringList {QStringLiteral("train"), QStringLiteral("--resume"), run} + flags);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(named) && r.err.contains(QStringLiteral("conflicts with --resume")), qPrintable(r.err));
    }

    void resumeAppliesWhatMayChange()
    {
        const QString run = copyOfTrained(QStringLiteral("changes"));
        const QString elsewhere = m_dir.filePath(QStringLiteral("continued"));
        const QByteArray before = fileBytes(run + QStringLiteral("/checkpoint"));
        Run r = cli({QStringLiteral("train"), QStringLiteral("--resume"), run, QStringLiteral("--lr"), QStringLiteral("0.0005"),
                     QStringLiteral("--beta"), QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("32"),
                     QStringLiteral("--epochs"), QStringLiteral("3"), QStringLiteral("--out"), elsewhere});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const ModelInfo info = readCheckpointInfo((elsewhere + QStringLiteral("/checkpoint")).toStdString());
        QCOMPARE(info.epoch, 3);
        QCOMPARE(info.config.optimizer.lr, 0.0005);
        QCOMPARE(info.config.loss.beta, 2.0);
        QCOMPARE(info.config.training.batchSize, 32);
        QCOMPARE(info.history.back().beta, 2.0); // the epoch trained with it
        QCOMPARE(fileBytes(run + QStringLiteral("/checkpoint")), before); // --out: the original stays
        // Another folder's checkpoint is not replaced by a resumed run either.
        r = cli({QStringLiteral("train"), QStringLiteral("--resume"), run, QStringLiteral("--out"), elsewhere});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("exists")), qPrintable(r.err));
    }

    void aDivergingRunKeepsItsLastReadableCheckpoint()
    {
        const QString run = m_dir.filePath(QStringLiteral("diverged"));
        // One huge step at lr 10: the conv VAE's weights blow up in the first epoch's one batch.
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("conv-vae"), QStringLiteral("--dataset"),
                           m_digits, QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--lr"), QStringLiteral("10"),
                           QStringLiteral("--batch"), QStringLiteral("65536"), QStringLiteral("--out"), run});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("non-finite")) || r.err.contains(QStringLiteral("NaN")) ||
                     r.err.contains(QStringLiteral("infinite")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("smaller learning rate than 10")), qPrintable(r.err)); // what to change
        // Whatever it wrote reads back: no checkpoint, or a finite one.
        const QString ck = run + QStringLiteral("/checkpoint");
        if (QFile::exists(ck))
            QVERIFY(readCheckpointInfo(ck.toStdString()).epoch >= 1);
    }

    void tempFilesOfKilledRunsAreRemovedOthersKept()
    {
        const QString run = copyOfTrained(QStringLiteral("stale"));
        // A writer that is gone (a process that has exited) and one still alive (this test).
        QProcess gone;
        gone.start(QStringLiteral("/bin/sleep"), {QStringLiteral("0.2")});
        QVERIFY(gone.waitForStarted());
        const qint64 deadPid = gone.processId();
        QVERIFY(gone.waitForFinished());
        const QString dead = run + QStringLiteral("/checkpoint.tmp-%1").arg(deadPid);
        const QString alive = run + QStringLiteral("/checkpoint.tmp-%1").arg(QCoreApplication::applicationPid());
        for (const QString& f : {dead, alive})
            writeBytes(f, std::vector<uint8_t>(4096, 7));
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--resume"), run, QStringLiteral("--epochs"), QStringLiteral("3")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("removed 1 temp file")), qPrintable(r.out));
        QVERIFY(!QFile::exists(dead));
        QVERIFY(QFile::exists(alive));
        // metrics.csv is written with each checkpoint: the header and the 3 epochs it holds.
        QCOMPARE(lineCount(run + QStringLiteral("/metrics.csv")), 4);
    }

    void aVideoThatIsNotWrittenWhollyReplacesNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("mp4") << "morph.mp4";
        QTest::newRow("avi") << "morph.avi";
        QTest::newRow("gif") << "morph.gif";
    }
    void aVideoThatIsNotWrittenWhollyReplacesNothing()
    {
        QFETCH(QString, name);
        const QString video = m_dir.filePath(name);
        const QStringList args {QStringLiteral("export-video"), QStringLiteral("--checkpoint"), m_trained + QStringLiteral("/checkpoint"),
                                QStringLiteral("--out"), video, QStringLiteral("--frames"), QStringLiteral("30"),
                                QStringLiteral("--scale"), QStringLiteral("8")};
        Run r = cli(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray good = fileBytes(video);
        QVERIFY(good.size() > 4096);
        // A full disk, as the file-size limit gives it: writes fail with EFBIG past the limit
        // (SIGXFSZ ignored), which OpenCV's writer does not report. ulimit counts 512- or 1024-byte blocks.
        QProcess p;
        p.start(QStringLiteral("/bin/sh"),
                QStringList {QStringLiteral("-c"), QStringLiteral("ulimit -f %1; trap '' XFSZ; exec \"$0\" \"$@\"").arg(good.size() / 4096), g_cli} + args);
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(video), qPrintable(err));
        QCOMPARE(fileBytes(video), good); // the earlier good file is still there, whole
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral(".*partial*")}, QDir::Hidden | QDir::Files).isEmpty());
    }

    void aDatasetWithoutTrainingImagesIsRefused()
    {
        // A valid dataset cache whose training split is empty (0 x 1 x 28 x 28) and test split has 4.
        TensorFile f;
        f.kind = "dataset-cache";
        f.metaJson = R"({"name": "empty", "class_names": ["a", "b"]})";
        for (const auto& [split, n] : {std::pair<std::string, int64_t>("train", 0), std::pair<std::string, int64_t>("test", 4)}) {
            NamedArray images {split + ".images", DType::U8, {n, 1, 28, 28}, std::vector<uint8_t>(size_t(n) * 784, 0)};
            NamedArray labels {split + ".labels", DType::I64, {n}, std::vector<uint8_t>(size_t(n) * 8, 0)};
            f.arrays.push_back(images);
            f.arrays.push_back(labels);
        }
        const QString cache = m_dir.filePath(QStringLiteral("empty.cache"));
        writeTensorFile(cache.toStdString(), f);
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"), QStringLiteral("--dataset"),
                           QStringLiteral("cache:") + cache, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("empty"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("0 training")) && r.err.contains(QStringLiteral("at least one")), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("empty/checkpoint"))));
    }

    void faceConditionsDefaultToARealisticCombination()
    {
        // In synthetic faces exactly one hair colour is always on: the default the model gets for
        // unnamed conditions must be such a face, not all zeros.
        const QString run = m_dir.filePath(QStringLiteral("faces"));
        Run r = cli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("conv-cvae-faces"), QStringLiteral("--dataset"),
                     QStringLiteral("synthfaces:240,seed=2"), QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--batch"),
                     QStringLiteral("16"), QStringLiteral("--out"), run});
        QCOMPARE(r.code, 0);
        const QString ck = run + QStringLiteral("/checkpoint");
        r = cli({QStringLiteral("sample"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--condition"), QStringLiteral("Male=1"),
                 QStringLiteral("--n"), QStringLiteral("4"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("men.png"))});
        QCOMPARE(r.code, 0);
        const QString used = r.out.section(QStringLiteral("condition on: "), 1).section(QLatin1Char('('), 0, 0);
        QVERIFY2(used.contains(QStringLiteral("Male")) && used.count(QStringLiteral("_Hair")) == 1, qPrintable(r.out));

        const QString failures = m_dir.filePath(QStringLiteral("failures"));
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--attributes"), QStringLiteral("Smiling,Male"),
                 QStringLiteral("--n"), QStringLiteral("40"), QStringLiteral("--classifier-epochs"), QStringLiteral("1"),
                 QStringLiteral("--failures"), failures});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.count(QStringLiteral("blurred ")), 2); // the judge's own accuracy, sharp and blurred
        // A one-epoch model fails often: the misjudged samples are there to look at.
        const QStringList grids = QDir(failures).entryList({QStringLiteral("*.png")});
        QVERIFY2(!grids.isEmpty(), qPrintable(r.out));
        for (const QString& g : grids)
            QVERIFY2(QRegularExpression(QStringLiteral("^(Smiling|Male)-(defaults|test)-(on|off)\\.png$")).match(g).hasMatch(), qPrintable(g));
        QVERIFY2(r.out.contains(QStringLiteral("defaults  on: ")) && r.out.section(QStringLiteral("defaults  on: "), 1).section(QLatin1Char('\n'), 0, 0).count(QStringLiteral("_Hair")) == 1,
                 qPrintable(r.out));
        QCOMPARE(r.out.count(QStringLiteral("others default")), 2); // one line per attribute and context
        QCOMPARE(r.out.count(QStringLiteral("others test")), 2);
        QCOMPARE(r.out.count(QStringLiteral("other verdicts changed: ")), 4);
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--attributes"), QStringLiteral("Smiling"),
                 QStringLiteral("--n"), QStringLiteral("20"), QStringLiteral("--classifier-epochs"), QStringLiteral("1"), QStringLiteral("--others"),
                 QStringLiteral("sometimes")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--others")), qPrintable(r.err));
        // Both judges, as JSON Lines: per judge its accuracy per attribute and one line per
        // attribute and context.
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--attributes"), QStringLiteral("Smiling,Male"),
                 QStringLiteral("--n"), QStringLiteral("20"), QStringLiteral("--classifier-epochs"), QStringLiteral("1"),
                 QStringLiteral("--judge"), QStringLiteral("both"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QMap<QString, int> count;
        for (const QString& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY2(!o.isEmpty(), qPrintable(line));
            count[o.value(QStringLiteral("event")).toString() + QLatin1Char('/') + o.value(QStringLiteral("judge")).toString()] += 1;
            if (o.value(QStringLiteral("event")).toString() == QStringLiteral("condition"))
                QVERIFY(o.value(QStringLiteral("on")).toDouble() >= 0 && o.value(QStringLiteral("on")).toDouble() <= 1);
        }
        QCOMPARE(count.value(QStringLiteral("judge/conv")), 2);
        QCOMPARE(count.value(QStringLiteral("judge/pooled")), 2);
        QCOMPARE(count.value(QStringLiteral("condition/conv")), 4);
        QCOMPARE(count.value(QStringLiteral("condition/pooled")), 4);
        // The likelihood of a conditional, MSE-trained model: each image in its own condition.
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), ck, QStringLiteral("--nll"), QStringLiteral("--n"),
                 QStringLiteral("20"), QStringLiteral("--nll-samples"), QStringLiteral("10")});
        QCOMPARE(r.code, 0);
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("nll\\s+([0-9.]+) nats per image .* negative ELBO ([0-9.]+)")).match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        QVERIFY(m.captured(1).toDouble() > 0 && m.captured(1).toDouble() <= m.captured(2).toDouble());
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), ck});
        QCOMPARE(r.code, 2); // nothing asked for
    }

    void metricsScoreAModelAgainstDspritesFactors()
    {
        const QString run = m_dir.filePath(QStringLiteral("dsprites"));
        Run r = cli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-beta-vae"), QStringLiteral("--dataset"),
                     QStringLiteral("dsprites:1200"), QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"), run});
        QCOMPARE(r.code, 0);
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"), QStringLiteral("--metrics"),
                 QStringLiteral("--n"), QStringLiteral("150")});
        QCOMPARE(r.code, 0);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("MIG ([0-9.]+)  SAP ([0-9.]+)  DCI disentanglement ([0-9.]+)")).match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        for (int g = 1; g <= 3; ++g)
            QVERIFY(m.captured(g).toDouble() >= 0 && m.captured(g).toDouble() <= 1);
        QCOMPARE(r.out.count(QStringLiteral("factor    ")), 5); // MIG per factor
        // export-latents writes each code's ground-truth factors beside it, on the factors' grid.
        const QString csv = m_dir.filePath(QStringLiteral("dsprites-latents.csv"));
        r = cli({QStringLiteral("export-latents"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"),
                 QStringLiteral("--out"), csv});
        QCOMPARE(r.code, 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.value(0).startsWith(QLatin1String("id,label,label_name,factor_shape,factor_scale,factor_orientation,"
                                                         "factor_posX,factor_posY,z0,")), qPrintable(lines.value(0)));
        QCOMPARE(lines.size(), 1 + int(std::lround(1200 / 7.0))); // header + the test split (dsprites keeps 1/7 for testing)
        const int grid[5] = {3, 6, 40, 32, 32};
        for (const QString& line : lines.mid(1)) {
            const QStringList f = line.split(QLatin1Char(','));
            for (int k = 0; k < 5; ++k) {
                const double v = f.value(3 + k).toDouble();
                QVERIFY2(v >= 0 && v < grid[k] && v == std::floor(v), qPrintable(line));
            }
        }
        // --json: the same scores and the export's summary as JSON Lines, nothing else on stdout.
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"), QStringLiteral("--metrics"),
                 QStringLiteral("--nll"), QStringLiteral("--n"), QStringLiteral("150"), QStringLiteral("--nll-samples"),
                 QStringLiteral("5"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QMap<QString, QJsonObject> events;
        for (const QString& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            QJsonParseError error;
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8(), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line));
            events[o.value(QStringLiteral("event")).toString()] = o;
        }
        QCOMPARE(events.keys(), QStringList({QStringLiteral("metrics"), QStringLiteral("nll")}));
        QVERIFY(std::abs(events[QStringLiteral("metrics")].value(QStringLiteral("mig")).toDouble() - m.captured(1).toDouble()) <= 0.0005); // as the text said, unrounded
        QVERIFY(events[QStringLiteral("metrics")].contains(QStringLiteral("mig_posX")));
        QVERIFY(events[QStringLiteral("nll")].value(QStringLiteral("nll")).toDouble() > 0);
        r = cli({QStringLiteral("export-latents"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"),
                 QStringLiteral("--out"), csv, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("codes")).toInt(), lines.size() - 1);
        QCOMPARE(summary.value(QStringLiteral("out")).toString(), csv);
        // A dataset without factors says so.
        r = cli({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"), QStringLiteral("--metrics"),
                 QStringLiteral("--dataset"), m_digits});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no ground-truth factors")), qPrintable(r.err));
    }
};

LATENTLAB_CLI_TEST_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
