#pragma once
// Runs a Trainer on the controller's worker thread. Values leave as copies through queued signals;
// control calls (pause, stop, beta, lr) are forwarded to the Trainer, which reads them per batch.
#include "core/models/run_config.h"
#include "core/training/trainer.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>

namespace latentlab::ui {

struct RunRequest {
    RunConfig config;          // config.dataset names the dataset spec
    int epochs = 10;
    QString runFolder;         // autosave target ("" = none)
    QString resumeFrom;        // checkpoint to continue from ("" = fresh weights)
    bool evaluateOnly = false; // with resumeFrom: only show the checkpoint's views, no training
};

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    void pause();
    void resume();
    void stop();
    void setBeta(double beta);
    void setLearningRate(double lr);

public slots:
    /// Loads the dataset, builds the model and trains; catches every exception.
    void run(const latentlab::ui::RunRequest& request);

signals:
    void status(const QString& text);
    void started(const QString& device, const QString& datasetSummary, const QStringList& classNames);
    void batchProgress(const latentlab::BatchProgress& progress);
    /// A CPU copy of the weights and the dataset, for the Explore view (before each epochFinished).
    void modelReady(const latentlab::Model& snapshot, const latentlab::Dataset& data);
    void epochFinished(const latentlab::EpochSnapshot& snapshot);
    void historyLoaded(const std::vector<latentlab::EpochStats>& history);
    void finished(const QString& message);
    void failed(const QString& message);

private:
    std::mutex m_mutex;        // guards m_trainer's pointer, not the trainer (its controls are thread-safe)
    Trainer* m_trainer = nullptr;
    bool m_stopRequested = false;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::RunRequest)
Q_DECLARE_METATYPE(latentlab::BatchProgress)
Q_DECLARE_METATYPE(latentlab::EpochSnapshot)
Q_DECLARE_METATYPE(latentlab::Model)
Q_DECLARE_METATYPE(latentlab::Dataset)
Q_DECLARE_METATYPE(std::vector<latentlab::EpochStats>)
