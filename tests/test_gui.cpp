// SPDX-License-Identifier: GPL-3.0-or-later
// The training window on the offscreen platform: a full run delivers a snapshot per epoch,
// pause/resume/stop work, a corrupt dataset reports an error and leaves the window usable,
// and closing mid-epoch stops the worker quickly.
#include "test_support.h"
#include "core/pixels/pixel_datasets.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/models/exploration.h"
#include "ui/explore/explore_view.h"
#include "ui/main_window.h"
#include "ui/models/scatter_layout.h"
#include "ui/widgets/scatter_axes.h"
#include "ui/train/setup_panel.h"
#include "ui/widgets/slider_panel.h"
#include "ui/train/train_views.h"
#include "ui/models/training_session.h"
#include "ui/models/training_worker.h"

#include <QAction>
#include <QAccessible>
#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QPushButton>
#include <QSlider>
#include <QLineEdit>
#include <QTabBar>
#include <qcustomplot.h>
#include <QApplication>
#include <QMenuBar>
#include <QElapsedTimer>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;
using latentlab::ui::LaunchOptions;
using latentlab::ui::MainWindow;

class TestGui : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_spec;

    LaunchOptions options(int epochs)
    {
        LaunchOptions o;
        o.dataset = m_spec;
        o.preset = QStringLiteral("mlp-vae");
        o.epochs = epochs;
        o.autostart = true;
        o.quitWhenDone = false;
        o.screenshot.clear();
        return o;
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("xdg")).toUtf8());
        writeMnistFolder(m_dir.path(), 1200, 200);
        m_spec = QStringLiteral("mnist:") + m_dir.path();
    }

    void trainsAndShowsEveryEpoch()
    {
        MainWindow w(options(3));
        w.show();
        QSignalSpy epochs(&w.session(), &ui::TrainingSession::epochFinished);
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        QVERIFY(done.wait(60000));
        QCOMPARE(epochs.count(), 3);
        QCOMPARE(w.snapshotCount(), 3);
        QVERIFY(!w.session().epochs().back().hasMetrics); // digits have no ground-truth factors
        const auto snap = epochs.last().at(0).value<EpochSnapshot>();
        QCOMPARE(snap.latents.count(), int64_t(200));
        QVERIFY(!snap.reconstructions.empty());
        QVERIFY(!w.controller().running());
        // One projection per epoch, shared: the Train tab's scatter shows the Explore tab's plane.
        const ui::ScatterLayout& shared = w.explorer()->exploration().scatter();
        QCOMPARE(shared.projectionCount(), quint64(3));
        QCOMPARE(w.findChild<ui::TrainViews*>()->scatter()->projection().axis1, shared.projection().axis1);
        QCOMPARE(w.findChild<ui::TrainViews*>()->scatter()->projection().points, shared.projection().points);
        // Axes chosen on the Train tab are the Explore tab's too, projected once more.
        w.findChild<ui::ScatterAxes*>()->setDimensions(2, 1);
        QCOMPARE(shared.dimensions(), std::make_pair(2, 1));
        QCOMPARE(shared.projectionCount(), quint64(4));
        QCOMPARE(w.findChild<ui::TrainViews*>()->scatter()->projection().axis1, shared.projection().axis1);
    }

    void pausesResumesAndStops()
    {
        MainWindow w(options(1000));
        w.show();
        QSignalSpy batches(&w.session(), &ui::TrainingSession::batchLoss);
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        QVERIFY(batches.wait(30000));
        w.togglePause();
        QVERIFY(w.controller().paused());
        // The training thread itself holds (not merely the window's flag), and takes no step while
        // it does: counted in optimizer steps, not in the throttled progress signals.
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().worker().holdingPause(), 10000);
        const int64_t atPause = w.controller().worker().batchesTrained();
        QVERIFY(atPause > 0);
        QTest::qWait(400);
        QCOMPARE(w.controller().worker().batchesTrained(), atPause);
        w.togglePause();
        QVERIFY(!w.controller().paused());
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().worker().batchesTrained() > atPause, 30000);
        QVERIFY(!w.controller().worker().holdingPause());
        w.stopTraining();
        QVERIFY(done.wait(30000));
        QVERIFY(done.last().at(0).toString().startsWith(QStringLiteral("Stopped")));
    }

    void reportsACorruptDataset()
    {
        QTemporaryDir bad;
        writeMnistFolder(bad.path(), 100, 20);
        QFile f(bad.filePath(QStringLiteral("train-images-idx3-ubyte")));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.resize(1000);
        f.close();
        LaunchOptions o = options(2);
        o.dataset = QStringLiteral("mnist:") + bad.path();
        o.screenshot = m_dir.filePath(QStringLiteral("error.png")); // suppresses the modal box
        MainWindow w(o);
        w.show();
        QSignalSpy failed(&w.session(), &ui::TrainingSession::finished);
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.last().at(1).toBool()); // failed, not finished
        QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("truncated")), qPrintable(failed.last().at(0).toString()));
        QVERIFY(!w.controller().running()); // usable again: Train can start another run
    }

    void checkpointsTravelBetweenCliAndGui()
    {
        const QByteArray cli = qgetenv("LATENTLAB_CLI");
        if (cli.isEmpty())
            QSKIP("LATENTLAB_CLI is not set (CTest sets it)");
        // CLI -> GUI: the GUI opens a CLI checkpoint, shows its views and history, and continues it.
        const QString run = m_dir.filePath(QStringLiteral("cli-run"));
        QCOMPARE(QProcess::execute(QString::fromLocal8Bit(cli),
                                   {QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"),
                                    QStringLiteral("--dataset"), m_spec, QStringLiteral("--epochs"), QStringLiteral("1"),
                                    QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"), run}),
                 0);
        LaunchOptions o = options(2);
        o.autostart = false;
        MainWindow w(o);
        w.show();
        QSignalSpy epochs(&w.session(), &ui::TrainingSession::epochFinished);
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        w.openCheckpoint(run + QStringLiteral("/checkpoint"));
        QVERIFY(done.wait(30000));
        QCOMPARE(w.session().history().size(), size_t(1)); // the checkpoint's history came with it
        QCOMPARE(epochs.count(), 1);
        w.startTraining();                     // continues to epoch 2
        QVERIFY(done.wait(60000));
        QCOMPARE(epochs.count(), 2);
        QCOMPARE(epochs.last().at(0).value<EpochSnapshot>().stats.epoch, 2);
        // GUI -> CLI: the GUI's autosaved checkpoint samples in the CLI.
        const QString guiCheckpoint = w.runFolder() + QStringLiteral("/checkpoint");
        QVERIFY(QFile::exists(guiCheckpoint));
        QCOMPARE(QProcess::execute(QString::fromLocal8Bit(cli),
                                   {QStringLiteral("sample"), QStringLiteral("--checkpoint"), guiCheckpoint,
                                    QStringLiteral("--out"), m_dir.filePath(QStringLiteral("gui-samples.png"))}),
                 0);
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("gui-samples.png"))));
    }

    void rejectsABadCheckpointAndStaysUsable()
    {
        QFile junk(m_dir.filePath(QStringLiteral("junk.llck")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a checkpoint");
        junk.close();
        LaunchOptions o = options(1);
        o.autostart = false;
        MainWindow w(o);
        // The error box is modal: close it as soon as it appears.
        QTimer::singleShot(200, [] {
            if (QWidget* box = QApplication::activeModalWidget())
                box->close();
        });
        w.openCheckpoint(junk.fileName());
        QVERIFY(!w.controller().running());
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        w.startTraining();
        QVERIFY(done.wait(30000));
    }

    void colourByAttributeOnFaces()
    {
        LaunchOptions o = options(1);
        o.dataset = QStringLiteral("synthfaces:200");
        o.preset = QStringLiteral("mlp-vae");
        MainWindow w(o);
        w.show();
        QSignalSpy epochs(&w.session(), &ui::TrainingSession::epochFinished);
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        QVERIFY(done.wait(60000));
        const auto snap = epochs.last().at(0).value<EpochSnapshot>();
        QCOMPARE(snap.latents.attributeNames.size(), size_t(9));
        QCOMPARE(snap.latents.attributes.size(), size_t(snap.latents.count() * 9));
        auto* colourBy = w.findChild<QComboBox*>();
        QVERIFY(colourBy);
        const auto boxes = w.findChildren<QComboBox*>();
        bool offered = false;
        for (QComboBox* b : boxes)
            offered = offered || b->findText(QStringLiteral("Smiling")) >= 0;
        QVERIFY(offered);
    }

    void scatterShowsChosenDimensions()
    {
        ui::LatentScatter scatter;
        LatentCodes codes;
        codes.dim = 3;
        codes.values = {1, 2, 3, 4, 5, 6};
        codes.labels = {0, 1};
        scatter.setDimensions(2, 0);
        scatter.setCodes(codes, {"a", "b"});
        QCOMPARE(scatter.graphCount(), 2);
        QCOMPARE(scatter.graph(0)->data()->at(0)->key, 3.0);
        QCOMPARE(scatter.graph(0)->data()->at(0)->value, 1.0);
        QCOMPARE(scatter.graph(1)->data()->at(0)->key, 6.0);
        QCOMPARE(scatter.xAxis->label(), QStringLiteral("z 3"));
    }

    // The first launch is the README's main job with a hint, not conv-ae with an empty legend box.
    // Help: the shortcuts come from the window's own actions (each once), About names the version
    // and the license, and Esc leaves presentation mode.
    void helpListsShortcutsAndEscLeavesPresentation()
    {
        MainWindow w;
        w.show();
        QStringList menus;
        for (QAction* a : w.menuBar()->actions())
            menus << a->text().remove(QLatin1Char('&'));
        QVERIFY2(menus.contains(QStringLiteral("Help")), qPrintable(menus.join(QLatin1Char(' '))));
        const auto shortcuts = w.shortcutList();
        QStringList keys;
        for (const auto& [k, what] : shortcuts)
            keys << k + QLatin1Char('=') + what;
        QVERIFY2(keys.contains(QStringLiteral("Ctrl+Z=Undo")), qPrintable(keys.join(QLatin1Char(' '))));
        QVERIFY2(keys.filter(QStringLiteral("Ctrl+Shift+Z")).size() == 1, qPrintable(keys.join(QLatin1Char(' '))));
        QVERIFY(keys.contains(QStringLiteral("Esc=Leave presentation mode")));
        QVERIFY(w.aboutText().contains(QCoreApplication::applicationVersion()));
        QVERIFY(w.aboutText().contains(QStringLiteral("GPL-3.0-or-later")));
        w.setPresentation(true);
        QVERIFY(w.presentation());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(!w.presentation());
    }

    // A screen reader names every control: each button, slider, box, field, tab bar and plot shown on
    // either tab (the Explore panels' too) has an accessible name (a model's latent sliders: test_explorer).
    void everyControlHasAnAccessibleName()
    {
        MainWindow w;
        w.show();
        QStringList unnamed;
        for (int tab : {0, 1}) {
            w.showTab(tab);
            QApplication::processEvents();
            for (QWidget* c : w.findChildren<QWidget*>()) {
                const bool control = qobject_cast<QAbstractButton*>(c) || qobject_cast<QAbstractSlider*>(c) ||
                                     qobject_cast<QComboBox*>(c) || qobject_cast<QAbstractSpinBox*>(c) ||
                                     qobject_cast<QLineEdit*>(c) || qobject_cast<QTabBar*>(c) || qobject_cast<QCustomPlot*>(c);
                if (!control || !c->isVisibleTo(&w) || (qobject_cast<QLineEdit*>(c) && qobject_cast<QAbstractSpinBox*>(c->parentWidget())))
                    continue; // a spin box's own line edit is named by the box
                if (qobject_cast<QLineEdit*>(c) && qobject_cast<QComboBox*>(c->parentWidget()))
                    continue; // likewise an editable combo box's
                QAccessibleInterface* a = QAccessible::queryAccessibleInterface(c);
                if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
                    unnamed << QStringLiteral("%1 (%2) in %3").arg(QString::fromLatin1(c->metaObject()->className()), c->toolTip().left(40), QString::fromLatin1(c->parentWidget() ? c->parentWidget()->metaObject()->className() : "-"));
            }
        }
        unnamed.removeDuplicates();

        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("; "))));
    }

    // Keyboard alone: Tab walks the setup panel (data, model, every parameter, device, Train), typing
    // sets a parameter, Space on Train trains; Ctrl+2 opens Explore, where Tab reaches the latent
    // sliders and the arrow keys move the point.
    void keyboardAloneTrainsAndMovesTheSliders()
    {
        LaunchOptions o = options(1);
        o.autostart = false;
        MainWindow w(o);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* setup = w.findChild<ui::SetupPanel*>();
        QAbstractSpinBox* epochs = setup->paramBox("epochs");
        QVERIFY(epochs);
        // From the first control of the panel, Tab reaches every one of them in order of the form.
        QWidget* first = nullptr;
        for (QWidget* c : setup->findChildren<QWidget*>())
            if (c->isVisibleTo(&w) && (c->focusPolicy() & Qt::TabFocus) && !first)
                first = c;
        QVERIFY(first);
        first->setFocus(Qt::TabFocusReason);
        QSet<QWidget*> reached;
        for (int i = 0; i < 60; ++i) {
            reached.insert(QApplication::focusWidget());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        QStringList unreachable;
        for (QWidget* c : setup->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractButton*>(c) || qobject_cast<QComboBox*>(c) || qobject_cast<QAbstractSpinBox*>(c);
            if (control && c->isVisibleTo(&w) && c->isEnabled() && !reached.contains(c))
                unreachable << QString::fromLatin1(c->metaObject()->className()) + QLatin1Char(' ') + c->accessibleName();
        }
        QVERIFY2(unreachable.isEmpty(), qPrintable(QStringLiteral("Tab never reaches: ") + unreachable.join(QStringLiteral(", "))));
        // Type an epoch count, then press Train with the space bar.
        epochs->setFocus(Qt::TabFocusReason);
        QTest::keyClick(epochs, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(epochs, QStringLiteral("2"));
        QTest::keyClick(epochs, Qt::Key_Tab);
        QCOMPARE(w.session().config().training.epochs, 2);
        auto* train = const_cast<QPushButton*>(setup->trainButton());
        train->setFocus(Qt::TabFocusReason);
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        QTest::keyClick(train, Qt::Key_Space);
        QVERIFY(done.wait(60000));
        QCOMPARE(w.session().epochs().size(), size_t(2));
        // Explore by keyboard.
        QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
        QTRY_VERIFY(w.explorer()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(w.explorer()->exploration().hasModel(), 20000);
        QSlider* slider = w.explorer()->latentSliders()->slider(0);
        QVERIFY(slider->focusPolicy() & Qt::TabFocus);
        bool inChain = false;
        for (QWidget* c = w.nextInFocusChain(); c != &w && !inChain; c = c->nextInFocusChain())
            inChain = c == slider;
        QVERIFY2(inChain, "the latent slider is not in the window's Tab order");
        slider->setFocus(Qt::TabFocusReason);
        const std::vector<float> before = w.explorer()->exploration().state().point;
        const int value = slider->value();
        QTest::keyClick(slider, Qt::Key_PageUp);
        QTest::keyClick(slider, Qt::Key_Right);
        QCOMPARE(slider->value(), value + slider->pageStep() + slider->singleStep());
        QTRY_VERIFY(w.explorer()->exploration().state().point != before);
    }

    void firstLaunchOffersTheMainJob()
    {
        MainWindow w;
        w.show();
        QCOMPARE(w.session().config().name, std::string("mlp-vae"));
        QCOMPARE(w.session().config().dataset, std::string("mnist"));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Press Train")), qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(!w.findChild<ui::LatentScatter*>()->legend->visible());
    }

    void explainsInvalidCombinationsBeforeTraining()
    {
        LaunchOptions o = options(1);
        o.autostart = false;
        o.preset = QStringLiteral("conv-ae");
        o.dataset = QStringLiteral("synthfaces");
        MainWindow w(o);
        QVERIFY(!w.canTrain());
        QVERIFY2(w.problemText().contains(QStringLiteral("28x28")), qPrintable(w.problemText()));
        o.dataset = m_spec;
        MainWindow ok(o);
        QVERIFY(ok.canTrain());
        QVERIFY(ok.problemText().isEmpty());
    }

    void viewsRefreshBeforeTheFirstEpochEnds()
    {
        // Faces on one thread: an epoch of well over 6 s. The reconstructions, the scatter and the
        // KL bars must change within it, from the weights of the moment.
        MainWindow w;
        w.show();
        ui::TrainingSession& s = w.session();
        QVERIFY(s.choosePreset(QStringLiteral("conv-vae-faces")));
        s.setDataset(QStringLiteral("synthfaces:3000,seed=5"));
        QCOMPARE(s.setParam("batch", 16), QString());
        QCOMPARE(s.setParam("threads", 1), QString());
        QCOMPARE(s.setParam("epochs", 1), QString());
        auto* views = w.findChild<ui::TrainViews*>();
        QVERIFY(views);
        views->liveRefresh()->setValue(1.0); // the setting in the window reaches the session
        QCOMPARE(s.liveRefreshSeconds(), 1.0);
        QSignalSpy live(&s, &ui::TrainingSession::liveViews);
        QSignalSpy epochs(&s, &ui::TrainingSession::epochFinished);
        QCOMPARE(s.start(), QString());
        QVERIFY(live.wait(60000));
        QVERIFY(epochs.isEmpty());
        QCOMPARE(views->liveShown(), 1);
        const auto v = live.first().at(0).value<EpochSnapshot>();
        QCOMPARE(v.stats.epoch, 1);
        QVERIFY(v.latents.count() > 0 && v.latents.count() <= ui::TrainingSession::liveSubset());
        QCOMPARE(v.latents.labels.size(), size_t(v.latents.count()));
        QCOMPARE(int(v.stats.klPerDim.size()), s.config().model.latent);
        QVERIFY(!v.reconstructions.empty());
        QCOMPARE(views->scatter()->graphCount() > 0, true);
        // A second refresh a second later, still within the first epoch (about 10 s alone here;
        // longer, never shorter, on a busier machine), then stop: the epoch need not end.
        QVERIFY(live.wait(60000));
        QVERIFY(epochs.isEmpty());
        QCOMPARE(views->liveShown(), 2);
        s.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!s.running(), 30000);
    }

    void disentanglementIsPlottedPerEpochWhenTheDataHasFactors()
    {
        LaunchOptions o = options(2);
        o.dataset = QStringLiteral("dsprites:1200");
        o.preset = QStringLiteral("mlp-beta-vae");
        MainWindow w(o);
        w.show();
        auto* views = w.findChild<ui::TrainViews*>();
        QVERIFY(views && !views->metricsPlot()->isVisibleTo(&w));
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        QVERIFY(done.wait(120000));
        const auto& epochs = w.session().epochs();
        QCOMPARE(int(epochs.size()), 2);
        QVERIFY(epochs.back().hasMetrics);
        QCOMPARE(epochs.back().metrics.migPerFactor.size(), size_t(5)); // dSprites' five factors
        QVERIFY(views->metricsPlot()->isVisibleTo(&w));
        QCOMPARE(views->metricsPlot()->graphCount(), 3);
        for (int g = 0; g < 3; ++g) {
            QCOMPARE(views->metricsPlot()->graph(g)->dataCount(), 2);
            const double v = views->metricsPlot()->graph(g)->data()->at(1)->value;
            QVERIFY(v >= 0 && v <= 1);
        }
        // Presentation: only a lesson about the metrics shows them, and there in the scatter's place.
        views->setCaptions(true, {});
        QVERIFY(!views->metricsPlot()->isVisibleTo(&w) && views->scatter()->isVisibleTo(&w));
        views->setCaptions(true, {{"metrics", "Scored against the true factors"}});
        QVERIFY(views->metricsPlot()->isVisibleTo(&w) && !views->scatter()->isVisibleTo(&w));
        views->setCaptions(false, {});
        QVERIFY(views->metricsPlot()->isVisibleTo(&w) && views->scatter()->isVisibleTo(&w));
        // Data without factors: no plot.
        w.session().closeModel();
        QVERIFY(!views->metricsPlot()->isVisibleTo(&w));
    }

    void closingMidEpochStopsQuickly()
    {
        auto* w = new MainWindow(options(1000));
        w->show();
        QSignalSpy batches(&w->session(), &ui::TrainingSession::batchLoss);
        QVERIFY(batches.wait(30000));
        QElapsedTimer t;
        t.start();
        QVERIFY(w->controller().shutdown(2000));
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        delete w;
    }
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // QSettings and run folders stay out of the user's home
    latentlab::registerPixelDatasets();
    QApplication app(argc, argv);
    TestGui t;
    return QTest::qExec(&t, argc, argv);
}
#include "test_gui.moc"
