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
    connect(m_presentationAction, &QAction::toggled, &m_document, &Document::setPresentation);
    connect(&m_document, &Document::presentationChanged, this, &MainWindow::applyPresentation);

    connect(&m_document.exploration().recorder(), &Recorder::finished, this, [this] {
        statusBar()->showMessage(tr("Recorded %1 frames: File ▸ Export ▸ Recorded morph saves them as a video or GIF")
                                     .arg(m_document.exploration().recorder().frames().size()),
                                 10000);
    });
}

QString MainWindow::saveSession(const QString& path)
{
    if (const QString e = m_document.save(path); !e.isEmpty())
        return e;
    statusBar()->showMessage(tr("Saved session %1").arg(path), 5000);
    return QString();
}

void MainWindow::showLesson()
{
    const SessionFile& s = m_document.lesson();
    if (s.description.empty()) {
        m_lessonPanel->hide();
        return;
    }
    const QString path = m_document.lessonPath();
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

void MainWindow::setPresentation(bool on) { m_document.setPresentation(on); }

void MainWindow::applyPresentation(bool on)
{
    if (m_presentationAction->isChecked() != on)
        m_presentationAction->setChecked(on);
    if (on) {
        m_normal.font = font();
        m_normal.geometry = geometry();
        m_normal.toolBarShown = !m_toolBar->isHidden(); // isVisible() is false before the window is shown
        m_toolBar->hide(); // the room goes to the plots
        QFont big = m_normal.font;
        m_presentationScale = presentationScale();
        big.setPointSizeF(big.pointSizeF() * m_presentationScale);
        setFont(big);
        // Menus and dialogs are windows of their own: they take the application's font, not this one's.
        m_normal.appFont = QApplication::font();
        QFont bigApp = m_normal.appFont;
        bigApp.setPointSizeF(bigApp.pointSizeF() * m_presentationScale);
        QApplication::setFont(bigApp);
        showFullScreen();
        if (screen())
            setGeometry(screen()->geometry()); // without a window manager (a bare X server) full screen is only a hint
    } else {
        QApplication::setFont(m_normal.appFont);
        setFont(m_normal.font);
        m_toolBar->setVisible(m_normal.toolBarShown);
        showNormal();
        if (m_normal.geometry.isValid())
            setGeometry(m_normal.geometry);
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

void MainWindow::updateCaptions()
{
    const std::map<std::string, std::string> captions = m_document.captions();
    const bool on = m_document.presentation();
    m_views->setCaptions(on, captions);
    const auto custom = captions.find("explore");
    m_explore->setPresentation(on, custom != captions.end() ? QString::fromStdString(custom->second)
                                                                      : defaultCaption(QStringLiteral("explore")));
}

} // namespace latentlab::ui
