// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/run_follower.h"

#include <QFileInfo>

namespace latentlab::ui {

RunFollower::RunFollower(QObject* parent) : QObject(parent)
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RunFollower::check);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &RunFollower::check);
}

QString RunFollower::follow(const QString& folder)
{
    const QFileInfo info(folder);
    if (folder.isEmpty() || (info.exists() && !info.isDir()))
        return tr("%1: not a folder (follow the run's folder, the one that holds its checkpoint)").arg(folder);
    stop();
    m_folder = info.absoluteFilePath();
    m_poll.start();
    QTimer::singleShot(0, this, &RunFollower::check); // after the caller has set up for the news
    return QString();
}

void RunFollower::stop()
{
    m_poll.stop();
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_folder.clear();
    m_checkpoint = m_statusFile = Stamp();
    m_status = RunStatus();
    m_writerGoneReported = false;
}

RunFollower::Stamp RunFollower::stampOf(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() ? Stamp {info.lastModified(), info.size()} : Stamp();
}

void RunFollower::check()
{
    if (m_folder.isEmpty())
        return;
    if (m_watcher.directories().isEmpty() && QFileInfo(m_folder).isDir())
        m_watcher.addPath(m_folder); // once the run has made its folder
    const QString checkpoint = m_folder + QStringLiteral("/checkpoint");
    if (const Stamp s = stampOf(checkpoint); s.size >= 0 && !(s == m_checkpoint)) {
        m_checkpoint = s;
        emit checkpointChanged(checkpoint);
    }
    const QString statusPath = m_folder + QStringLiteral("/status.json");
    const Stamp st = stampOf(statusPath);
    if (st.size < 0 && m_statusFile.size >= 0) { // its writer removed it: it could not write the truth
        m_statusFile = st;
        emit problem(tr("%1: the run's status file was removed (its writer could not finish it: a full disk?)").arg(statusPath));
        return;
    }
    checkWriterAlive();
    if (st.size < 0 || st == m_statusFile)
        return;
    m_statusFile = st;
    try {
        m_status = readRunStatus(m_folder.toStdString());
        emit statusChanged(m_status);
    } catch (const std::exception& e) {
        emit problem(QString::fromStdString(e.what()));
    }
}

void RunFollower::checkWriterAlive()
{
    // "running" with nobody holding the folder's lock: the writer was killed (kill -9, a crash, a
    // lost machine) and will never say how it ended. Folders of older versions have no lock file.
    if (m_status.state != RunStatus::State::Running || m_writerGoneReported ||
        !QFileInfo::exists(m_folder + QStringLiteral("/.lock")) || runFolderLocked(m_folder.toStdString()))
        return;
    // Re-read first: the writer may have ended cleanly since the last look.
    try {
        m_status = readRunStatus(m_folder.toStdString());
    } catch (const std::exception&) {
    }
    if (m_status.state != RunStatus::State::Running || runFolderLocked(m_folder.toStdString()))
        return;
    m_writerGoneReported = true;
    emit problem(tr("%1/status.json says the run is at epoch %2 of %3, but no program writes %1 any more (its writer was killed or lost)")
                     .arg(m_folder)
                     .arg(m_status.epoch)
                     .arg(m_status.epochs));
}

} // namespace latentlab::ui
