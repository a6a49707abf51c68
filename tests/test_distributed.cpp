// SPDX-License-Identifier: GPL-3.0-or-later
// Data-parallel training: latentlab-cli ranks over loopback, started by hand (the variables torchrun
// sets) and by torchrun itself. The ranks end with the same weights, two ranks of batch 64 train
// like one process of batch 128, a lost rank stops the others with its name, and runs resume
// with another number of ranks.
#include "cli_test_support.h"
#include "core/models/model.h"
#include "core/models/model_impl.h"
#include "core/training/checkpoint.h"

#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <csignal>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

// A port nothing listens on now (the kernel's pick), so parallel tests do not meet.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// One rank started by hand, as torchrun would: RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT.
std::unique_ptr<QProcess> startRank(int rank, int world, int port, const QStringList& args, const QString& cwd = {})
{
    auto p = std::make_unique<QProcess>();
    if (!cwd.isEmpty())
        p->setWorkingDirectory(cwd);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RANK"), QString::number(rank));
    env.insert(QStringLiteral("LOCAL_RANK"), QString::number(rank));
    env.insert(QStringLiteral("WORLD_SIZE"), QString::number(world));
    env.insert(QStringLiteral("MASTER_ADDR"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
    p->setProcessEnvironment(env);
    p->start(g_cli, args);
    return p;
}

Run finish(QProcess& p)
{
    if (!p.waitForFinished(300000))
        qFatal("a rank did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// Both ranks of a two-process run, to their ends.
std::pair<Run, Run> runTwoRanks(const QStringList& args0, const QStringList& args1, const QString& cwd0 = {},
                                const QString& cwd1 = {})
{
    const int port = freePort();
    auto r0 = startRank(0, 2, port, args0, cwd0);
    auto r1 = startRank(1, 2, port, args1, cwd1);
    Run a = finish(*r0);
    Run b = finish(*r1);
    return {a, b};
}

double maxWeightDifference(const QString& ck0, const QString& ck1)
{
    Model a = Model::load(ck0.toStdString()), b = Model::load(ck1.toStdString());
    auto pa = a.state().module->parameters(), pb = b.state().module->parameters();
    double diff = pa.size() == pb.size() ? 0.0 : 1e9;
    for (size_t i = 0; i < pa.size() && i < pb.size(); ++i)
        diff = std::max(diff, (pa[i] - pb[i]).abs().max().item<double>());
    return diff;
}

// Column `column` of metrics.csv, one value per epoch.
std::vector<double> metricsColumn(const QString& folder, int column)
{
    std::vector<double> values;
    const QList<QByteArray> lines = fileBytes(folder + QStringLiteral("/metrics.csv")).split('\n');
    for (int i = 1; i < lines.size(); ++i)
        if (!lines[i].isEmpty())
            values.push_back(lines[i].split(',').value(column).toDouble());
    return values;
}

} // namespace

class TestDistributed : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits;
    QString m_twoRanks, m_oneProcess; // 2 epochs: 2 ranks of batch 64; 1 process of batch 128

    QStringList trainArgs(const QString& out, const QStringList& more = {}) const
    {
        return QStringList {QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-ae"),
                            QStringLiteral("--dataset"), m_digits, QStringLiteral("--threads"), QStringLiteral("1"),
                            QStringLiteral("--out"), out} +
               more;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QDir().mkpath(m_dir.filePath(QStringLiteral("digits")));
        writeMnistFolder(m_dir.filePath(QStringLiteral("digits")), 2000, 400);
        m_digits = QStringLiteral("mnist:") + m_dir.filePath(QStringLiteral("digits"));
        m_twoRanks = m_dir.filePath(QStringLiteral("two-ranks"));
        m_oneProcess = m_dir.filePath(QStringLiteral("one-process"));
    }

    void twoRanksEndWithTheSameWeights()
    {
        const QStringList args = trainArgs(m_twoRanks, {QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--batch"),
                                                        QStringLiteral("64"), QStringLiteral("--rank-checkpoints")});
        const auto [r0, r1] = runTwoRanks(args, args);
        QVERIFY2(r0.code == 0 && r1.code == 0, qPrintable(r0.err + r1.err));
        QVERIFY2(r0.out.contains(QStringLiteral("rank 0 of 2")) && r0.out.contains(QStringLiteral("global batch 128")), qPrintable(r0.out));
        QVERIFY2(r1.out.contains(QStringLiteral("rank 1 of 2: 2 epochs done")), qPrintable(r1.out));
        QVERIFY2(!r1.out.contains(QStringLiteral("epoch   1/2")), "only rank 0 reports epochs");
        const QString ck0 = m_twoRanks + QStringLiteral("/rank-0.checkpoint"), ck1 = m_twoRanks + QStringLiteral("/rank-1.checkpoint");
        QVERIFY(QFile::exists(ck0) && QFile::exists(ck1));
        const double diff = maxWeightDifference(ck0, ck1);
        QVERIFY2(diff <= 1e-6, qPrintable(QStringLiteral("ranks' weights differ by %1").arg(diff)));
        // The run folder is rank 0's, and whole.
        QCOMPARE(readCheckpointInfo((m_twoRanks + QStringLiteral("/checkpoint")).toStdString()).epoch, 2);
        QCOMPARE(lineCount(m_twoRanks + QStringLiteral("/metrics.csv")), 3);
        QVERIFY(isPng(m_twoRanks + QStringLiteral("/samples.png")));
        QVERIFY(maxWeightDifference(ck0, m_twoRanks + QStringLiteral("/checkpoint")) == 0.0);
    }

    void twoBatchesOf64TrainLikeOneOf128()
    {
        const Run one = cli(trainArgs(m_oneProcess, {QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("128")}));
        QVERIFY2(one.code == 0, qPrintable(one.err));
        const auto a = metricsColumn(m_oneProcess, 1), b = metricsColumn(m_twoRanks, 1); // train_loss
        QCOMPARE(a.size(), size_t(2));
        QCOMPARE(b.size(), size_t(2));
        for (size_t e = 0; e < a.size(); ++e)
            QVERIFY2(std::abs(a[e] - b[e]) <= 1e-3 * std::abs(a[e]),
                     qPrintable(QStringLiteral("epoch %1: one process %2, two ranks %3").arg(e + 1).arg(a[e]).arg(b[e])));
    }

    void aVaeOnTwoRanksDrawsTheNoiseOfOneProcess()
    {
        // The reparameterisation noise of each row of the global batch is the same whichever rank
        // draws it, so a VAE, not only a plain AE, trains alike on 2 x 64 and 1 x 128.
        auto vaeArgs = [&](const QString& out, const QString& batch) {
            QStringList args = trainArgs(out, {QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--batch"), batch});
            args[2] = QStringLiteral("mlp-vae");
            return args;
        };
        const QString two = m_dir.filePath(QStringLiteral("vae-two-ranks")), one = m_dir.filePath(QStringLiteral("vae-one"));
        // Overlap forced on: by default it is off where the ranks leave no core idle (this machine).
        qputenv("LATENTLAB_DIST_OVERLAP", "1");
        const auto [r0, r1] = runTwoRanks(vaeArgs(two, QStringLiteral("64")), vaeArgs(two, QStringLiteral("64")));
        qunsetenv("LATENTLAB_DIST_OVERLAP");
        QVERIFY2(r0.code == 0 && r1.code == 0, qPrintable(r0.err + r1.err));
        // Gradients are all-reduced while backward runs: the last layers' bucket starts from its hook.
        QVERIFY2(QRegularExpression(QStringLiteral("epoch +2/2 .* ([1-9][0-9]*) % of gradient buckets overlapped backward"))
                     .match(r0.out).hasMatch(),
                 qPrintable(r0.out));
        const Run single = cli(vaeArgs(one, QStringLiteral("128")));
        QVERIFY2(single.code == 0, qPrintable(single.err));
        const auto a = metricsColumn(one, 1), b = metricsColumn(two, 1); // train_loss
        QCOMPARE(a.size(), size_t(2));
        QCOMPARE(b.size(), size_t(2));
        for (size_t e = 0; e < a.size(); ++e)
            QVERIFY2(std::abs(a[e] - b[e]) <= 1e-3 * std::abs(a[e]),
                     qPrintable(QStringLiteral("epoch %1: one process %2, two ranks %3").arg(e + 1).arg(a[e]).arg(b[e])));
    }

    void resumesWithAnotherWorldSize()
    {
        // Two ranks' run, continued by one process.
        Run r = cli({QStringLiteral("train"), QStringLiteral("--resume"), m_twoRanks, QStringLiteral("--epochs"), QStringLiteral("3")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(readCheckpointInfo((m_twoRanks + QStringLiteral("/checkpoint")).toStdString()).epoch, 3);
        // One process's run, continued by two ranks.
        const QStringList args {QStringLiteral("train"), QStringLiteral("--resume"), m_oneProcess, QStringLiteral("--epochs"), QStringLiteral("3")};
        const auto [r0, r1] = runTwoRanks(args, args);
        QVERIFY2(r0.code == 0 && r1.code == 0, qPrintable(r0.err + r1.err));
        QVERIFY2(r0.out.contains(QStringLiteral("resuming after epoch 2")), qPrintable(r0.out));
        QCOMPARE(readCheckpointInfo((m_oneProcess + QStringLiteral("/checkpoint")).toStdString()).epoch, 3);
        QCOMPARE(lineCount(m_oneProcess + QStringLiteral("/metrics.csv")), 4);
    }

    void aLostRankStopsTheOthers_data()
    {
        QTest::addColumn<int>("killed");
        QTest::addColumn<QString>("named");
        QTest::newRow("rank 1 killed") << 1 << QStringLiteral("rank 1 of 2 stopped answering");
        QTest::newRow("rank 0 killed") << 0 << QStringLiteral("rank 0 of 2 (which hosts the rendezvous store");
    }

    void aLostRankStopsTheOthers()
    {
        QFETCH(int, killed);
        QFETCH(QString, named);
        const QString out = m_dir.filePath(QStringLiteral("lost-%1").arg(killed));
        const QStringList args = trainArgs(out, {QStringLiteral("--epochs"), QStringLiteral("50"), QStringLiteral("--batch"), QStringLiteral("8")});
        const int port = freePort();
        std::unique_ptr<QProcess> ranks[2] = {startRank(0, 2, port, args), startRank(1, 2, port, args)};
        const QString ck = out + QStringLiteral("/checkpoint");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ck), 120000);
        ranks[killed]->kill();
        QElapsedTimer clock;
        clock.start();
        const Run survivor = finish(*ranks[1 - killed]);
        ranks[killed]->waitForFinished();
        QVERIFY2(clock.elapsed() < 60000, qPrintable(QStringLiteral("the survivor took %1 ms to stop").arg(clock.elapsed())));
        QVERIFY2(survivor.code != 0, qPrintable(survivor.out));
        QVERIFY2(survivor.err.contains(named), qPrintable(survivor.err));
        // The last checkpoint is whole (rank 0 writes atomically, also when it is the one killed).
        QVERIFY(readCheckpointInfo(ck.toStdString()).epoch >= 1);
        QVERIFY(!Model::load(ck.toStdString()).empty());
        if (killed == 1)
            QVERIFY2(fileBytes(out + QStringLiteral("/status.json")).contains("\"failed\""), fileBytes(out + QStringLiteral("/status.json")).constData());
    }

    // Every parameter of the run table is compared, and the data down to its contents: a mismatch
    // stops every rank with exit 2, naming what differs and both values.
    void ranksOfDifferentJobsAreRefused_data()
    {
        QTest::addColumn<QStringList>("rank1");
        QTest::addColumn<QString>("named");
        QTest::newRow("latent") << QStringList {QStringLiteral("--latent"), QStringLiteral("4")} << QStringLiteral("--latent 4 on rank 1, 2 here");
        QTest::newRow("lr") << QStringList {QStringLiteral("--lr"), QStringLiteral("0.002")} << QStringLiteral("--lr 0.002 on rank 1, 0.001 here");
        QTest::newRow("beta") << QStringList {QStringLiteral("--beta"), QStringLiteral("2")} << QStringLiteral("--beta 2 on rank 1, 1 here");
        QTest::newRow("warmup") << QStringList {QStringLiteral("--warmup"), QStringLiteral("3")} << QStringLiteral("--warmup 3 on rank 1, 0 here");
    }

    void ranksOfDifferentJobsAreRefused()
    {
        QFETCH(QStringList, rank1);
        QFETCH(QString, named);
        const QString out = m_dir.filePath(QStringLiteral("mismatch-") + QString::fromLatin1(QTest::currentDataTag()));
        auto args = [&](const QStringList& more) {
            QStringList a = trainArgs(out, QStringList {QStringLiteral("--epochs"), QStringLiteral("1")} + more);
            a[2] = QStringLiteral("mlp-vae"); // a model with a KL term: beta and warm-up count
            return a;
        };
        const auto [r0, r1] = runTwoRanks(args({QStringLiteral("--latent"), QStringLiteral("2")}),
                                          args(QStringList {QStringLiteral("--latent"), QStringLiteral("2")} + rank1));
        QVERIFY2(r0.code == 2 && r1.code == 2, qPrintable(QStringLiteral("exit %1 and %2:\n%3\n%4").arg(r0.code).arg(r1.code).arg(r0.err, r1.err)));
        QVERIFY2(r0.err.contains(QStringLiteral("rank 1 was started on another job")) && r0.err.contains(named), qPrintable(r0.err));
        QVERIFY2(r1.err.contains(QStringLiteral("rank 0 was started on another job")), qPrintable(r1.err));
        QVERIFY(!QFile::exists(out + QStringLiteral("/checkpoint")));
    }

    // Ranks that read "mnist:digits" in folders whose files differ (other working directories).
    void ranksOnDifferentDataAreRefused()
    {
        const QString a = m_dir.filePath(QStringLiteral("cwd-a")), b = m_dir.filePath(QStringLiteral("cwd-b"));
        QDir().mkpath(a + QStringLiteral("/digits"));
        QDir().mkpath(b + QStringLiteral("/digits"));
        writeMnistFolder(a + QStringLiteral("/digits"), 2000, 400, 10);
        writeMnistFolder(b + QStringLiteral("/digits"), 2000, 400, 9);
        const QString out = m_dir.filePath(QStringLiteral("mismatch-data"));
        QStringList args = trainArgs(out, {QStringLiteral("--epochs"), QStringLiteral("1")});
        args[4] = QStringLiteral("mnist:digits");
        const auto [r0, r1] = runTwoRanks(args, args, a, b);
        QCOMPARE(r0.code, 2);
        QCOMPARE(r1.code, 2);
        QVERIFY2(r0.err.contains(QStringLiteral("data contents CRC-32")), qPrintable(r0.err));
    }

    // Every wait at the start has an end: a rank that never comes is named within
    // LATENTLAB_DIST_TIMEOUT, Ctrl+C is answered at once, an address that does not resolve and a
    // port where another program listens fail fast.
    void aRankThatNeverComesIsNamed()
    {
        QProcess p;
        QProcessEnvironment withTimeout = QProcessEnvironment::systemEnvironment();
        withTimeout.insert(QStringLiteral("LATENTLAB_DIST_TIMEOUT"), QStringLiteral("3"));
        const int port = freePort();
        for (const auto& [k, v] : {std::pair {"RANK", "0"}, {"LOCAL_RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}})
            withTimeout.insert(QString::fromLatin1(k), QString::fromLatin1(v));
        withTimeout.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
        p.setProcessEnvironment(withTimeout);
        QElapsedTimer t;
        t.start();
        p.start(g_cli, trainArgs(m_dir.filePath(QStringLiteral("alone")), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        const Run r = finish(p);
        QVERIFY2(r.code != 0 && r.err.contains(QStringLiteral("rank 1 did not come to the rendezvous")), qPrintable(r.err));
        QVERIFY2(t.elapsed() < 60000, qPrintable(QString::number(t.elapsed())));
    }

    void ctrlCWhileWaitingForTheRanksStopsAtOnce()
    {
        auto p = startRank(0, 2, freePort(), trainArgs(m_dir.filePath(QStringLiteral("waiting")), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        QByteArray out;
        while (!out.contains("device") && p->waitForReadyRead(30000))
            out += p->readAllStandardOutput();
        QVERIFY2(out.contains("device"), out.constData());
        QTest::qWait(500); // into the rendezvous
        QElapsedTimer t;
        t.start();
        ::kill(pid_t(p->processId()), SIGINT);
        QVERIFY(p->waitForFinished(10000));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        out += p->readAllStandardOutput();
        QVERIFY2(out.contains("stopped before training began"), out.constData());
    }

    void anAddressThatDoesNotResolveFailsAtOnce()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto& [k, v] : {std::pair {"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "no-such-host.invalid"}, {"MASTER_PORT", "29999"}})
            env.insert(QString::fromLatin1(k), QString::fromLatin1(v));
        p.setProcessEnvironment(env);
        p.start(g_cli, trainArgs(m_dir.filePath(QStringLiteral("unresolved")), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        const Run r = finish(p);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("MASTER_ADDR=no-such-host.invalid does not resolve")), qPrintable(r.err));
    }

    void anotherProgramOnTheRendezvousPortIsNamed()
    {
        // A listener that accepts (the kernel's backlog does) and never answers.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(fd, 8), 0);
        socklen_t len = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
        const int port = ntohs(addr.sin_port);
        auto r1 = startRank(1, 2, port, trainArgs(m_dir.filePath(QStringLiteral("foreign1")), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        const Run client = finish(*r1);
        QVERIFY2(client.code != 0 && client.err.contains(QStringLiteral("no rendezvous store answered")), qPrintable(client.err));
        auto r0 = startRank(0, 2, port, trainArgs(m_dir.filePath(QStringLiteral("foreign0")), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        const Run host = finish(*r0);
        ::close(fd);
        QVERIFY2(host.code == 2 && host.err.contains(QStringLiteral("cannot host the rendezvous")), qPrintable(host.err));
    }

    void missingVariablesAreNamed()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WORLD_SIZE"), QStringLiteral("2"));
        env.remove(QStringLiteral("RANK"));
        p.setProcessEnvironment(env);
        p.start(g_cli, trainArgs(m_dir.filePath(QStringLiteral("no-rank")), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        const Run r = finish(p);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("RANK is not set")), qPrintable(r.err));
    }

    void torchrunStartsTheRanks()
    {
        const QString python = torchPython();
        if (python.isEmpty())
            QSKIP("Python with torch not found (Debian's python3-torch provides torchrun)");
        const QString out = m_dir.filePath(QStringLiteral("torchrun"));
        QProcess p;
        // --redirects/--tee/--log_dir: Python 3.11 crashes in torchrun's defaults without them.
        p.start(python, QStringList {QStringLiteral("-m"), QStringLiteral("torch.distributed.run"), QStringLiteral("--nproc_per_node"),
                                     QStringLiteral("2"), QStringLiteral("--master_port"), QString::number(freePort()),
                                     QStringLiteral("--no_python"), QStringLiteral("--redirects"), QStringLiteral("2"),
                                     QStringLiteral("--tee"), QStringLiteral("2"), QStringLiteral("--log_dir"),
                                     m_dir.filePath(QStringLiteral("torchrun-logs")), g_cli} +
                            trainArgs(out, {QStringLiteral("--epochs"), QStringLiteral("2")}));
        const Run r = finish(p);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("rank 1 of 2: 2 epochs done")), qPrintable(r.out));
        QCOMPARE(readCheckpointInfo((out + QStringLiteral("/checkpoint")).toStdString()).epoch, 2);
    }
};

LATENTLAB_CLI_TEST_MAIN(TestDistributed)
#include "test_distributed.moc"
