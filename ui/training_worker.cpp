#include "ui/training_worker.h"

#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/error.h"
#include "core/export/run_folder.h"
#include "core/models/run_params.h"
#include "core/training/checkpoint.h"

#include <QDir>

#include <algorithm>
#include <chrono>

namespace latentlab::ui {

using Clock = std::chrono::steady_clock;

namespace {
// Runs a function when the scope ends, on every path out (return, exception).
template <typename F>
struct ScopeExit {
    F f;
    ~ScopeExit() { f(); }
};
template <typename F>
ScopeExit(F) -> ScopeExit<F>;
} // namespace

void TrainingWorker::arm()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopRequested = false;
    m_cancelLoad = false;
}

EpochResult epochResult(const EpochSnapshot& snapshot, const Model& model, const Dataset& data)
{
    EpochResult r {snapshot, model, data, {}, false};
    const LatentCodes& codes = snapshot.latents;
    // A conditional model is handed some factors as its condition, so its codes are meant to leave
    // them out: scores over every factor would mark it down for doing its job (the lesson on adding
    // a smile shows no such plot). Unconditional models on data with factors get them.
    if (data.info().factorNames.empty() || codes.count() < 20 || model.info().conditional())
        return r;
    try {
        r.metrics = testCodeDisentanglement(codes.values, codes.dim, std::min(codes.count(), EpochResult::kMetricsCodes), data);
        r.hasMetrics = true;
    } catch (const std::exception&) {
        // Non-finite codes (a diverging run): no scores this epoch; the loss says why.
    }
    return r;
}

void TrainingWorker::run(const RunRequest& request)
{
    // The flags were reset by arm() when the run was requested: a Stop pressed before this slot
    // started (it is queued) still counts.
    setLoadCancelFlag(&m_cancelLoad);
    ScopeExit resetProgress {[] {
        setLoadProgressHandler({});
        setLoadCancelFlag(nullptr);
    }};
    try {
        emit status(tr("Loading %1…").arg(QString::fromStdString(request.config.dataset)));
        setLoadProgressHandler([this](const std::string& what, int64_t done, int64_t total) {
            emit status(tr("%1: %2 %").arg(QString::fromStdString(what)).arg(total > 0 ? done * 100 / total : 100));
        });
        Dataset data = Dataset::load(request.config.dataset, request.config.training.testFraction,
                                     request.config.training.seed);
        std::unique_ptr<Trainer> owned = makeTrainer(request, data);
        Trainer& trainer = *owned;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_stopRequested) {
                emit finished(tr("Stopped before training started"));
                return;
            }
            m_trainer = &trainer;
        }
        // Declared after the trainer, so control calls stop reaching it before it is destroyed.
        ScopeExit forgetTrainer {[this] {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = nullptr;
        }};
        QStringList classes;
        for (const auto& c : data.info().classNames)
            classes << QString::fromStdString(c);
        emit started(QString::fromStdString(trainer.deviceDescription()), QString::fromStdString(data.summary()), classes);
        if (!trainer.history().empty())
            emit historyLoaded(trainer.history());
        if (request.evaluateOnly) {
            emit epochFinished(epochResult(trainer.snapshot(), trainer.model().cloneToCpu(), data));
            emit finished(tr("Opened %1 (%2 epochs trained)").arg(request.resumeFrom).arg(trainer.epoch()));
            return;
        }
        if (!request.runFolder.isEmpty()) {
            QDir().mkpath(request.runFolder);
            removeStaleTemps(request.runFolder.toStdString());
        }
        TrainResult r = trainer.train(request.epochs, callbacks(request, trainer, data));
        if (r.reason == StopReason::NonFiniteLoss)
            emit failed(QString::fromStdString(r.message));
        else
            emit finished(r.reason == StopReason::Stopped ? tr("Stopped after %1 epochs").arg(r.epochsDone)
                                                          : r.epochsDone == 1 ? tr("Finished 1 epoch") : tr("Finished %1 epochs").arg(r.epochsDone));
    } catch (const LoadCancelled&) {
        emit finished(tr("Stopped while loading the dataset"));
    } catch (const std::exception& e) {
        // An exception escaping a slot is undefined behaviour in Qt: report it instead.
        emit failed(QString::fromStdString(e.what()));
    }
}

std::unique_ptr<Trainer> TrainingWorker::makeTrainer(const RunRequest& request, const Dataset& data)
{
    if (request.resumeFrom.isEmpty())
        return std::make_unique<Trainer>(request.config, data);
    // The edits made since the checkpoint was opened, where a resumed run allows them (lr, batch...).
    const std::string path = request.resumeFrom.toStdString();
    const RunConfig saved = readCheckpointInfo(path).config;
    ResumeChanges changes;
    for (const RunParam& p : runParams())
        if (p.resumable && p.get(request.config) != p.get(saved))
            changes.params[p.key] = p.get(request.config);
    if (request.config.training.device != saved.training.device)
        changes.device = request.config.training.device;
    return Trainer::resume(path, data, {}, changes);
}

TrainerCallbacks TrainingWorker::callbacks(const RunRequest& request, Trainer& trainer, const Dataset& data)
{
    // Mid-epoch views: every m_liveSeconds of training, re-encode as much of the scatter's subset
    // as kLiveBudget of that time allows (the chunk adapts to what the last refresh cost).
    struct Live {
        Clock::time_point last = Clock::now();
        int64_t chunk = 64;
    };
    auto live = std::make_shared<Live>();
    TrainerCallbacks cb;
    cb.onBatch = [this, &trainer, live, subset = request.liveSubset,
                  lastEmit = Clock::now() - std::chrono::seconds(1)](const BatchProgress& p) mutable {
        // Throttle: at most 4 updates a second however fast the epochs are. Each one replots the loss
        // curve on the GUI thread, which on a 2-core machine takes its time from training.
        const auto now = Clock::now();
        if (now - lastEmit >= std::chrono::milliseconds(250) || p.batch == p.batchesPerEpoch) {
            lastEmit = now;
            emit batchProgress(p);
        }
        const double every = m_liveSeconds.load();
        if (every <= 0 || p.batch >= p.batchesPerEpoch || std::chrono::duration<double>(now - live->last).count() < every)
            return; // off, or the epoch's own views are about to come
        EpochSnapshot s = trainer.liveSnapshot({subset, live->chunk});
        const double cost = std::chrono::duration<double>(Clock::now() - now).count();
        const double allowed = kLiveBudget * every;
        live->chunk = std::clamp<int64_t>(int64_t(double(live->chunk) * allowed / std::max(cost, 1e-4)), 16, subset);
        live->last = Clock::now();
        emit liveViews(s);
    };
    cb.onEpoch = [this, &trainer, data, live, folder = request.runFolder](const EpochSnapshot& s) {
        if (!folder.isEmpty())
            saveRunFolder(trainer, folder.toStdString());
        emit epochFinished(epochResult(s, trainer.model().cloneToCpu(), data));
        live->last = Clock::now(); // the next mid-epoch view a full interval after this one
    };
    return cb;
}

void TrainingWorker::pause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->pause();
}

void TrainingWorker::resume()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->resumeTraining();
}

void TrainingWorker::stop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopRequested = true;
    m_cancelLoad = true;
    if (m_trainer)
        m_trainer->requestStop();
}

void TrainingWorker::setLiveParam(const std::string& key, double value)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->setLiveParam(key, value);
}

} // namespace latentlab::ui
