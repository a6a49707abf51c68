// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main_window.h"

#include "core/error.h"
#include "core/models/model.h"
#include "core/models/presets.h"
#include "ui/explore/explore_view.h"
#include "ui/lesson_panel.h"
#include "ui/accessible_names.h"
#include "ui/export_actions.h"
#include "ui/train/setup_panel.h"
#include "ui/train/train_views.h"
#include "ui/widgets/scatter_3d.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>

#include <algorithm>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <cstdio>

namespace latentlab::ui {

MainWindow::MainWindow(const LaunchOptions& options, QWidget* parent) : QMainWindow(parent), m_options(options)
{
    setWindowTitle(tr("LatentLab"));
    // The GUI thread's tensor work is small (a page of the dataset browser, an export): one torch
    // thread. Left at the default it starts its own OpenMP team beside training's, and on a 2-core
    // machine libgomp then throttles every team's spinning: training took 1.7x the CLI's time.
    setComputeThreadsForThisThread(1);
    buildTabs();
    m_exports = new ExportActions(m_document, *m_explore, this);
    connect(m_exports, &ExportActions::exported, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 10000); });
    connect(m_exports, &ExportActions::cancelled, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Export cancelled: %1 was not written").arg(QDir::toNativeSeparators(path)), 10000);
    });
    buildMenus();
    buildStatusBar();
    setAcceptDrops(true);
    connectSession();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    nameControlsForAccessibility(this);
    // Another model's sliders (and their panels) are made anew: named once they are there.
    connect(&m_document.exploration(), &Exploration::modelChanged, this, [this](bool reshaped) {
        if (reshaped)
            QTimer::singleShot(0, this, [this] { nameControlsForAccessibility(this); });
    });
    applyLaunchOptions();
}

void MainWindow::buildTabs()
{
    auto* trainTab = new QWidget;
    auto* layout = new QHBoxLayout(trainTab);
    m_setup = new SetupPanel(m_document.session());
    m_views = new TrainViews(m_document);
    // The open lesson reads in full under the setup controls, where the column has room.
    m_lessonPanel = new LessonPanel;
    m_lessonPanel->setMaximumWidth(m_setup->maximumWidth());
    m_lessonPanel->hide();
    // A widget of its own, not a nested layout: a QHBoxLayout does not pass its width down to the
    // wrapped labels inside a sub-layout, and the setup rows were squeezed under a long lesson.
    auto* leftColumn = new QWidget;
    auto* left = new QVBoxLayout(leftColumn);
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(m_setup);
    left->addWidget(m_lessonPanel);
    left->addStretch(1); // the lesson's text stays together under the controls
    layout->addWidget(leftColumn);
    layout->addWidget(m_views, 1);
    m_explore = new ExploreView(m_document.exploration());
    m_mainTabs = new QTabWidget;
    m_mainTabs->setDocumentMode(true);
    m_mainTabs->addTab(trainTab, tr("Train"));
    m_mainTabs->addTab(m_explore, tr("Explore"));
    m_mainTabs->setTabToolTip(1, tr("Play with the latent space of the model being trained (updated each epoch) or of an opened checkpoint"));
    setCentralWidget(m_mainTabs);
    connect(m_lessonPanel, &LessonPanel::nextRequested, this, [this](const QString& path) {
        if (const QString e = openSession(path); !e.isEmpty())
            reportError(tr("Open lesson"), e);
    });
    connect(m_setup, &SetupPanel::startFailed, this, [this](const QString& e) { reportError(tr("Cannot train"), e); });
}

