// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingSession driven without any widget (QSignalSpy only), and the window-level bugs that came
// from state living in widgets, each reproduced through the window as a user meets it.
#include "gui_test_support.h"
#include "core/export/run_folder.h"
#include "core/models/presets.h"
#include "core/training/checkpoint.h"
#include "core/training/trainer.h"
#include "ui/explore/explore_view.h"
#include "ui/train/setup_panel.h"
#include "ui/explore/interpolation_panel.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/widgets/slider_panel.h"
#include "ui/train/train_views.h"
#include "ui/models/training_session.h"
#include "ui/models/training_worker.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace latentlab;
using namespace latentlab::testing;
using latentlab::ui::MainWindow;
using latentlab::ui::TrainingSession;

class TestTrainingSession : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits, m_vae2, m_vae4, m_cvae;

    static int lineCountOf(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : -1;
    }

    void prepare(TrainingSession& s, int epochs)
    {
        QVERIFY(s.choosePreset(QStringLiteral("mlp-vae")));
        s.setDataset(m_digits);
        QVERIFY(s.setParam("latent", 2).isEmpty());
        QVERIFY(s.setParam("batch", 64).isEmpty());
        QVERIFY(s.setParam("epochs", epochs).isEmpty());
        QVERIFY(s.problem().isEmpty());
    }

