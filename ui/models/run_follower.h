// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Watches a run folder that another process writes (latentlab-cli, a distributed run, on this
// machine or a shared file system): reports each new checkpoint and the run's status as they land.
// A file watcher gives prompt news on local disks; a poll every kPollMs catches what network file
// systems never announce. The writers replace files atomically, so whatever is seen is whole.
#include "core/export/run_folder.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace latentlab::ui {

class RunFollower : public QObject {
    Q_OBJECT
public:
    static constexpr int kPollMs = 2000;

    explicit RunFollower(QObject* parent = nullptr);
    /// Starts following FOLDER instead (it may not exist yet: the run may still be starting); its
    /// first look is queued. Returns "" or why not (no name, or a file, not a folder), following on.
    QString follow(const QString& folder);
    void stop();
    bool active() const { return !m_folder.isEmpty(); }
    QString folder() const { return m_folder; }
    const RunStatus& status() const { return m_status; }

public slots:
    /// Looks at the folder now (the watcher and the poll call this).
    void check();

signals:
    /// FOLDER/checkpoint was replaced: a newer epoch landed.
    void checkpointChanged(const QString& path);
    /// FOLDER/status.json changed (running, finished, stopped, failed).
    void statusChanged(const latentlab::RunStatus& status);
    /// status.json could not be read, was removed, or says "running" while nobody writes the folder
    /// (named in the message); following goes on.
    void problem(const QString& message);

private:
    struct Stamp {
        QDateTime modified;
        qint64 size = -1;
        bool operator==(const Stamp& o) const { return modified == o.modified && size == o.size; }
    };
    static Stamp stampOf(const QString& path);
    void checkWriterAlive();
    bool m_writerGoneReported = false;
    QFileSystemWatcher m_watcher;
    QTimer m_poll;
    QString m_folder;
    Stamp m_checkpoint, m_statusFile;
    RunStatus m_status;
};

} // namespace latentlab::ui
