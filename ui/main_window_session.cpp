// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's lesson side: session files (save / open / restore), the bundled lessons, and
// presentation mode (large fonts, captions, advanced controls hidden, Step).
#include "ui/main_window.h"
#include "ui/models/translations.h"

#include "core/error.h"
#include "core/models/run_params.h"
#include "ui/explore/explore_view.h"
#include "ui/lesson_panel.h"
#include "ui/widgets/plot_style.h"
#include "ui/models/resource_paths.h"
#include "ui/train/setup_panel.h"
#include "ui/train/train_views.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace latentlab::ui {

namespace {

// A session or lesson file with its texts in the window's language where it has them.
SessionFile readLessonText(const QString& path)
{
    return localizedSession(readSession(path.toStdString()), currentLanguage().toStdString());
}

} // namespace


void MainWindow::buildSessionMenus(QMenu* file, QMenu* view)
{
    QAction* before = file->actions().value(3); // after Open, Open recent, Save checkpoint
    QAction* open = new QAction(tr("Open &session or lesson…"), this);
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), resourceDir() + QStringLiteral("/lessons"),
                                                          tr("LatentLab sessions (*.json)"));
        if (path.isEmpty())
            return;
        if (const QString e = openSession(path); !e.isEmpty())
            QMessageBox::warning(this, tr("Open session"), e);
    });
    QAction* save = new QAction(tr("Save s&ession as…"), this);
    connect(save, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), QStringLiteral("session.latentlab.json"),
                                                          tr("LatentLab sessions (*.latentlab.json *.json)"));
        if (path.isEmpty())
            return;
        if (const QString e = saveSession(path); !e.isEmpty())
            QMessageBox::warning(this, tr("Save session"), e);
    });
    file->insertActions(before, {open, save});

    QMenu* lessons = menuBar()->addMenu(tr("&Lessons"));
    const QStringList files = lessonFiles();
    for (const QString& path : files) {
        QString title = QFileInfo(path).completeBaseName();
        QString tip;
        try {
            const SessionFile s = readLessonText(path);
            title = QString::fromStdString(s.title.empty() ? title.toStdString() : s.title);
            tip = QString::fromStdString(s.description);
        } catch (const std::exception& e) {
            tip = QString::fromStdString(e.what());
        }
        QAction* a = lessons->addAction(title, this, [this, path] {
            if (const QString e = openSession(path); !e.isEmpty())
                QMessageBox::warning(this, tr("Open lesson"), e);
        });
        a->setToolTip(tip);
        a->setStatusTip(tip);
    }
    if (files.isEmpty())
        lessons->addAction(tr("(no lessons found: is share/latentlab beside the program?)"))->setEnabled(false);
    lessons->setToolTipsVisible(true);

    view->addSeparator();
    m_presentationAction = view->addAction(tr("&Presentation mode"));
    m_presentationAction->setCheckable(true);
    m_presentationAction->setShortcut(Qt::Key_F11);
    connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentation);

    connect(&m_exploration.recorder(), &Recorder::finished, this, [this] {
        statusBar()->showMessage(tr("Recorded %1 frames: File ▸ Export ▸ Recorded morph saves them as a video or GIF")
                                     .arg(m_exploration.recorder().frames().size()),
                                 10000);
    });
}

SessionFile MainWindow::currentSession() const
{
    SessionFile s;
    s.title = m_sessionTitle.toStdString();
    s.config = m_session.config();
    s.view = m_mainTabs->currentIndex() == 1 ? "explore" : "train";
    s.presentation = m_presenting;
    s.logScale = m_views->logScale();
    s.captions = m_captions;
    if (m_exploration.hasModel()) {
        s.hasExplore = true;
        s.explore = m_exploration.settings();
    }
    return s;
}