void MainWindow::connectSession()
{
    connect(&m_document, &Document::captionsChanged, this, &MainWindow::updateCaptions);
    connect(&m_document, &Document::lessonChanged, this, [this] {
        showLesson();
        updateCaptions(); // the presentation captions: the lesson's, or the generic ones
    });
    connect(&m_document, &Document::titleChanged, this, [this] { setWindowTitle(m_document.windowTitle()); });
    connect(&m_document, &Document::viewChanged, this, [this](Document::View v) { m_mainTabs->setCurrentIndex(int(v)); });
    connect(m_mainTabs, &QTabWidget::currentChanged, this,
            [this](int index) { m_document.setView(index == 1 ? Document::View::Explore : Document::View::Train); });
    connect(&m_document, &Document::startRequested, this, &MainWindow::startTraining);
    connect(&m_document.session(), &TrainingSession::epochFinished, this, &MainWindow::onEpoch);
    connect(&m_document.session(), &TrainingSession::finished, this, &MainWindow::onFinished);
    connect(&m_document.session(), &TrainingSession::followEnded, this, [this](const QString& message, bool failed) {
        statusBar()->showMessage(message); // stays until the next message: the run is over
        finishScripted(failed);
    });
    connect(&m_document.session(), &TrainingSession::followProblem, this, [this](const QString& message) {
        if (m_options.quitWhenDone) // a script waiting for the run's end would wait forever: exit 2
            reportError(tr("Follow"), message);
        else
            statusBar()->showMessage(message);
    });
}

MainWindow::~MainWindow()
{
    if (m_document.presentation()) // the application's font is shared: the next window starts from the normal one
        QApplication::setFont(m_normal.appFont);
    m_document.session().shutdown();
    // The views go before the models they render (members die before the QWidget children).
    delete takeCentralWidget();
}

void MainWindow::buildStatusBar()
{
    m_deviceLabel = new QLabel(tr("idle"));
    m_epochLabel = new QLabel;
    m_speedLabel = new QLabel;
    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(QStringLiteral("statusText"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_epochLabel);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_deviceLabel);
    // QStatusBar hides the label under a temporary message but leaves it implicitly hidden, and its
    // next relayout (any setText) shows it again on top of the message. Hide it explicitly instead.
    connect(statusBar(), &QStatusBar::messageChanged, m_statusLabel,
            [this](const QString& message) { m_statusLabel->setVisible(message.isEmpty()); });
    connect(&m_document.session(), &TrainingSession::statusChanged, m_statusLabel, &QLabel::setText);
    connect(&m_document.session(), &TrainingSession::stateChanged, this, [this] {
        m_deviceLabel->setText(m_document.session().running() ? m_document.session().deviceText() : tr("idle"));
    });
    connect(&m_document.session(), &TrainingSession::progressChanged, this, [this] {
        const double ips = m_document.session().progress().imagesPerSecond;
        m_speedLabel->setText(ips > 0 && m_document.session().running() && !m_document.session().paused() ? tr("%1 images/s").arg(int(ips))
                                                                                   : QString());
    });
    connect(&m_document.session(), &TrainingSession::modelReset, m_epochLabel, &QLabel::clear);
    // A run or a model on screen: the welcome ("Press Train…") and older messages no longer apply.
    connect(&m_document.session(), &TrainingSession::modelReset, statusBar(), &QStatusBar::clearMessage);
}

void MainWindow::applyLaunchOptions()
{
    const LaunchOptions& o = m_options;
    if (o.preset.isEmpty() && o.dataset.isEmpty() && o.open.isEmpty() && o.session.isEmpty() && o.follow.isEmpty() && !o.autostart)
        statusBar()->showMessage(tr("Press Train (Space) to train a VAE on MNIST digits, or open a lesson from the "
                                    "Lessons menu."));
    if (!o.preset.isEmpty())
        m_document.session().choosePreset(o.preset);
    if (!o.dataset.isEmpty())
        m_document.session().setDataset(o.dataset);
    if (o.epochs > 0)
        m_document.session().setParam("epochs", o.epochs);
    if (o.liveRefresh >= 0)
        m_views->liveRefresh()->setValue(o.liveRefresh); // the window's setting shows it too
    if (o.explore)
        showTab(1);
    if (!o.open.isEmpty())
        QTimer::singleShot(0, this, [this] { openCheckpoint(m_options.open); });
    if (!o.follow.isEmpty())
        QTimer::singleShot(0, this, [this] {
            if (const QString e = followRun(m_options.follow); !e.isEmpty())
                reportError(tr("Follow run"), e);
        });
    if (!o.session.isEmpty())
        QTimer::singleShot(0, this, [this] {
            if (const QString e = openSession(m_options.session); !e.isEmpty())
                reportError(tr("Open session"), e);
        });
    if (o.autostart)
        QTimer::singleShot(0, this, &MainWindow::startTraining);
    if (o.quitAfterShow)
        QTimer::singleShot(0, this, [this] {
            const bool saved = m_options.screenshot.isEmpty() || Scatter3D::windowImage(this).save(m_options.screenshot); // render once, then leave
            QCoreApplication::exit(m_exitCode ? m_exitCode : saved ? 0 : 1);
        });
}

