// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/training_worker.h"

#include "core/error.h"

namespace latentlab::ui {

void TrainingWorker::prepare(const RunPlan& plan)
{
    auto run = std::make_shared<TrainingRun>(plan);
    std::lock_guard<std::mutex> lock(m_mutex);
    run->setLiveRefresh(m_liveSeconds);
    m_run = std::move(run);
    m_plan = plan;
}

RunEvents TrainingWorker::events()
{
    RunEvents e;
    e.loading = [this](const std::string& what, int64_t done, int64_t total) {
        emit status(tr("%1: %2 %").arg(QString::fromStdString(what)).arg(total > 0 ? done * 100 / total : 100));
    };
    e.started = [this](const RunStart& s) { emit started(s); };
    e.progress = [this](const BatchProgress& p) { emit batchProgress(p); };
    e.live = [this](const EpochSnapshot& s) { emit liveViews(s); };
    e.epoch = [this](const EpochSnapshot& s) { emit epochFinished(s); };
    return e;
}

QString TrainingWorker::outcomeText(const RunOutcome& r, const RunPlan& plan) const
{
    switch (r.state) {
    case RunOutcome::State::Cancelled: return tr("Stopped while loading the dataset");
    case RunOutcome::State::Stopped: return tr("Stopped after %1 epochs").arg(r.epochsThisRun);
    case RunOutcome::State::NonFinite: return QString::fromStdString(r.message);
    case RunOutcome::State::Finished: break;
    }
    if (plan.evaluateOnly)
        return tr("Opened %1 (%2 epochs trained)").arg(QString::fromStdString(plan.resumeFrom)).arg(r.epoch);
    return r.epochsThisRun == 1 ? tr("Finished 1 epoch") : tr("Finished %1 epochs").arg(r.epochsThisRun);
}

void TrainingWorker::run()
{
    std::shared_ptr<TrainingRun> run;
    RunPlan plan;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        run = m_run;
        plan = m_plan;
    }
    if (!run)
        return;
    try {
        const std::string spec = plan.resumeFrom.empty() ? plan.config.dataset : plan.dataset;
        emit status(tr("Loading %1…").arg(QString::fromStdString(spec)));
        const RunOutcome r = run->run(events());
        if (r.state == RunOutcome::State::NonFinite)
            emit failed(outcomeText(r, plan));
        else
            emit finished(outcomeText(r, plan));
    } catch (const std::bad_alloc&) {
        emit failed(tr("Out of memory: the data or the model does not fit in this machine's memory (try fewer images, a "
                       "smaller batch or a smaller model)"));
    } catch (const std::exception& e) {
        // An exception escaping a slot is undefined behaviour in Qt: report it instead.
        emit failed(QString::fromStdString(e.what()));
    }
}

void TrainingWorker::pause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run)
        m_run->pause();
}

bool TrainingWorker::holdingPause() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_run && m_run->holdingPause();
}

int64_t TrainingWorker::batchesTrained() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_run ? m_run->batchesTrained() : 0;
}

void TrainingWorker::resume()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run)
        m_run->resume();
}

void TrainingWorker::stop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run)
        m_run->requestStop();
}

void TrainingWorker::setLiveParam(const std::string& key, double value)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run)
        m_run->setLiveParam(key, value);
}

void TrainingWorker::setLiveRefresh(double seconds)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_liveSeconds = seconds;
    if (m_run)
        m_run->setLiveRefresh(seconds);
}

} // namespace latentlab::ui
