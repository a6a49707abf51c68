// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/training_run.h"

#include "core/data/file_io.h"
#include "core/export/model_grids.h"
#include "core/latent/disentanglement.h"
#include "core/models/run_params.h"
#include "core/training/checkpoint.h"

#include <algorithm>
#include <chrono>

namespace latentlab {

namespace {

using Clock = std::chrono::steady_clock;

// Runs a function when the scope ends, on every path out (return, exception).
template <typename F>
struct ScopeExit {
    F f;
    ~ScopeExit() { f(); }
};
template <typename F>
ScopeExit(F) -> ScopeExit<F>;

double secondsBetween(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

} // namespace

ResumeChanges resumeChangesBetween(const RunConfig& saved, const RunConfig& edited)
{
    ResumeChanges changes;
    for (const RunParam& p : runParams())
        if (p.resumable && p.get(edited) != p.get(saved))
            changes.params[p.key] = p.get(edited);
    if (edited.training.device != saved.training.device)
        changes.device = edited.training.device;
    return changes;
}

void scoreDisentanglement(EpochSnapshot& s, const Model& model, const Dataset& data)
{
    const LatentCodes& codes = s.latents;
    if (data.info().factorNames.empty() || codes.count() < 20 || model.info().conditional())
        return;
    try {
        s.metrics = testCodeDisentanglement(codes.values, codes.dim, std::min(codes.count(), TrainingRun::kMetricsCodes), data);
        s.hasMetrics = true;
    } catch (const std::exception&) {
        // Non-finite codes (a diverging run): no scores this epoch; the loss says why.
    }
}

TrainingRun::TrainingRun(RunPlan plan) : m_plan(std::move(plan)) {}

TrainingRun::~TrainingRun() = default;

std::unique_ptr<Trainer> TrainingRun::makeTrainer(const Dataset& data) const
{
    TrainerOptions options;
    options.distributed = m_plan.distributed;
    options.snapshots = m_plan.distributed.rank == 0;
    if (m_plan.resumeFrom.empty())
        return std::make_unique<Trainer>(m_plan.config, data, options);
    return Trainer::resume(m_plan.resumeFrom, data, options, m_plan.changes);
}

std::unique_ptr<Trainer> TrainingRun::loadAndBuild(const RunEvents& events)
{
    // Loads poll this flag between images; Stop pressed before run() began (it is queued) counts.
    setLoadCancelFlag(&m_cancelLoad);
    ScopeExit resetLoadHooks {[] {
        setLoadProgressHandler({});
        setLoadCancelFlag(nullptr);
    }};
    if (events.loading)
        setLoadProgressHandler(events.loading);
    std::string spec = m_plan.config.dataset;
    RunConfig saved = m_plan.config;
    if (!m_plan.resumeFrom.empty()) {
        const ModelInfo info = readCheckpointInfo(m_plan.resumeFrom);
        saved = info.config;
        spec = m_plan.dataset.empty() ? info.datasetSpec : m_plan.dataset;
    }
    try {
        Dataset data = Dataset::load(spec, saved.training.testFraction, saved.training.seed);
        return makeTrainer(data);
    } catch (const LoadCancelled&) {
        return nullptr;
    }
}

RunOutcome TrainingRun::run(const RunEvents& events)
{
    RunOutcome outcome;
    outcome.state = RunOutcome::State::Cancelled;
    std::unique_ptr<RunFolderLock> lock; // one writer per run folder, before anything slow
    if (writer() && !m_plan.evaluateOnly) {
        makeDirs(m_plan.folder);
        lock = std::make_unique<RunFolderLock>(m_plan.folder);
    }
    std::unique_ptr<Trainer> owned = loadAndBuild(events);
    if (!owned)
        return outcome;
    Trainer& trainer = *owned;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        outcome.epoch = trainer.epoch();
        if (m_stopRequested)
            return outcome;
        m_trainer = &trainer;
        if (m_pauseRequested)
            trainer.pause();
    }
    // Declared after the trainer, so control calls stop reaching it before it is destroyed.
    ScopeExit forgetTrainer {[this] {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_trainer = nullptr;
    }};
    RunStart start {trainer.config(), trainer.dataset(), trainer.deviceDescription(), trainer.epoch(),
                     m_plan.epochs, trainer.history(), 0, ""};
    if (lock) {
        start.staleTempsRemoved = removeStaleTemps(m_plan.folder);
        start.tookOver = lock->tookOver();
    }
    if (events.started)
        events.started(start);
    outcome.state = RunOutcome::State::Finished;
    if (m_plan.evaluateOnly) {
        EpochSnapshot s = trainer.snapshot();
        s.model = trainer.model().cloneToCpu();
        scoreDisentanglement(s, s.model, trainer.dataset());
        if (events.epoch)
            events.epoch(s);
        return outcome;
    }
    if (m_plan.distributed.distributed()) {
        std::string backend;
        try {
            backend = trainer.joinProcessGroup(); // meets the other ranks: may wait for them, answers a stop
        } catch (const LoadCancelled&) {
            outcome.state = RunOutcome::State::Cancelled;
            return outcome;
        }
        if (events.joined)
            events.joined(backend);
    }
    train(trainer, events, outcome);
    return outcome;
}

void TrainingRun::train(Trainer& trainer, const RunEvents& events, RunOutcome& outcome)
{
    TrainResult r;
    try {
        r = trainer.train(m_plan.epochs, callbacks(trainer, events));
    } catch (const std::exception& e) {
        try {
            writeStatus(trainer, RunStatus::State::Failed, e.what());
        } catch (const std::exception&) {
            // The first failure is the one to report (a full disk fails the status write too).
        }
        throw;
    }
    outcome.epoch = trainer.epoch();
    outcome.epochsThisRun = r.epochsDone;
    outcome.message = r.message;
    outcome.wroteFolder = writer() && trainer.epoch() > 0;
    if (r.reason == StopReason::NonFiniteLoss) {
        outcome.state = RunOutcome::State::NonFinite;
        writeStatus(trainer, RunStatus::State::Failed, r.message);
        return;
    }
    const bool stopped = r.reason == StopReason::Stopped;
    outcome.state = stopped ? RunOutcome::State::Stopped : RunOutcome::State::Finished;
    writeStatus(trainer, stopped ? RunStatus::State::Stopped : RunStatus::State::Finished, stopped ? "stopped" : "");
    finish(trainer);
}

TrainerCallbacks TrainingRun::callbacks(Trainer& trainer, const RunEvents& events)
{
    // Mid-epoch views: every m_liveSeconds of training, re-encode as much of the scatter's subset
    // as kLiveBudget of that time allows (the chunk adapts to what the last refresh cost).
    struct Live {
        Clock::time_point last = Clock::now();
        Clock::time_point lastProgress = Clock::now() - std::chrono::seconds(1);
        int64_t chunk = 64;
    };
    auto live = std::make_shared<Live>();
    TrainerCallbacks cb;
    cb.onBatch = [this, &trainer, &events, live](const BatchProgress& p) {
        // Throttle: at most 4 updates a second however fast the epochs are. Each one replots the
        // window's loss curve on the GUI thread, which on a 2-core machine takes its time from training.
        if (m_stopRequested) // a stop asked for before train() began, which clears the trainer's own
            trainer.requestStop();
        const auto now = Clock::now();
        if (events.progress && (now - live->lastProgress >= std::chrono::milliseconds(250) || p.batch == p.batchesPerEpoch)) {
            live->lastProgress = now;
            events.progress(p);
        }
        const double every = m_liveSeconds.load();
        if (!events.live || every <= 0 || p.batch >= p.batchesPerEpoch || secondsBetween(live->last, now) < every)
            return; // off, or the epoch's own views are about to come
        EpochSnapshot s = trainer.liveSnapshot({m_plan.liveSubset, live->chunk});
        const double cost = secondsBetween(now, Clock::now());
        const double allowed = kLiveBudget * every;
        live->chunk = std::clamp<int64_t>(int64_t(double(live->chunk) * allowed / std::max(cost, 1e-4)), 16, m_plan.liveSubset);
        live->last = Clock::now();
        events.live(s);
    };
    cb.onEpoch = [this, &trainer, &events, live](const EpochSnapshot& snap) {
        writeEpoch(trainer, snap);
        if (events.epoch) {
            EpochSnapshot s = snap;
            const Model weights = trainer.model();
            if (m_plan.copyWeights)
                s.model = weights.cloneToCpu();
            scoreDisentanglement(s, weights, trainer.dataset());
            events.epoch(s);
        }
        live->last = Clock::now(); // the next mid-epoch view a full interval after this one
    };
    return cb;
}

void TrainingRun::writeEpoch(Trainer& trainer, const EpochSnapshot& snapshot)
{
    if (!writer())
        return;
    saveRunFolder(trainer, m_plan.folder);
    if (m_plan.writeImage && !snapshot.reconstructions.empty())
        m_plan.writeImage(snapshot.reconstructions, m_plan.folder + "/reconstructions.png");
    writeStatus(trainer, RunStatus::State::Running, "");
}

void TrainingRun::writeStatus(const Trainer& trainer, RunStatus::State state, const std::string& message)
{
    // From the first finished epoch on: a run stopped before that leaves nothing behind.
    if (!writer() || trainer.epoch() == 0)
        return;
    writeRunStatus(m_plan.folder, {state, trainer.epoch(), m_plan.epochs, message});
}

void TrainingRun::finish(Trainer& trainer)
{
    if (trainer.epoch() == 0)
        return; // an untrained model is not worth a file
    if (m_plan.rankCheckpoints && m_plan.distributed.distributed() && !m_plan.folder.empty())
        trainer.saveCheckpoint(m_plan.folder + "/rank-" + std::to_string(m_plan.distributed.rank) + ".checkpoint");
    if (!writer() || !m_plan.writeImage)
        return;
    const Model model = trainer.model();
    const auto codes = autoencoderCodes(model, &trainer.dataset());
    const auto samples = sampleImages(model, codes.get(), 64, trainer.config().training.seed);
    m_plan.writeImage(makeGrid(samples, sampleGridColumns(model, 64, false)), m_plan.folder + "/samples.png");
}

void TrainingRun::requestStop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopRequested = true;
    m_cancelLoad = true;
    if (m_trainer)
        m_trainer->requestStop();
}

void TrainingRun::pause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pauseRequested = true;
    if (m_trainer)
        m_trainer->pause();
}

void TrainingRun::resume()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pauseRequested = false;
    if (m_trainer)
        m_trainer->resumeTraining();
}

bool TrainingRun::holdingPause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_trainer && m_trainer->holdingPause();
}

int64_t TrainingRun::batchesTrained()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_trainer ? m_trainer->batchesTrained() : 0;
}

void TrainingRun::setLiveParam(const std::string& key, double value)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->setLiveParam(key, value);
}

} // namespace latentlab
