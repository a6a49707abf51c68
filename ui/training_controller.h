#pragma once
// Owns the training thread (Qt's mandelbrot / Tiled pattern): the worker lives on m_thread, runs
// one training at a time, and the controller shuts the thread down cleanly when it is destroyed.
#include "ui/training_worker.h"

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

    void start(const RunRequest& request);
    void pause();
    void resume();
    /// Asks the worker to stop after the current batch (returns at once).
    void stop();
    void setLiveParam(const std::string& key, double value) { m_worker->setLiveParam(key, value); }
    void setLiveRefresh(double seconds) { m_worker->setLiveRefresh(seconds); }
    /// Stops and waits for the thread; returns false if it did not end within timeoutMs.
    bool shutdown(int timeoutMs = 5000);

signals:
    void runRequested(const latentlab::ui::RunRequest& request);
    void stateChanged();
    void status(const QString& text);
    void started(const QString& device, const QString& datasetSummary, const QStringList& classNames);
    void batchProgress(const latentlab::BatchProgress& progress);
    void epochFinished(const latentlab::ui::EpochResult& result);
    void liveViews(const latentlab::EpochSnapshot& snapshot);
    void historyLoaded(const std::vector<latentlab::EpochStats>& history);
    void finished(const QString& message);
    void failed(const QString& message);

private:
    QThread m_thread;
    TrainingWorker* m_worker;
    bool m_running = false;
    bool m_paused = false;
};

} // namespace latentlab::ui
