// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's side of core's TrainingRun: a QObject on the controller's thread that runs the
// prepared run and forwards its events as queued signals (values, never pointers into the run).
// Control calls (pause, stop, beta, lr) go straight to the run, which is thread-safe.
#include "core/run/training_run.h"

#include <QObject>
#include <QString>

#include <memory>
#include <mutex>

namespace latentlab::ui {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    /// The run that the next run() executes; call (any thread) before queuing run(). Control calls
    /// from now on reach it, also while it is still queued.
    void prepare(const RunPlan& plan);
    void pause();
    void resume();
    void stop();
    /// A parameter the table marks live (beta, lr): forwarded to the running trainer.
    void setLiveParam(const std::string& key, double value);
    /// Seconds of training between mid-epoch views (0: at epoch ends only); any thread, any time.
    void setLiveRefresh(double seconds);
    /// The running trainer is blocked by a pause now; its batches so far (tests: a pause that holds).
    bool holdingPause() const;
    int64_t batchesTrained() const;

public slots:
    /// Runs the prepared plan; catches every exception (reported as failed()).
    void run();

signals:
    void status(const QString& text);
    void started(const latentlab::RunStart& start);
    void batchProgress(const latentlab::BatchProgress& progress);
    /// A finished epoch with its CPU copy of the weights.
    void epochFinished(const latentlab::EpochSnapshot& epoch);
    /// Views of the weights in the middle of an epoch (reconstructions, subset codes, KL bars).
    void liveViews(const latentlab::EpochSnapshot& snapshot);
    void finished(const QString& message);
    void failed(const QString& message);

private:
    RunEvents events();
    QString outcomeText(const RunOutcome& outcome, const RunPlan& plan) const;
    mutable std::mutex m_mutex;      // guards m_run, m_plan and m_liveSeconds, not the run (thread-safe itself)
    std::shared_ptr<TrainingRun> m_run;
    RunPlan m_plan;                  // what m_run runs (for its messages)
    double m_liveSeconds = 2.0;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::RunStart)
Q_DECLARE_METATYPE(latentlab::BatchProgress)
Q_DECLARE_METATYPE(latentlab::EpochSnapshot)
