// SPDX-License-Identifier: GPL-3.0-or-later
// Following a run that another process writes: its newest checkpoint is evaluated on this
// session's worker (as opening a checkpoint does) each time one lands, and the run's status file
// says when it has ended.
#include "core/training/checkpoint.h"
#include "ui/models/training_session.h"

#include <utility>

namespace latentlab::ui {

QString TrainingSession::follow(const QString& folder)
{
    if (running())
        return tr("Stop training before following a run.");
    // The follower checks the folder and replaces what it followed; its first look is queued, so
    // the reset below comes before any news from the new folder.
    if (const QString e = m_follower.follow(folder); !e.isEmpty())
        return e;
    m_followPending.clear();
    m_followError.clear();
    m_checkpoint.clear();
    m_runFolder.clear();
    resetModel({});
    const QString waiting = tr("following %1: waiting for its first epoch").arg(followedFolder());
    setProgressText(waiting);
    emit statusChanged(waiting);
    emit stateChanged();
    return QString();
}

void TrainingSession::stopFollowing()
{
    if (!following())
        return;
    m_follower.stop();
    m_followPending.clear();
    emit stateChanged();
}

void TrainingSession::followedCheckpoint(const QString& path)
{
    m_followPending = path; // only the newest matters: epochs that landed meanwhile are in its history
    if (!running())
        loadFollowed();
}

void TrainingSession::loadFollowed()
{
    const QString path = std::exchange(m_followPending, QString());
    ModelInfo info;
    try {
        info = readCheckpointInfo(path.toStdString());
    } catch (const std::exception& e) {
        m_followError = QString::fromStdString(e.what());
        emit statusChanged(m_followError); // the next checkpoint may read; keep following
        if (m_follower.status().ended())
            announceFollowEnd();
        return;
    }
    RunConfig config = info.config;
    config.dataset = info.datasetSpec;
    applyConfig(config);
    m_checkpoint = path; // Save checkpoint as, exports and Train continue the newest followed epoch
    m_history = info.history;
    if (const QString e = launch({path, info.epoch, true, true}); !e.isEmpty())
        emit statusChanged(e);
}

void TrainingSession::followedEvaluated(const QString& message, bool failed)
{
    m_stopRequested = false;
    m_followError = failed ? message : QString();
    const int target = m_follower.status().epochs > 0 ? m_follower.status().epochs : m_config.training.epochs;
    if (failed) {
        emit statusChanged(tr("%1: %2").arg(followedFolder(), message));
    } else {
        setProgressText(tr("following: epoch %1 of %2").arg(epochsDone()).arg(target));
        emit statusChanged(tr("Epoch %1 of %2 arrived from %3").arg(epochsDone()).arg(target).arg(followedFolder()));
    }
    if (!m_followPending.isEmpty())
        loadFollowed();
    else if (m_follower.status().ended())
        announceFollowEnd();
}

void TrainingSession::followedStatus(const RunStatus& status)
{
    // The writer replaces status.json after the checkpoint: when it says "ended", the last epoch
    // has landed; announce once its evaluation is done.
    if (status.ended() && !running() && m_followPending.isEmpty())
        announceFollowEnd();
}

void TrainingSession::announceFollowEnd()
{
    const RunStatus s = m_follower.status();
    const QString folder = followedFolder();
    // A run that says it ended must have left a checkpoint this window can show.
    const QString checkpoint = folder + QStringLiteral("/checkpoint");
    QString problem;
    if (!m_followError.isEmpty())
        problem = tr("The followed run ended (%1) but its checkpoint cannot be shown: %2").arg(QString::fromLatin1(toString(s.state)), m_followError);
    else if (s.state != RunStatus::State::Failed && m_latestModel.empty())
        problem = tr("The followed run ended (%1 after %2 epochs) but %3 does not exist")
                      .arg(QString::fromLatin1(toString(s.state)))
                      .arg(s.epoch)
                      .arg(checkpoint);
    if (!problem.isEmpty()) {
        m_follower.stop();
        setProgressText(problem);
        emit statusChanged(problem);
        emit stateChanged();
        emit followProblem(problem);
        return;
    }
    QString text;
    switch (s.state) {
    case RunStatus::State::Finished:
        text = tr("The followed run finished: %1 epochs (%2)").arg(s.epoch).arg(folder);
        break;
    case RunStatus::State::Stopped:
        text = tr("The followed run was stopped after epoch %1 of %2 (%3)").arg(s.epoch).arg(s.epochs).arg(folder);
        break;
    default:
        text = tr("The followed run failed after epoch %1: %2 (%3)").arg(s.epoch).arg(QString::fromStdString(s.message), folder);
        break;
    }
    m_follower.stop();
    setProgressText(text);
    emit statusChanged(text);
    emit stateChanged();
    emit followEnded(text, s.state == RunStatus::State::Failed);
}

} // namespace latentlab::ui
