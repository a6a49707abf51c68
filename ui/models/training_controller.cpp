// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/training_controller.h"

namespace latentlab::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent), m_worker(new TrainingWorker)
{
    qRegisterMetaType<RunStart>();
    qRegisterMetaType<BatchProgress>();
    qRegisterMetaType<EpochSnapshot>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &TrainingController::runRequested, m_worker, &TrainingWorker::run);
    // Connected first, so that running() is false by the time other receivers hear the end.
    auto done = [this] {
        m_running = false;
        m_paused = false;
        emit stateChanged();
    };
    connect(m_worker, &TrainingWorker::finished, this, done);
    connect(m_worker, &TrainingWorker::failed, this, done);
    m_thread.setObjectName(QStringLiteral("training"));
    m_thread.start();
}

TrainingController::~TrainingController()
{
    // A running QThread must never be destroyed (Qt aborts): stop, then wait as long as it takes.
    // Loads stop between images and training between batches, so that is short.
    if (!shutdown())
        m_thread.wait();
}

void TrainingController::start(const RunPlan& plan)
{
    if (m_running)
        return;
    m_running = true;
    m_paused = false;
    m_worker->prepare(plan);
    emit stateChanged();
    emit runRequested();
}

void TrainingController::pause()
{
    if (!m_running || m_paused)
        return;
    m_worker->pause();
    m_paused = true;
    emit stateChanged();
}

void TrainingController::resume()
{
    if (!m_running || !m_paused)
        return;
    m_worker->resume();
    m_paused = false;
    emit stateChanged();
}

void TrainingController::stop()
{
    if (m_running)
        m_worker->stop();
}

bool TrainingController::shutdown(int timeoutMs)
{
    if (!m_thread.isRunning())
        return true;
    m_worker->stop();
    m_thread.requestInterruption();
    m_thread.quit();
    return m_thread.wait(timeoutMs);
}

} // namespace latentlab::ui
