// SPDX-License-Identifier: GPL-3.0-or-later
// latentlab-cli train: one process, or one rank of a data-parallel run started by torchrun. The run
// itself is core's TrainingRun, the window's too; it trains on a worker thread as in the window,
// while the main thread waits and turns SIGINT/SIGTERM into a stop at the next batch.
#include "app/cli_train.h"

#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_json.h"
#include "app/cli_output.h"
#include "core/data/file_io.h"
#include "core/error.h"
#include "core/export/run_folder.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/run/training_run.h"
#include "core/training/checkpoint.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <set>
#include <thread>

#include <pthread.h>
#include <signal.h>

namespace latentlab::cli {

namespace {

// A run parameter's flag, checked against the one table of ranges (exit 2 when out of range).
double checkedParam(const Args& a, const RunParam& p)
{
    const double v = a.getDouble(p.key, 0);
    try {
        p.check(v, "--" + std::string(p.key));
    } catch (const InputError& e) {
        throw UsageError(e.what());
    }
    return v;
}

// A folder's checkpoint is never replaced by another run's without --force: it may hold hours of work.
void refuseToReplace(const Args& a, const std::string& outDir)
{
    // "exists, use --resume" would be wrong advice while another run writes it. Only a data-parallel
    // run's rank 0 writes the folder; the other ranks find it locked by their own rank 0.
    if (distributedEnvFromEnvironment().rank == 0)
        refuseIfBeingWritten(outDir);
    const std::string ck = outDir + "/checkpoint";
    if (!fileExists(ck) || a.has("force"))
        return;
    std::string trained = "a checkpoint";
    try {
        trained = "a checkpoint trained for " + std::to_string(readCheckpointInfo(ck).epoch) + " epochs";
    } catch (const std::exception&) {
        trained = "a file that is not a readable checkpoint";
    }
    throw UsageError(ck + " exists (" + trained + "): continue it with --resume " + outDir +
                     ", write elsewhere with another --out, or pass --force to start over");
}

RunPlan resumePlan(const Args& a)
{
    const std::string from = a.get("resume");
    if (a.has("preset"))
        throw UsageError("--preset conflicts with --resume: a resumed run keeps the model in " + from + "/checkpoint");
    RunPlan plan;
    for (const RunParam& p : runParams()) {
        if (!a.has(p.key))
            continue;
        if (!p.resumable)
            throw UsageError("--" + std::string(p.key) + " conflicts with --resume: a resumed run keeps its checkpoint's " +
                             p.label + " (start a new run with --preset to change it)");
        plan.changes.params[p.key] = checkedParam(a, p);
    }
    plan.changes.device = a.get("device");
    plan.resumeFrom = from + "/checkpoint";
    const ModelInfo info = readCheckpointInfo(plan.resumeFrom);
    plan.folder = a.get("out", from);
    checkOutputFolder(plan.folder); // before any work: --out names a file or a device
    if (plan.folder != from)
        refuseToReplace(a, plan.folder);
    plan.dataset = a.get("dataset");
    plan.epochs = a.has("epochs") ? int(plan.changes.params.at("epochs")) : std::max(info.config.training.epochs, info.epoch + 1);
    return plan;
}

RunPlan freshPlan(const Args& a)
{
    RunPlan plan;
    RunConfig& cfg = plan.config;
    cfg = loadPreset(a.required("preset"));
    plan.folder = a.required("out");
    checkOutputFolder(plan.folder); // before any work: --out names a file or a device
    refuseToReplace(a, plan.folder);
    cfg.dataset = a.get("dataset", cfg.dataset);
    const int presetLatent = cfg.model.latent;
    for (const RunParam& p : runParams())
        if (a.has(p.key))
            p.set(cfg, checkedParam(a, p));
    if (cfg.model.fixedLatent && cfg.model.latent != presetLatent)
        throw UsageError("--latent: preset " + cfg.name + " has a fixed latent size of " + std::to_string(presetLatent));
    cfg.training.device = a.get("device", cfg.training.device);
    validateRunConfig(cfg);
    plan.epochs = cfg.training.epochs;
    return plan;
}

void printHeader(const RunStart& s, const RunPlan& plan)
{
    if (!s.tookOver.empty())
        std::cout << s.tookOver << "\n";
    if (s.staleTempsRemoved > 0)
        std::cout << "removed " << s.staleTempsRemoved << " temp files left by killed runs in " << plan.folder << "\n";
    for (const auto& note : s.data.info().notes)
        std::cout << "note     " << note << "\n";
    std::cout << "dataset  " << s.data.summary() << "\n"
              << "preset   " << s.config.name << " (" << toString(s.config.model.kind) << ", latent " << s.config.model.latent
              << ")\n"
              << "device   " << s.device << "\n";
    if (s.epoch > 0)
        std::cout << "resuming after epoch " << s.epoch << "\n";
    if (s.epoch >= s.epochs)
        std::cout << "already trained for " << s.epoch << " epochs (asked for " << s.epochs << ")\n";
    std::cout << std::flush; // seen at once when piped, like the epoch lines
}

// What the CLI prints of a run: the header, the ranks line, one line per epoch (rank 0).
RunEvents printedEvents(const RunPlan& plan)
{
    const DistributedEnv& dist = plan.distributed;
    auto run = std::make_shared<RunStart>(); // what the epoch lines need of the started run
    RunEvents events;
    events.loading = loadProgressPrinter();
    events.started = [&plan, run](const RunStart& s) {
        *run = s;
        printHeader(s, plan);
    };
    events.joined = [&dist, run](const std::string& backend) {
        std::cout << "ranks    " << dist.describe() << " (c10d " << backend << ", rendezvous at " << dist.masterAddr << ":"
                  << dist.masterPort << "); global batch " << run->config.training.batchSize * dist.worldSize << ", "
                  << (dist.rank == 0 ? "this rank writes the run folder" : "rank 0 writes the run folder") << std::endl;
    };
    if (dist.rank != 0)
        return events;
    events.progress = [run](const BatchProgress& p) {
        printBatchProgress(p.epoch, run->epochs, p.batch, p.batchesPerEpoch, p.loss, p.secondsLeftInRun(run->epochs));
    };
    events.epoch = [&dist, run](const EpochSnapshot& snap) {
        clearProgressLine();
        const EpochStats& s = snap.stats;
        const double images = double(run->data.info().trainCount);
        std::printf("epoch %3d/%d  train %.4f (recon %.4f + kl %.4f)  test %.4f  %.2f s  %.0f img/s", s.epoch, run->epochs,
                    s.trainLoss, s.trainRecon, s.trainKl, s.testLoss, s.seconds, s.seconds > 0 ? images / s.seconds : 0.0);
        if (dist.distributed())
            std::printf("  ranks differ by %.3g, %.0f %% of gradient buckets overlapped backward", snap.rankWeightSpread,
                        100.0 * snap.overlappedBuckets);
        std::printf("\n");
        std::fflush(stdout);
    };
    return events;
}

// The same events as JSON Lines (--json): one object per line, for scripts; no other stdout.
void printStartJson(const RunStart& s, const RunPlan& plan)
{
    JsonLine()
        .add("event", "start")
        .add("dataset", s.data.summary())
        .add("preset", s.config.name)
        .add("kind", toString(s.config.model.kind))
        .add("latent", s.config.model.latent)
        .add("device", s.device)
        .add("epoch", s.epoch)
        .add("epochs", s.epochs)
        .add("folder", plan.folder)
        .add("notes", s.data.info().notes)
        .add("took_over", s.tookOver)
        .print();
}

void printProgressJson(const BatchProgress& p)
{
    JsonLine()
        .add("event", "progress")
        .add("epoch", p.epoch)
        .add("batch", p.batch)
        .add("batches", p.batchesPerEpoch)
        .add("loss", p.loss)
        .add("recon", p.recon)
        .add("kl", p.kl)
        .add("images_per_second", p.imagesPerSecond)
        .add("seconds_left_in_epoch", p.secondsLeftInEpoch)
        .print();
}

void printEpochJson(const EpochSnapshot& snap, const RunStart& run, const DistributedEnv& dist)
{
    const EpochStats& s = snap.stats;
    JsonLine line;
    line.add("event", "epoch")
        .add("epoch", s.epoch)
        .add("epochs", run.epochs)
        .add("train_loss", s.trainLoss)
        .add("train_recon", s.trainRecon)
        .add("train_kl", s.trainKl)
        .add("test_loss", s.testLoss)
        .add("test_recon", s.testRecon)
        .add("test_kl", s.testKl)
        .add("beta", s.beta)
        .add("lr", s.learningRate)
        .add("seconds", s.seconds)
        .add("images_per_second", s.seconds > 0 ? double(run.data.info().trainCount) / s.seconds : 0.0);
    if (dist.distributed())
        line.add("rank_weight_spread", snap.rankWeightSpread).add("overlapped_buckets", snap.overlappedBuckets);
    line.print();
}

RunEvents jsonEvents(const RunPlan& plan)
{
    const DistributedEnv& dist = plan.distributed;
    auto run = std::make_shared<RunStart>();
    RunEvents events;
    events.loading = loadProgressPrinter(); // stderr
    events.started = [&plan, run](const RunStart& s) {
        *run = s;
        printStartJson(s, plan);
    };
    events.joined = [&dist, run](const std::string& backend) {
        JsonLine().add("event", "ranks").add("rank", dist.rank).add("world_size", dist.worldSize).add("backend", backend).print();
    };
    if (dist.rank != 0)
        return events;
    events.progress = printProgressJson;
    events.epoch = [&dist, run](const EpochSnapshot& snap) { printEpochJson(snap, *run, dist); };
    return events;
}

const char* stateName(RunOutcome::State s)
{
    switch (s) {
    case RunOutcome::State::Finished: return "finished";
    case RunOutcome::State::Stopped: return "stopped";
    case RunOutcome::State::Cancelled: return "cancelled";
    case RunOutcome::State::NonFinite: return "non-finite";
    }
    return "unknown";
}

// Runs the plan on a worker thread, as the window does; this thread waits for SIGINT/SIGTERM and
// turns them into a stop at the next batch (or image, while loading); `signal` says which came
// first (0: none). Rethrows what the run threw.
RunOutcome runOnWorker(TrainingRun& run, const RunEvents& events, int& signal)
{
    signal = 0;
    sigset_t stopSignals, before;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    // Blocked here before the worker starts, so it inherits the mask and this thread alone takes them.
    pthread_sigmask(SIG_BLOCK, &stopSignals, &before);
    RunOutcome outcome;
    std::exception_ptr error;
    std::atomic<bool> done {false};
    std::thread worker([&] {
        try {
            outcome = run.run(events);
        } catch (...) {
            error = std::current_exception();
        }
        done = true;
    });
    const timespec tick {0, 50'000'000};
    while (!done)
        if (const int got = sigtimedwait(&stopSignals, nullptr, &tick); got > 0) {
            if (!signal)
                signal = got;
            run.requestStop();
        }
    worker.join();
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (error)
        std::rethrow_exception(error);
    return outcome;
}

// The exit status: 1 for a run that went non-finite, 128 + N after signal N (130 after Ctrl+C, as
// shells report an interrupted program: a script must not take a stopped run for a finished one;
// the last finished epoch is kept all the same), 0 otherwise.
int exitStatus(const RunOutcome& r, int signal)
{
    if (r.state == RunOutcome::State::NonFinite)
        return 1;
    return signal ? 128 + signal : 0;
}

int report(const RunOutcome& r, const RunPlan& plan, bool json, int signal)
{
    if (json) {
        JsonLine()
            .add("event", "result")
            .add("state", stateName(r.state))
            .add("epoch", r.epoch)
            .add("epochs_this_run", r.epochsThisRun)
            .add("wrote_folder", r.wroteFolder)
            .add("folder", plan.folder)
            .add("message", r.message)
            .add("signal", signal)
            .print();
        return exitStatus(r, signal);
    }
    if (r.state == RunOutcome::State::NonFinite) {
        std::cerr << "latentlab-cli: " << r.message << "\n";
        return 1;
    }
    if (r.state == RunOutcome::State::Cancelled)
        std::cout << "stopped before training began; nothing written\n";
    else if (r.epoch == 0)
        std::cout << "stopped before the first epoch ended; nothing written\n";
    else if (plan.distributed.rank != 0)
        std::cout << plan.distributed.describe() << ": " << r.epoch << " epochs done\n";
    else
        std::cout << (r.state == RunOutcome::State::Stopped ? "stopped: " : "done: ") << r.epoch << " epochs; wrote "
                  << plan.folder << "/{checkpoint,metrics.csv,reconstructions.png,samples.png}\n";
    return exitStatus(r, signal);
}

} // namespace

int cmdTrain(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("train"));
    const bool json = a.has("json");
    RunPlan plan = a.has("resume") ? resumePlan(a) : freshPlan(a);
    plan.distributed = distributedEnvFromEnvironment(); // torchrun's RANK, WORLD_SIZE, ...
    plan.rankCheckpoints = a.has("rank-checkpoints");
    plan.writeImage = saveImage;
    makeDir(plan.folder);
    TrainingRun run(plan);
    RunOutcome r;
    int signal = 0;
    try {
        r = runOnWorker(run, json ? jsonEvents(plan) : printedEvents(plan), signal);
    } catch (const std::exception& e) {
        if (json) // the error line for a script, then the usual one-line message on stderr
            JsonLine().add("event", "error").add("message", e.what()).print();
        throw;
    }
    return report(r, plan, json, signal);
}

} // namespace latentlab::cli