private slots:
    void initTestCase()
    {
        m_digits = prepareWindowTests(m_dir);
        m_vae2 = trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("vae2.llck"), 2, 2);
        m_vae4 = trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("vae4.llck"), 1, 4);
        m_cvae = trainCheckpoint(m_dir, "mlp-cvae", m_digits, QStringLiteral("cvae.llck"), 1, 2);
    }

    // The window and latentlab-cli drive one TrainingRun: the same settings leave the same files in
    // their run folders, the same status, and the same run (losses of the same seed and data).
    void theWindowAndTheCliWriteTheSameRunFolder()
    {
        const QString cli = QString::fromLocal8Bit(qgetenv("LATENTLAB_CLI"));
        QVERIFY2(!cli.isEmpty(), "LATENTLAB_CLI is not set (CTest sets it)");
        TrainingSession s;
        prepare(s, 2);
        QSignalSpy done(&s, &TrainingSession::finished);
        QVERIFY(s.start().isEmpty());
        QVERIFY(done.wait(60000));
        const QString window = s.runFolder(), cliRun = m_dir.filePath(QStringLiteral("cli-same-settings"));
        QCOMPARE(QProcess::execute(cli, {QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"),
                                         QStringLiteral("--dataset"), m_digits, QStringLiteral("--latent"), QStringLiteral("2"),
                                         QStringLiteral("--batch"), QStringLiteral("64"), QStringLiteral("--epochs"),
                                         QStringLiteral("2"), QStringLiteral("--out"), cliRun}),
                 0);
        const QStringList files = QDir(window).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, QDir(cliRun).entryList(QDir::Files, QDir::Name));
        QCOMPARE(files, QStringList({QStringLiteral("checkpoint"), QStringLiteral("metrics.csv"), QStringLiteral("reconstructions.png"),
                                     QStringLiteral("samples.png"), QStringLiteral("status.json")}));
        const RunStatus a = readRunStatus(window.toStdString()), b = readRunStatus(cliRun.toStdString());
        QVERIFY(a.state == RunStatus::State::Finished && b.state == RunStatus::State::Finished);
        QCOMPARE(a.epoch, 2);
        QCOMPARE(b.epoch, 2);
        auto lines = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll().split('\n') : QList<QByteArray>();
        };
        const QList<QByteArray> ours = lines(window + QStringLiteral("/metrics.csv")), theirs = lines(cliRun + QStringLiteral("/metrics.csv"));
        QVERIFY(ours.size() >= 3);
        QCOMPARE(ours.size(), theirs.size());
        QCOMPARE(ours.first(), theirs.first()); // the header
        for (int line = 1; line < ours.size(); ++line) { // epoch, train_loss: the same run
            const double x = ours[line].split(',').value(1).toDouble(), y = theirs[line].split(',').value(1).toDouble();
            QVERIFY2(std::abs(x - y) <= 1e-5 * std::abs(y), qPrintable(QStringLiteral("epoch %1: window %2, cli %3").arg(line).arg(x).arg(y)));
        }
    }

    // Two runs started in the same second (two windows, or Train right after Stop) each get a
    // run folder of their own: the name is claimed by creating it.
    void runsStartedInTheSameSecondGetFoldersOfTheirOwn()
    {
        TrainingSession a, b;
        prepare(a, 1);
        prepare(b, 1);
        QSignalSpy doneA(&a, &TrainingSession::finished), doneB(&b, &TrainingSession::finished);
        QVERIFY(a.start().isEmpty());
        QVERIFY(b.start().isEmpty());
        QVERIFY(doneA.count() > 0 || doneA.wait(60000));
        QVERIFY(doneB.count() > 0 || doneB.wait(60000));
        QVERIFY2(a.runFolder() != b.runFolder(), qPrintable(a.runFolder()));
        QVERIFY(QFile::exists(a.runFolder() + QStringLiteral("/checkpoint")));
        QVERIFY(QFile::exists(b.runFolder() + QStringLiteral("/checkpoint")));
        // A temp file that a killed window left in its run folder goes when the next run starts.
        const QString stale = a.runFolder() + QStringLiteral("/checkpoint.tmp-") + QString::number(deadPid());
        QFile f(stale);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(b.start().isEmpty());
        QVERIFY(!QFile::exists(stale));
        QVERIFY(doneB.wait(60000));
    }

    // The PID of a process that has ended (a child that exits at once).
    static qint64 deadPid()
    {
        QProcess p;
        p.start(QStringLiteral("true"), {});
        p.waitForStarted();
        const qint64 pid = p.processId(); // read while Qt still holds it: 0 once it has seen the end
        p.waitForFinished();
        return pid > 0 ? pid : 4194303;
    }

    // Closing the window while a dataset loads: the load is told to stop, the window waits for
    // the thread (a running QThread destroyed is an abort) and still closes at once.
    void closingWhileADatasetLoadsStopsTheLoad()
    {
        static std::atomic<bool> cancelled {false};
        static std::atomic<bool> loading {false};
        Dataset::registerLoader("slowload", [](const std::string& spec, const std::string&, double, uint64_t) -> Dataset {
            loading = true;
            const std::atomic<bool>* flag = loadCancelFlag();
            for (int i = 0; i < 3000; ++i) { // 30 s unless cancelled
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                if (flag && flag->load()) {
                    cancelled = true;
                    throwIfCancelled(flag, spec);
                }
            }
            throw InputError(spec + ": the load was never cancelled");
        });
        ui::LaunchOptions o;
        o.quitWhenDone = true; // no "stop and quit?" question
        auto* w = new MainWindow(o);
        w->show();
        w->session().setDataset(QStringLiteral("slowload:x"));
        QVERIFY(w->session().start().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(loading.load(), 10000);
        QElapsedTimer t;
        t.start();
        w->close();
        delete w; // the session's thread must be finished by now
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(cancelled.load());
    }

    // A diverging run says what to change, beside the settings, until they change.
    void aNaNStopSaysWhatToChangeBesideTheSettings()
    {
        TrainingSession s;
        ui::SetupPanel panel(s);
        panel.show();
        QVERIFY(s.choosePreset(QStringLiteral("conv-vae")));
        s.setDataset(m_digits);
        QVERIFY(s.setParam("lr", 10).isEmpty());
        QVERIFY(s.setParam("batch", 65536).isEmpty());
        QVERIFY(s.setParam("epochs", 2).isEmpty());
        QSignalSpy done(&s, &TrainingSession::finished);
        QVERIFY(s.start().isEmpty());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.last().at(1).toBool(), true);
        QVERIFY2(panel.failureText().contains(QStringLiteral("smaller learning rate than 10")), qPrintable(panel.failureText()));
        QVERIFY(s.setParam("lr", 0.001).isEmpty());
        QVERIFY(panel.failureText().isEmpty());
    }

    void oneSignalPerEpochCarriesEverything()
    {
        TrainingSession s;
        prepare(s, 2);
        QSignalSpy epochs(&s, &TrainingSession::epochFinished);
        QSignalSpy done(&s, &TrainingSession::finished);
        // Whenever an epoch arrives, the newest weights that belong to it are already there.
        int checked = 0;
        connect(&s, &TrainingSession::epochFinished, this, [&](const EpochSnapshot& v) {
            QVERIFY(!s.latestModel().empty());
            QCOMPARE(s.latestModel().info().epoch, v.stats.epoch);
            QVERIFY(!v.reconstructions.empty());
            ++checked;
        });
        QVERIFY(s.start().isEmpty());
        QVERIFY(done.wait(60000));
        QCOMPARE(epochs.count(), 2);
        QCOMPARE(checked, 2);
        QCOMPARE(int(s.history().size()), 2);
        QVERIFY(QFile::exists(s.currentCheckpoint()));
        // The window's run folder holds metrics.csv beside the checkpoint, like the CLI's.
        QCOMPARE(lineCountOf(s.runFolder() + QStringLiteral("/metrics.csv")), 3);
    }

    void stepAfterAFinishedRunTrainsOneMoreEpoch()
    {
        TrainingSession s;
        prepare(s, 2);
        QSignalSpy done(&s, &TrainingSession::finished);
        QVERIFY(s.start().isEmpty());
        QVERIFY(done.wait(60000));
        const double firstLoss = s.history().front().trainLoss;
        QSignalSpy epochs(&s, &TrainingSession::epochFinished);
        QVERIFY(s.step().isEmpty());
        QVERIFY(epochs.wait(60000));
        // Epoch 3 of the same run, with the curve of epochs 1-2 still there (it used to restart at
        // epoch 1 and wipe the curve).
        QCOMPARE(epochs.count(), 1);
        QCOMPARE(s.history().size(), size_t(3));
        QCOMPARE(s.history().back().epoch, 3);
        QCOMPARE(s.history().front().trainLoss, firstLoss);
        QTRY_VERIFY_WITH_TIMEOUT(!s.running() || s.paused(), 10000);
        s.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!s.running(), 10000);
    }

    // Step on an opened model keeps the exploration (point, attribute) and brings new weights;
    // opening another checkpoint starts it over.
    void continuingKeepsTheExplorationAnotherModelResetsIt()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ui::Exploration& m = w.exploration();
        m.point().setLatent({0.75f, -0.5f});
        m.interpolation().setEndpoint(0, {1.0f, 1.0f});
        QSignalSpy epochs(&w.session(), &TrainingSession::epochFinished);
        QVERIFY(w.session().step().isEmpty());
        QVERIFY(epochs.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(m.hasModel() && m.model().info().epoch == 3, 10000);
        // One view of this continued run: the epoch view names epoch 3, and its slider has nowhere to go.
        QCOMPARE(w.trainViews()->epochLabel()->text(), QStringLiteral("Epoch view: 3"));
        QVERIFY(!w.trainViews()->epochSlider()->isEnabled());
        QCOMPARE(m.point().latent(), std::vector<float>({0.75f, -0.5f}));
        QCOMPARE(m.interpolation().endpoint(0), std::vector<float>({1.0f, 1.0f}));
        QTRY_VERIFY_WITH_TIMEOUT(!w.session().running() || w.session().paused(), 10000);
        w.session().stop();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session().running(), 10000);
        w.openCheckpoint(m_vae4);
        QTRY_VERIFY_WITH_TIMEOUT(m.hasModel() && m.model().info().latentDim() == 4, 30000);
        QVERIFY(m.interpolation().endpoint(0).empty());
    }

    // Epochs is the total: an opened 2-epoch checkpoint shows 2 (it showed 2 + its run's length);
    // Train continues it by as many epochs as its run was set to and shows that target first.
    void epochsShowTheTotalAnOpenedModelHas()
    {
        TrainingSession s;
        QVERIFY(s.openCheckpoint(m_vae2).isEmpty());
        QCOMPARE(s.config().training.epochs, 2);
        QTRY_VERIFY_WITH_TIMEOUT(!s.running(), 30000); // the opened model's evaluation
        const QString error = s.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(s.config().training.epochs, 2 + readCheckpointInfo(m_vae2.toStdString()).config.training.epochs);
        s.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!s.running(), 30000);
    }

    void pauseAndStopSayWhatHappened()
    {
        TrainingSession s;
        prepare(s, 50);
        QSignalSpy batches(&s, &TrainingSession::batchLoss);
        QVERIFY(s.start().isEmpty());
        QVERIFY(batches.wait(60000));
        s.setPaused(true);
        QVERIFY2(s.progress().text.contains(QStringLiteral("paused")), qPrintable(s.progress().text));
        // The training thread holds (a batch in flight has reported by then)...
        QTRY_VERIFY_WITH_TIMEOUT(s.controller().worker().holdingPause(), 10000);
        const int64_t steps = s.controller().worker().batchesTrained();
        QApplication::processEvents();
        const ui::RunProgress before = s.progress();
        QTest::qWait(500);
        QCOMPARE(s.controller().worker().batchesTrained(), steps);
        // ...and nothing counts down: the progress text is not driven by a clock.
        QCOMPARE(s.progress().value, before.value);
        QCOMPARE(s.progress().text, before.text);
        QSignalSpy done(&s, &TrainingSession::finished);
        s.stop();
        QVERIFY(done.wait(30000));
        QVERIFY2(s.progress().text.startsWith(QStringLiteral("stopped after epoch")), qPrintable(s.progress().text));
        QVERIFY(!s.progress().text.contains(QStringLiteral("left")));
    }

    void openingAnotherCheckpointResetsEverythingDerived()
    {
        TrainingSession s;
        QSignalSpy epochs(&s, &TrainingSession::epochFinished);
        QVERIFY(s.openCheckpoint(m_vae2).isEmpty());
        QVERIFY(epochs.wait(60000));
        QCOMPARE(s.latestModel().info().latentDim(), 2);
        QCOMPARE(int(s.history().size()), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!s.running(), 10000); // the worker reports "opened" after the views
        QSignalSpy resets(&s, &TrainingSession::modelReset);
        // The reset comes before any of the new model's epochs, and nothing of the old one survives it.
        bool resetFirst = false;
        connect(&s, &TrainingSession::modelReset, this, [&] {
            resetFirst = epochs.count() == 1 && s.epochs().empty() && s.latestModel().empty() && s.history().size() == 1;
        });
        QVERIFY(s.openCheckpoint(m_vae4).isEmpty());
        QVERIFY(epochs.wait(60000));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(resets.first().at(0).toBool(), false); // another model, not a continued one
        QVERIFY(resetFirst);
        QCOMPARE(int(s.epochs().size()), 1);
        QCOMPARE(s.latestModel().info().latentDim(), 4);
        QCOMPARE(s.config().model.latent, 4);
    }

    void openingReadsTheDescriptionWithoutTheWeights()
    {
        // Damage only the weights: the description still opens at once (header only); loading the
        // weights on the worker then fails with the file named.
        QFile in(m_vae2);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        bytes[bytes.size() - 100] = char(bytes[bytes.size() - 100] ^ 0x55);
        const QString damaged = m_dir.filePath(QStringLiteral("damaged.llck"));
        QFile out(damaged);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        TrainingSession s;
        QSignalSpy done(&s, &TrainingSession::finished);
        QVERIFY(s.openCheckpoint(damaged).isEmpty());
        QCOMPARE(s.config().model.latent, 2);
        QCOMPARE(int(s.history().size()), 2);
        QVERIFY(done.wait(30000));
        QCOMPARE(done.at(0).at(1).toBool(), true);
        QVERIFY(done.at(0).at(0).toString().contains(damaged));
        QVERIFY(!s.openCheckpoint(m_dir.filePath(QStringLiteral("missing.llck"))).isEmpty());
    }

    // --- The bugs, as a user met them in the window ---

    void anotherCheckpointLeavesNoStaleView()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ui::ExploreView* x = w.explorer();
        x->exploration().encodeTestImage(3);
        QTRY_VERIFY_WITH_TIMEOUT(!x->sourceView()->image().isNull(), 10000);
        x->exploration().interpolation().setEndpoint(0, x->exploration().point().latent());
        QVERIFY(!w.reconstructionImage().isNull());
        QTRY_VERIFY_WITH_TIMEOUT(!w.session().running(), 10000);
        QSignalSpy epochs(&w.session(), &TrainingSession::epochFinished);
        w.openCheckpoint(m_vae4);
        // Between the two models nothing of the first one is on screen.
        QVERIFY(w.reconstructionImage().isNull());
        QVERIFY(x->sourceView()->image().isNull());
        QVERIFY(!x->exploration().hasModel());
        QVERIFY(x->exploration().interpolation().endpoint(0).empty());
        QVERIFY(epochs.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(x->exploration().hasModel(), 10000);
        QCOMPARE(int(x->exploration().point().latent().size()), 4);
        QVERIFY(x->sourceView()->image().isNull());
    }

    void interpolationPlayStopsWhenTheTabIsLeftOrThePointEdited()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ui::ExploreView* x = w.explorer();
        auto* interp = x->interpolationPanel();
        ui::Exploration& m = x->exploration();
        m.interpolation().setEndpoint(0, {-1.0f, -1.0f});
        m.interpolation().setEndpoint(1, {1.0f, 1.0f});
        x->tabs()->setCurrentWidget(interp);
        QTest::mouseClick(interp->playButton(), Qt::LeftButton);
        QVERIFY(m.interpolation().playing());
        x->tabs()->setCurrentIndex(0);
        QVERIFY(!m.interpolation().playing());
        QVERIFY(!interp->playButton()->isChecked());
        x->tabs()->setCurrentWidget(interp);
        QTest::mouseClick(interp->playButton(), Qt::LeftButton);
        QVERIFY(m.interpolation().playing());
        x->latentSliders()->setValues({0.5f, -0.5f});
        emit x->latentSliders()->valueChanged(0, 0.5);
        QVERIFY(!m.interpolation().playing()); // the player's timer has stopped: nothing drives the point any more
    }

    void encodingAFileStartsFromTheDefaultCondition()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_cvae);
        ui::ExploreView* x = w.explorer();
        const std::vector<float> initial = x->exploration().point().condition();
        QCOMPARE(initial.size(), size_t(10));
        std::vector<float> moved(10, 0.0f);
        moved[7] = 1.5f;
        x->exploration().point().setCondition(moved);
        QCOMPARE(x->exploration().point().condition(), moved);
        const QString png = m_dir.filePath(QStringLiteral("digit.png"));
        QImage digit(28, 28, QImage::Format_Grayscale8);
        digit.fill(0);
        for (int i = 6; i < 22; ++i)
            digit.setPixel(14, i, 0xffffffff);
        QVERIFY(digit.save(png));
        QVERIFY(x->exploration().encodeImageFile(png));
        // The encoded image is shown in the default context, not with the sliders' leftovers.
        QTRY_COMPARE_WITH_TIMEOUT(x->exploration().point().condition(), initial, 10000);
    }

    void clickingTheScatterSetsTheWholePoint()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae4);
        ui::ExploreView* x = w.explorer();
        QTRY_VERIFY_WITH_TIMEOUT(x->scatter()->hasProjection(), 10000);
        x->exploration().point().setLatent({3.0f, -3.0f, 3.0f, -3.0f});
        emit x->scatter()->pointPicked(QPointF(0.25, -0.5));
        // The point is the clicked place in the scatter's plane and the mean in every other
        // direction: nothing stale is left from before the click.
        const Projection2D& p = x->scatter()->projection();
        std::vector<float> expected(4);
        for (size_t k = 0; k < 4; ++k)
            expected[k] = p.mean[k] + 0.25f * p.axis1[k] - 0.5f * p.axis2[k];
        const auto z = x->exploration().point().latent();
        for (size_t k = 0; k < 4; ++k)
            QVERIFY2(std::abs(z[k] - expected[k]) < 1e-4f, qPrintable(QStringLiteral("dim %1: %2 vs %3").arg(k).arg(z[k]).arg(expected[k])));
    }

    void stepInTheWindowContinuesAFinishedRun()
    {
        ui::LaunchOptions o;
        o.dataset = m_digits;
        o.preset = QStringLiteral("mlp-vae");
        o.epochs = 1;
        MainWindow w(o);
        w.show();
        QSignalSpy done(&w.session(), &TrainingSession::finished);
        w.startTraining();
        QVERIFY(done.wait(60000));
        QSignalSpy epochs(&w.session(), &TrainingSession::epochFinished);
        w.stepOneEpoch();
        QVERIFY(epochs.wait(60000));
        QCOMPARE(w.lossHistory().size(), size_t(2));
        QCOMPARE(w.lossHistory().back().epoch, 2);
        QTRY_VERIFY_WITH_TIMEOUT(!w.session().running(), 10000);
    }
};

QTEST_MAIN(TestTrainingSession)
#include "test_training_session.moc"