QString MainWindow::saveSession(const QString& path)
{
    SessionFile s = currentSession();
    // The session gets its own copy of the weights it shows, beside it: later epochs of a running
    // training overwrite the run's checkpoint, and the restored view must match this one exactly.
    const QFileInfo info(path);
    const QString copyName = info.completeBaseName() + QStringLiteral(".llck");
    const QString copy = info.absoluteDir().filePath(copyName);
    try {
        if (!m_session.currentCheckpoint().isEmpty()) {
            if (const QString e = m_session.saveCheckpointAs(copy); !e.isEmpty())
                throw Error(e.toStdString());
            s.checkpoint = copyName.toStdString();
        }
        writeSession(path.toStdString(), s);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    statusBar()->showMessage(tr("Saved session %1").arg(path), 5000);
    return QString();
}

QString MainWindow::followRun(const QString& folder)
{
    if (const QString e = m_session.follow(folder); !e.isEmpty())
        return e;
    leaveLesson();
    setWindowTitle(tr("LatentLab — following %1").arg(QDir::toNativeSeparators(m_session.followedFolder())));
    return QString();
}

QString MainWindow::openSession(const QString& path)
{
    if (m_session.running())
        return tr("%1: stop training before opening a session").arg(path);
    SessionFile s;
    try {
        s = readLessonText(path);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const QString checkpoint = QString::fromStdString(sessionCheckpointPath(path.toStdString(), s));
    if (!checkpoint.isEmpty() && !QFile::exists(checkpoint))
        return tr("%1: its checkpoint %2 is missing").arg(path, checkpoint);

    m_sessionTitle = QString::fromStdString(s.title);
    m_captions = s.captions;
    m_pendingSession = s;
    if (!checkpoint.isEmpty()) {
        // Restores the checkpoint's config; the session's epochs follow.
        if (const QString e = m_session.openCheckpoint(checkpoint); !e.isEmpty()) {
            m_pendingSession.reset();
            return e;
        }
        m_session.setParam("epochs", std::max(m_session.config().training.epochs, s.config.training.epochs));
    } else {
        m_session.applyConfig(s.config);
        m_session.closeModel(); // the previous model's views do not belong to this lesson
    }
    m_views->setLogScale(s.logScale);
    setWindowTitle(s.title.empty() ? tr("LatentLab — %1").arg(QFileInfo(path).fileName())
                                   : tr("LatentLab — %1").arg(QString::fromStdString(s.title)));
    if (m_presentationAction->isChecked() != s.presentation)
        m_presentationAction->setChecked(s.presentation);
    else
        updateCaptions();
    showTab(s.view == "explore" ? 1 : 0);
    if (checkpoint.isEmpty() && s.autostart)
        QTimer::singleShot(0, this, &MainWindow::startTraining);
    showLesson(path, s);
    return QString();
}

void MainWindow::showLesson(const QString& path, const SessionFile& s)
{
    if (s.description.empty()) {
        m_lessonPanel->hide();
        return;
    }
    // The next bundled lesson, when this is one of them.
    const QStringList lessons = lessonFiles();
    const QString self = QFileInfo(path).canonicalFilePath();
    qsizetype at = -1;
    for (qsizetype i = 0; i < lessons.size() && at < 0; ++i)
        if (QFileInfo(lessons[i]).canonicalFilePath() == self)
            at = i;
    QString next, nextTitle;
    if (at >= 0 && at + 1 < lessons.size()) {
        next = lessons[at + 1];
        try {
            nextTitle = QString::fromStdString(readLessonText(next).title);
        } catch (const std::exception&) {
            nextTitle = QFileInfo(next).completeBaseName();
        }
    }
    m_lessonPanel->showLesson(QString::fromStdString(s.title), QString::fromStdString(s.description), next, nextTitle);
    m_lessonPanel->show();
}

void MainWindow::applyPendingSession()
{
    if (!m_pendingSession)
        return;
    const SessionFile s = *m_pendingSession;
    m_pendingSession.reset();
    if (s.hasExplore)
        m_exploration.applySettings(s.explore);
    emit sessionRestored();
}

void MainWindow::setPresentation(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    if (m_presentationAction->isChecked() != on)
        m_presentationAction->setChecked(on);
    if (on) {
        m_normalFont = font();
        m_normalGeometry = geometry();
        m_toolBarShown = !m_toolBar->isHidden(); // isVisible() is false before the window is shown
        m_toolBar->hide(); // the room goes to the plots
        QFont big = m_normalFont;
        m_presentationScale = presentationScale();
        big.setPointSizeF(big.pointSizeF() * m_presentationScale);
        setFont(big);
        // Menus and dialogs are windows of their own: they take the application's font, not this one's.
        m_normalAppFont = QApplication::font();
        QFont bigApp = m_normalAppFont;
        bigApp.setPointSizeF(bigApp.pointSizeF() * m_presentationScale);
        QApplication::setFont(bigApp);
        showFullScreen();
        if (screen())
            setGeometry(screen()->geometry()); // without a window manager (a bare X server) full screen is only a hint
    } else {
        QApplication::setFont(m_normalAppFont);
        setFont(m_normalFont);
        m_toolBar->setVisible(m_toolBarShown);
        showNormal();
        if (m_normalGeometry.isValid())
            setGeometry(m_normalGeometry);
    }
    m_setup->setPresentation(on, m_presentationScale);
    for (QCustomPlot* plot : findChildren<QCustomPlot*>())
        applyFonts(plot); // the plots' text grows (and shrinks back) with the window's
    updateCaptions();
}

double MainWindow::presentationScale() const
{
    const QScreen* s = screen();
    const int lines = s ? s->availableSize().height() : 1080;
    return std::clamp(1.3 + (kPresentationFontScale - 1.3) * (lines - 700) / 380.0, 1.3, kPresentationFontScale);
}

void MainWindow::leaveLesson()
{
    m_sessionTitle.clear();
    m_captions.clear();
    m_pendingSession.reset();
    m_lessonPanel->hide();
    updateCaptions(); // the presentation captions go back to the generic ones
}

namespace {
// A caption's {beta}, {latent}, {epochs}, {lr} and {batch}, filled in with the current settings: a
// caption that names a setting follows it (lesson 3's "with beta = {beta}" says 1 when the class
// trains at beta 1).
std::string filledCaption(std::string text, const RunConfig& c)
{
    for (const RunParam& p : runParams()) {
        const std::string key = "{" + std::string(p.key) + "}";
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
            text.replace(at, key.size(), QString::number(p.get(c)).toStdString());
    }
    return text;
}
} // namespace

void MainWindow::updateCaptions()
{
    std::map<std::string, std::string> captions = m_captions;
    for (auto& [panel, text] : captions)
        text = filledCaption(text, m_session.config());
    m_views->setCaptions(m_presenting, captions);
    const auto custom = captions.find("explore");
    m_explore->setPresentation(m_presenting, custom != captions.end() ? QString::fromStdString(custom->second)
                                                                      : defaultCaption(QStringLiteral("explore")));
}

} // namespace latentlab::ui
