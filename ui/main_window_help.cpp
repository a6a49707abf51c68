// SPDX-License-Identifier: GPL-3.0-or-later
// The Help menu: About (version, license, the libraries and the device), the keyboard shortcuts
// (read from the window's own actions, so the list cannot drift from them) and the installed
// documentation. Esc leaves presentation mode. View > Language.
#include "core/training/trainer.h"
#include "ui/main_window.h"
#include "ui/models/resource_paths.h"
#include "ui/models/training_session.h"
#include "ui/models/translations.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/image_io.h"
#endif

#include <QAction>
#include <QActionGroup>
#include <QProcess>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QShortcut>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::ui {

void MainWindow::buildLanguageMenu(QMenu* view)
{
    QMenu* menu = view->addMenu(tr("&Language"));
    auto* group = new QActionGroup(menu);
    const QString chosen = languageSetting();
    auto add = [&](const QString& text, const QString& code) {
        QAction* a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(code == chosen);
        a->setData(code);
        group->addAction(a);
    };
    add(tr("System language"), QString());
    for (const Language& l : languages())
        add(l.native, l.code);
    connect(group, &QActionGroup::triggered, this, [this](QAction* a) {
        const QString code = a->data().toString();
        if (code == languageSetting())
            return;
        setLanguageSetting(code);
        // Every text is set when a widget is built: the new language shows in a new window.
        const auto answer = QMessageBox::question(
            this, tr("Language"), tr("LatentLab uses the new language from its next start. Restart now?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer == QMessageBox::Yes && QProcess::startDetached(QCoreApplication::applicationFilePath(), {}))
            close();
    });
}

QString MainWindow::aboutText() const
{
    QString libraries = tr("Qt %1").arg(QString::fromLatin1(qVersion()));
    libraries += QStringLiteral("<br>") + QString::fromStdString(trainingBackendDescription()).toHtmlEscaped();
#ifdef LATENTLAB_HAVE_PIXELS
    libraries += QStringLiteral("<br>") + QString::fromStdString(pixelLibraryDescription()).toHtmlEscaped();
#endif
    const QString device = m_document.session().running() ? m_document.session().deviceText() : tr("idle (Train picks CUDA when a GPU is present)");
    return tr("<h3>LatentLab %1</h3>"
              "<p>Train autoencoders and VAEs and explore their latent space.</p>"
              "<p>License: GNU General Public License, version 3 or later (GPL-3.0-or-later).</p>"
              "<p>%2</p><p>Training device: %3</p>")
        .arg(QCoreApplication::applicationVersion(), libraries, device.toHtmlEscaped());
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const
{
    QList<QPair<QString, QString>> rows;
    for (const QAction* a : findChildren<QAction*>()) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        QString what = a->text();
        what.remove(QLatin1Char('&'));
        what.remove(QStringLiteral("…"));
        rows.append({keys.join(QStringLiteral(", ")), what});
    }
    rows.append({QStringLiteral("Esc"), tr("Leave presentation mode")});
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return rows;
}

void MainWindow::buildHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Keyboard shortcuts"));
        auto* table = new QTableWidget(0, 2, &dialog);
        table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
        table->verticalHeader()->hide();
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        for (const auto& [keys, what] : shortcutList()) {
            const int row = table->rowCount();
            table->insertRow(row);
            table->setItem(row, 0, new QTableWidgetItem(keys));
            table->setItem(row, 1, new QTableWidgetItem(what));
        }
        table->resizeColumnsToContents();
        table->horizontalHeader()->setStretchLastSection(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        auto* layout = new QVBoxLayout(&dialog);
        layout->addWidget(table);
        layout->addWidget(buttons);
        dialog.resize(dialog.fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60, dialog.fontMetrics().height() * 24);
        dialog.exec();
    });
    help->addAction(tr("&Documentation"), this, [this] {
        // Installed beside the lessons: <prefix>/share/doc/latentlab (the package's own folder).
        const QString readme = QDir(resourceDir()).filePath(QStringLiteral("../doc/latentlab/README.md"));
        if (!QFileInfo::exists(readme) || !QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(readme).absoluteFilePath())))
            QMessageBox::information(this, tr("Documentation"),
                                     tr("The documentation is installed with the package in %1 (README.md and docs/).")
                                         .arg(QDir::cleanPath(QDir(resourceDir()).filePath(QStringLiteral("../doc/latentlab")))));
    });
    help->addSeparator();
    help->addAction(tr("&About LatentLab"), this, [this] { QMessageBox::about(this, tr("About LatentLab"), aboutText()); });
    // Esc leaves presentation mode (full screen with no window frame: the way out must be obvious).
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    leave->setContext(Qt::WindowShortcut);
    connect(leave, &QShortcut::activated, this, [this] {
        if (m_document.presentation())
            setPresentation(false);
    });
}

} // namespace latentlab::ui
