// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/training_session.h"

#include "core/data/file_io.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/pixels/image_io.h"
#include "core/training/checkpoint.h"
#include "core/run/training_run.h"
#include "ui/models/image_convert.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab::ui {

namespace {

QString formatSeconds(double s)
{
    const int t = int(std::ceil(std::max(0.0, s)));
    return t >= 60 ? QObject::tr("%1 min %2 s").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'))
                   : QObject::tr("%1 s").arg(t);
}

} // namespace

TrainingSession::TrainingSession(QObject* parent) : QObject(parent), m_presets(allPresets())
{
    // The first run is the README's main job: the classic VAE on MNIST digits.
    if (const RunConfig* first = findPreset("mlp-vae"))
        m_config = m_base = *first;
    else if (!m_presets.empty())
        m_config = m_base = m_presets.front();
    connect(&m_controller, &TrainingController::stateChanged, this, &TrainingSession::stateChanged);
    const TrainingWorker& worker = m_controller.worker();
    connect(&worker, &TrainingWorker::status, this, &TrainingSession::statusChanged);
    connect(&worker, &TrainingWorker::started, this, &TrainingSession::onStarted);
    connect(&worker, &TrainingWorker::batchProgress, this, &TrainingSession::onBatch);
    connect(&worker, &TrainingWorker::epochFinished, this, &TrainingSession::onEpoch);
    connect(&worker, &TrainingWorker::liveViews, this, &TrainingSession::liveViews);
    connect(&worker, &TrainingWorker::finished, this, [this](const QString& m) { onFinished(m, false); });
    connect(&worker, &TrainingWorker::failed, this, [this](const QString& m) { onFinished(m, true); });
    connect(&m_follower, &RunFollower::checkpointChanged, this, &TrainingSession::followedCheckpoint);
    connect(&m_follower, &RunFollower::statusChanged, this, &TrainingSession::followedStatus);
    connect(&m_follower, &RunFollower::problem, this, [this](const QString& message) {
        emit statusChanged(message);
        emit followProblem(message);
    });
}

TrainingSession::~TrainingSession() { m_controller.shutdown(); }

// --- Running ---------------------------------------------------------------------------------

QString TrainingSession::start()
{
    if (running())
        return tr("Training is already running");
    stopFollowing(); // Train continues the followed run's newest checkpoint, into a folder of its own
    // Train continues an opened checkpoint up to Epochs (the total); otherwise it starts afresh.
    // Epochs no higher than what the model has done: as many again as its run had, shown before
    // it starts (opening an 11-epoch checkpoint shows 11; Train then says 22 and trains to it).
    if (!m_checkpoint.isEmpty() && m_config.training.epochs <= epochsDone()) {
        m_config.training.epochs = std::min(int(runParam("epochs").max), epochsDone() + std::max(1, m_openedRunEpochs));
        emit configChanged();
    }
    return launch({m_checkpoint, m_config.training.epochs, false});
}

QString TrainingSession::step()
{
    if (running()) {
        if (paused()) {
            m_stepping = true;
            setPaused(false);
        }
        return QString();
    }
    stopFollowing();
    // One more epoch of what is shown: the last run's checkpoint, else the opened one.
    const QString from = currentCheckpoint();
    m_stepping = true;
    if (!from.isEmpty() && m_config.training.epochs < epochsDone() + 1) {
        m_config.training.epochs = epochsDone() + 1; // Epochs is the total the run is going to: show it
        emit configChanged();
    }
    const QString error = launch({from, m_config.training.epochs, false});
    if (!error.isEmpty())
        m_stepping = false;
    return error;
}

