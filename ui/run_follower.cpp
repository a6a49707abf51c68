#include "ui/run_follower.h"

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
    const Stamp st = stampOf(m_folder + QStringLiteral("/status.json"));
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

} // namespace latentlab::ui