bool MainWindow::scripted() const
{
    return m_options.quitWhenDone || m_options.quitAfterShow || !m_options.screenshot.isEmpty();
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    qWarning("%s", qPrintable(message));
    if (!scripted()) {
        QMessageBox::warning(this, title, message);
        return;
    }
    // Nobody can answer a dialog. Queued: an error found while the window is being built comes
    // before the event loop runs, and exit() outside a running loop does nothing.
    m_exitCode = 2;
    QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(2); });
}

void MainWindow::startTraining()
{
    if (const QString e = m_document.session().start(); !e.isEmpty())
        reportError(tr("Cannot train"), e);
}

void MainWindow::stepOneEpoch()
{
    if (const QString e = m_document.session().step(); !e.isEmpty())
        reportError(tr("Cannot train"), e);
}

void MainWindow::openCheckpoint(const QString& path)
{
    if (const QString e = m_document.openCheckpoint(path); !e.isEmpty()) {
        reportError(tr("Open checkpoint"), e);
        return;
    }
    addRecent(path);
}

void MainWindow::showTab(int index) { m_document.setView(index == 1 ? Document::View::Explore : Document::View::Train); }

void MainWindow::encodeImageFile(const QString& path)
{
    showTab(1);
    m_document.exploration().encodeImageFile(path);
}

bool MainWindow::canTrain() const { return m_setup->trainEnabled(); }
QString MainWindow::problemText() const { return m_setup->problemText(); }

void MainWindow::onEpoch(const EpochSnapshot& v)
{
    const EpochStats& s = v.stats;
    // One line per epoch on stdout, as the CLI prints, for scripted runs and benchmarks.
    std::printf("epoch %3d  train %.4f  test %.4f  %.2f s\n", s.epoch, s.trainLoss, s.testLoss, s.seconds);
    std::fflush(stdout);
    m_epochLabel->setText(tr("epoch %1").arg(s.epoch));
}

void MainWindow::onFinished(const QString& message, bool failed)
{
    if (failed && !scripted())
        QMessageBox::warning(this, tr("Training stopped"), message);
    if (failed)
        qWarning("%s", qPrintable(message));
    const bool scriptedExplore = m_document.view() == Document::View::Explore && (!m_options.screenshot.isEmpty() || m_options.quitWhenDone);
    const ScatterLayout& layout = m_document.exploration().scatter();
    if (scriptedExplore && layout.mapped() && layout.mapStep() < layout.mapSteps()) {
        // A screenshot of a map shows it converged, not a frame on the way.
        auto* wait = new QObject(this);
        connect(&layout, &ScatterLayout::mapProgressed, wait, [this, wait, failed, &layout](int step) {
            if (step < layout.mapSteps())
                return;
            wait->deleteLater();
            QTimer::singleShot(1500, this, [this, failed] { finishScripted(failed); });
        });
    } else if (scriptedExplore) {
        QTimer::singleShot(1500, this, [this, failed] { finishScripted(failed); }); // let the decodes land
    } else {
        finishScripted(failed);
    }
}

void MainWindow::finishScripted(bool failed)
{
    if (!m_options.screenshot.isEmpty()) {
        QApplication::processEvents();
        m_views->replotAll();
        Scatter3D::windowImage(this).save(m_options.screenshot);
    }
    if (m_options.quitWhenDone)
        QTimer::singleShot(0, this, [this, failed] { QCoreApplication::exit(m_exitCode ? m_exitCode : failed ? 1 : 0); });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_document.session().running()) {
        const auto answer = m_options.quitWhenDone
                                ? QMessageBox::Yes
                                : QMessageBox::question(this, tr("Quit"),
                                                        tr("Training is running. Stop it and quit? Finished epochs are "
                                                           "saved in %1.")
                                                            .arg(m_document.session().runFolder()));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_document.session().shutdown(2000);
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

} // namespace latentlab::ui