QString TrainingSession::launch(const Launch& how)
{
    if (!how.evaluateOnly) {
        if (const QString p = problem(); !p.isEmpty())
            return p;
        try {
            validateRunConfig(m_config);
        } catch (const std::exception& e) {
            return QString::fromStdString(e.what());
        }
    }
    RunPlan plan;
    plan.config = m_config;
    plan.epochs = how.untilEpoch;
    plan.evaluateOnly = how.evaluateOnly;
    plan.copyWeights = true;
    plan.liveSubset = liveSubset();
    plan.writeImage = writeImage;
    if (!how.resumeFrom.isEmpty()) {
        plan.resumeFrom = how.resumeFrom.toStdString();
        plan.dataset = m_config.dataset;
        try { // the edits made since the checkpoint was opened, where a resumed run allows them
            plan.changes = resumeChangesBetween(readCheckpointInfo(plan.resumeFrom).config, m_config);
        } catch (const std::exception& e) {
            return QString::fromStdString(e.what());
        }
    }
    m_controller.setLiveRefresh(m_liveSeconds);
    if (!how.evaluateOnly) {
        // The user's data folder, as the CLI's (XDG_DATA_HOME/latentlab/runs); runs that versions
        // before 0.2 saved in Qt's app-data folder stay there and open by path (File > Open recent).
        const QString base = QString::fromStdString(userDataDir()) + QStringLiteral("/runs/");
        const QString stem = base + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-")) +
                             QString::fromStdString(m_config.name);
        // Claimed by creating it: two windows (or two runs) in the same second get folders of their own.
        QDir().mkpath(base);
        // A window killed mid-write left a temp file in its folder, which no later run writes
        // again: the next run of any window removes those of dead writers.
        for (const QString& run : QDir(base).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            removeStaleTemps((base + run).toStdString());
        m_runFolder = stem;
        for (int n = 2; !QDir().mkdir(m_runFolder) && n < 1000; ++n)
            m_runFolder = stem + QLatin1Char('-') + QString::number(n);
        plan.folder = m_runFolder.toStdString();
    }
    m_untilEpoch = how.untilEpoch;
    m_stopRequested = false;
    m_lastBatch = {};
    // A continued run keeps its curve (the worker sends the checkpoint's history); a fresh one starts empty.
    resetModel(how.resumeFrom.isEmpty() ? std::vector<EpochStats>() : m_history,
               !how.resumeFrom.isEmpty() && (!how.evaluateOnly || how.following) && !m_latestModel.empty());
    m_controller.start(plan);
    return QString();
}

void TrainingSession::setLiveRefreshSeconds(double seconds)
{
    m_liveSeconds = std::max(0.0, seconds);
    m_controller.setLiveRefresh(m_liveSeconds);
}

void TrainingSession::setPaused(bool on)
{
    if (!on) {
        m_controller.resume();
        if (running())
            onBatch(m_lastBatch);
        return;
    }
    m_controller.pause();
    setProgressText(tr("paused: epoch %1/%2, batch %3/%4")
                        .arg(std::max(1, m_lastBatch.epoch))
                        .arg(m_untilEpoch)
                        .arg(m_lastBatch.batch)
                        .arg(m_lastBatch.batchesPerEpoch));
}

void TrainingSession::togglePause() { setPaused(!paused()); }

void TrainingSession::stop()
{
    if (!running())
        return;
    m_stopRequested = true;
    m_controller.stop();
    setProgressText(tr("stopping after this batch…"));
}

void TrainingSession::resetModel(const std::vector<EpochStats>& history, bool continuing)
{
    m_history = history;
    m_epochs.clear();
    m_latestModel = Model();
    m_latestData = Dataset();
    m_classNames.clear();
    m_progress = {};
    emit modelReset(continuing);
    emit progressChanged();
}

void TrainingSession::onStarted(const RunStart& start)
{
    m_device = QString::fromStdString(start.device);
    m_classNames = start.data.info().classNames;
    m_runData = start.data;
    if (!start.history.empty()) // a continued run's curve comes with its checkpoint
        m_history = start.history;
    emit statusChanged(QString::fromStdString(start.data.summary()));
}

void TrainingSession::onBatch(const BatchProgress& p)
{
    if (p.batchesPerEpoch <= 0)
        return;
    m_lastBatch = p;
    if (paused() || m_stopRequested)
        return; // the sentence says so; no countdown while nothing trains
    const int total = m_untilEpoch * p.batchesPerEpoch;
    m_progress.maximum = std::max(1, total);
    m_progress.value = (p.epoch - 1) * p.batchesPerEpoch + p.batch;
    const double fraction = double(p.batch) / p.batchesPerEpoch;
    const double left = p.secondsLeftInRun(m_untilEpoch, m_lastEpochSeconds);
    m_progress.text = tr("epoch %1/%2, batch %3/%4, %5 left")
                          .arg(p.epoch)
                          .arg(m_untilEpoch)
                          .arg(p.batch)
                          .arg(p.batchesPerEpoch)
                          .arg(formatSeconds(left));
    m_progress.imagesPerSecond = p.imagesPerSecond;
    emit progressChanged();
    emit batchLoss(p.epoch - 1 + fraction, p.loss);
}

void TrainingSession::onEpoch(const EpochSnapshot& epoch)
{
    m_latestModel = epoch.model;
    m_latestData = m_runData;
    // An opened checkpoint's view repeats its last epoch: replace rather than append.
    if (!m_history.empty() && m_history.back().epoch >= epoch.stats.epoch)
        m_history.back() = epoch.stats;
    else
        m_history.push_back(epoch.stats);
    if (!m_epochs.empty())
        m_epochs.back().model = Model(); // one copy of the weights is enough: the newest
    m_epochs.push_back(epoch);
    m_lastEpochSeconds = epoch.stats.seconds;
    if (m_stepping && running()) {
        m_stepping = false;
        setPaused(true);
    }
    emit epochFinished(m_epochs.back());
}

void TrainingSession::onFinished(const QString& message, bool failed)
{
    if (following()) { // an evaluation of the followed run's checkpoint, not a run's end
        followedEvaluated(message, failed);
        return;
    }
    m_stepping = false;
    const int done = epochsDone();
    if (failed)
        setProgressText(tr("failed after epoch %1: %2").arg(done).arg(message));
    else if (m_stopRequested)
        setProgressText(tr("stopped after epoch %1 of %2").arg(done).arg(m_untilEpoch));
    else if (!m_runFolder.isEmpty() && done > 0)
        setProgressText(done == 1 ? tr("finished: 1 epoch") : tr("finished: %1 epochs").arg(done));
    m_stopRequested = false;
    // After continuing a checkpoint, Train continues from where this run ended.
    if (!m_checkpoint.isEmpty() && QFile::exists(m_runFolder + QStringLiteral("/checkpoint")))
        m_checkpoint = m_runFolder + QStringLiteral("/checkpoint");
    emit statusChanged(message);
    emit finished(message, failed);
}

void TrainingSession::setProgressText(const QString& text)
{
    m_progress.text = text;
    emit progressChanged();
}

} // namespace latentlab::ui
