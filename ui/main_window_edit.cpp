// SPDX-License-Identifier: GPL-3.0-or-later
// The Edit menu (undo and redo of the Explore view's edits) and the Bookmarks menu (named latent
// points: add, visit, rename, remove, export), both on the window's Exploration.
#include "ui/export_actions.h"
#include "ui/models/exploration.h"
#include "ui/main_window.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>

namespace latentlab::ui {

void MainWindow::buildEditMenus()
{
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = edit->addAction(tr("&Undo"), &m_document.exploration().point().history(), &EditHistory::undo);
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = edit->addAction(tr("&Redo"), &m_document.exploration().point().history(), &EditHistory::redo);
    // The platform's redo keys plus Ctrl+Shift+Z, each once: a key listed twice on one action is an
    // "ambiguous shortcut" to Qt, which then fires neither.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)))
        redoKeys.append(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    redo->setShortcuts(redoKeys);
    const auto update = [this, undo, redo] {
        undo->setEnabled(m_document.exploration().point().history().canUndo());
        redo->setEnabled(m_document.exploration().point().history().canRedo());
    };
    connect(&m_document.exploration().point().history(), &EditHistory::changed, this, update);
    update();
    m_bookmarksMenu = menuBar()->addMenu(tr("&Bookmarks"));
    connect(&m_document.exploration().point().bookmarks(), &Bookmarks::changed, this, &MainWindow::rebuildBookmarksMenu);
    rebuildBookmarksMenu();
}

void MainWindow::rebuildBookmarksMenu()
{
    m_bookmarksMenu->clear();
    QAction* add = m_bookmarksMenu->addAction(tr("&Add bookmark…"), this, [this] {
        if (!m_document.exploration().hasModel())
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Add bookmark"), tr("Name of the current point:"),
                                                   QLineEdit::Normal, tr("Bookmark %1").arg(m_document.exploration().point().bookmarks().list().size() + 1), &ok);
        if (ok)
            m_document.exploration().point().addBookmark(name);
    });
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    const auto& marks = m_document.exploration().point().bookmarks().list();
    if (marks.empty())
        return;
    m_bookmarksMenu->addSeparator();
    QMenu* rename = new QMenu(tr("Rename"), m_bookmarksMenu);
    QMenu* remove = new QMenu(tr("Remove"), m_bookmarksMenu);
    for (int i = 0; i < int(marks.size()); ++i) {
        const QString name = QString::fromStdString(marks[size_t(i)].name);
        m_bookmarksMenu->addAction(name, this, [this, i] {
            showTab(1);
            m_document.exploration().point().goToBookmark(i);
        });
        rename->addAction(name, this, [this, i, name] {
            bool ok = false;
            const QString to = QInputDialog::getText(this, tr("Rename bookmark"), tr("New name:"), QLineEdit::Normal, name, &ok);
            if (ok)
                m_document.exploration().point().bookmarks().rename(i, to);
        });
        remove->addAction(name, this, [this, i] { m_document.exploration().point().bookmarks().remove(i); });
    }
    m_bookmarksMenu->addSeparator();
    m_bookmarksMenu->addMenu(rename);
    m_bookmarksMenu->addMenu(remove);
    m_bookmarksMenu->addAction(tr("Export as CSV…"), m_exports, &ExportActions::askBookmarks);
}

} // namespace latentlab::ui
