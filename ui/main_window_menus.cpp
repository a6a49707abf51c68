// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's File, Training and View menus with the tool bar, the recent files, and files
// dropped on the window (an image is encoded, a folder becomes the dataset, anything else opens as
// a checkpoint).
#include "ui/main_window.h"

#include "core/models/presets.h"
#include "ui/export_actions.h"
#include "ui/train/setup_panel.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QToolBar>

namespace latentlab::ui {

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    const FileActions fileActions = buildFileMenu(file);
    buildEditMenus();
    QAction* run = buildTrainingMenu();
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Train"), this, [this] { showTab(0); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addAction(tr("&Explore"), this, [this] { showTab(1); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    buildSessionMenus(file, view);
    buildLanguageMenu(view);
    m_toolBar = addToolBar(tr("Training"));
    m_toolBar->setObjectName(QStringLiteral("trainingToolbar"));
    m_toolBar->addAction(fileActions.open);
    m_toolBar->addAction(run);
    m_toolBar->addAction(fileActions.save);
    buildHelpMenu();
}

MainWindow::FileActions MainWindow::buildFileMenu(QMenu* file)
{
    QAction* open = file->addAction(tr("&Open checkpoint…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open checkpoint"));
        if (!path.isEmpty())
            openCheckpoint(path);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* follow = file->addAction(tr("&Follow run…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Follow a run folder"));
        if (const QString e = dir.isEmpty() ? QString() : followRun(dir); !e.isEmpty())
            reportError(tr("Follow run"), e);
    });
    follow->setToolTip(tr("Show a run that latentlab-cli (here, on a server or distributed) writes into a folder, "
                          "epoch by epoch"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    QAction* save = file->addAction(tr("&Save checkpoint as…"), this, [this] {
        if (m_document.session().currentCheckpoint().isEmpty()) {
            QMessageBox::information(this, tr("Save checkpoint"), tr("No epoch has finished yet."));
            return;
        }
        const QString dst = QFileDialog::getSaveFileName(this, tr("Save checkpoint"), QStringLiteral("model.llck"));
        if (const QString e = dst.isEmpty() ? QString() : m_document.session().saveCheckpointAs(dst); !e.isEmpty())
            QMessageBox::warning(this, tr("Save checkpoint"), e);
    });
    save->setShortcut(QKeySequence::Save);
    QAction* encode = file->addAction(tr("&Encode image…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Encode image"), QString(),
                                                          tr("Images (*.png *.jpg *.jpeg *.bmp)"));
        if (!path.isEmpty())
            encodeImageFile(path);
    });
    encode->setToolTip(tr("Encode your own image in the Explore view and edit it with the sliders"));
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("E&xport"));
    m_exports->addTo(exportMenu);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    return {open, save};
}

QAction* MainWindow::buildTrainingMenu()
{
    QMenu* train = menuBar()->addMenu(tr("&Training"));
    m_runAction = train->addAction(tr("Train / Pause"), this, [this] {
        if (m_document.session().running())
            togglePause();
        else
            startTraining();
    });
    m_runAction->setShortcut(Qt::Key_Space);
    m_stopAction = train->addAction(tr("Stop"), this, &MainWindow::stopTraining);
    // Enabled when the setup panel's buttons are: Train (or Pause while running), Stop while running.
    auto follow = [this] {
        m_runAction->setEnabled(m_document.session().running() || m_document.session().canTrain());
        m_stopAction->setEnabled(m_document.session().running());
    };
    connect(&m_document.session(), &TrainingSession::stateChanged, this, follow);
    connect(&m_document.session(), &TrainingSession::configChanged, this, follow);
    follow();
    return m_runAction;
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openCheckpoint(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    // Copy what is needed at once: the drag source may exit and take its mime data with it.
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    const QString path = urls.first().toLocalFile();
    event->acceptProposedAction();
    static const QStringList imageTypes = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                           QStringLiteral("bmp")};
    if (imageTypes.contains(QFileInfo(path).suffix().toLower()))
        encodeImageFile(path);
    else if (QFileInfo(path).isDir())
        m_document.session().setDataset(datasetSpecForFolder(path)); // a folder is a dataset
    else
        openCheckpoint(path);
}

} // namespace latentlab::ui
