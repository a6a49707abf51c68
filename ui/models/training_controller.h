// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Owns the training thread (Qt's mandelbrot / Tiled pattern): the worker lives on m_thread, runs
// one TrainingRun at a time, and the controller shuts the thread down cleanly when it is destroyed.
// The run's events are the worker's own signals (worker()); the controller adds only its state.
#include "ui/models/training_worker.h"

#include <QObject>
#include <QThread>

namespace latentlab::ui {

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    bool running() const { return m_running; }
    bool paused() const { return m_paused; }
    /// The worker whose signals carry the run's events (connect to them; it lives on the thread).
    const TrainingWorker& worker() const { return *m_worker; }

    void start(const RunPlan& plan);
    void pause();
    void resume();
    /// Asks the worker to stop after the current batch (returns at once).
    void stop();
    void setLiveParam(const std::string& key, double value) { m_worker->setLiveParam(key, value); }
    void setLiveRefresh(double seconds) { m_worker->setLiveRefresh(seconds); }
    /// Stops and waits for the thread; returns false if it did not end within timeoutMs.
    bool shutdown(int timeoutMs = 5000);

signals:
    void runRequested();
    /// running() or paused() changed; emitted before the session hears finished or failed.
    void stateChanged();

private:
    QThread m_thread;
    TrainingWorker* m_worker;
    bool m_running = false;
    bool m_paused = false;
};

} // namespace latentlab::ui
