// latentlab-cli train: one process, or one rank of a data-parallel run started by torchrun.
#include "app/cli_train.h"

#include "app/cli_args.h"
#include "app/cli_output.h"
#include "core/data/file_io.h"
#include "core/error.h"
#include "core/export/model_grids.h"
#include "core/export/run_folder.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/training/checkpoint.h"
#include "core/training/distributed.h"
#include "core/training/trainer.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <set>

namespace latentlab::cli {

namespace {

std::atomic<bool> g_interrupted {false};

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

// A run to train: the trainer, the folder it writes and the epochs to reach.
struct TrainJob {
    std::unique_ptr<Trainer> trainer;
    std::string outDir;
    int epochs = 0;
    DistributedEnv dist;          // one process unless torchrun (or the user) set WORLD_SIZE
    bool rankCheckpoints = false; // --rank-checkpoints: every rank writes its weights at the end
};

// A folder's checkpoint is never replaced by another run's without --force: it may hold hours of work.
void refuseToReplace(const Args& a, const std::string& outDir)
{
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

TrainJob resumeJob(const Args& a, const TrainerOptions& options)
{
    const std::string from = a.get("resume");
    if (a.has("preset"))
        throw UsageError("--preset conflicts with --resume: a resumed run keeps the model in " + from + "/checkpoint");
    ResumeChanges changes;
    for (const RunParam& p : runParams()) {
        if (!a.has(p.key))
            continue;
        if (!p.resumable)
            throw UsageError("--" + std::string(p.key) + " conflicts with --resume: a resumed run keeps its checkpoint's " +
                             p.label + " (start a new run with --preset to change it)");
        changes.params[p.key] = checkedParam(a, p);
    }
    changes.device = a.get("device");
    const std::string ck = from + "/checkpoint";
    const ModelInfo info = readCheckpointInfo(ck);
    const RunConfig& cfg = info.config;
    TrainJob job;
    job.outDir = a.get("out", from);
    if (job.outDir != from)
        refuseToReplace(a, job.outDir);
    Dataset data = Dataset::load(a.get("dataset", info.datasetSpec), cfg.training.testFraction, cfg.training.seed);
    job.trainer = Trainer::resume(ck, data, options, changes);
    job.epochs = a.has("epochs") ? int(changes.params.at("epochs")) : std::max(cfg.training.epochs, info.epoch + 1);
    return job;
}

TrainJob freshJob(const Args& a, const TrainerOptions& options)
{
    RunConfig cfg = loadPreset(a.required("preset"));
    TrainJob job;
    job.outDir = a.required("out");
    refuseToReplace(a, job.outDir);
    cfg.dataset = a.get("dataset", cfg.dataset);
    const int presetLatent = cfg.model.latent;
    for (const RunParam& p : runParams())
        if (a.has(p.key))
            p.set(cfg, checkedParam(a, p));
    if (cfg.model.fixedLatent && cfg.model.latent != presetLatent)
        throw UsageError("--latent: preset " + cfg.name + " has a fixed latent size of " + std::to_string(presetLatent));
    cfg.training.device = a.get("device", cfg.training.device);
    validateRunConfig(cfg);
    Dataset data = Dataset::load(cfg.dataset, cfg.training.testFraction, cfg.training.seed);
    job.trainer = std::make_unique<Trainer>(cfg, data, options);
    job.epochs = cfg.training.epochs;
    return job;
}

void printRunHeader(Trainer& trainer, const DistributedEnv& dist, int epochs)
{
    const Dataset& data = trainer.dataset();
    for (const auto& note : data.info().notes)
        std::cout << "note     " << note << "\n";
    std::cout << "dataset  " << data.summary() << "\n"
              << "preset   " << trainer.config().name << " (" << toString(trainer.config().model.kind) << ", latent "
              << trainer.config().model.latent << ")\n"
              << "device   " << trainer.deviceDescription() << "\n";
    std::cout << std::flush;
    if (dist.distributed()) {
        const std::string backend = trainer.joinProcessGroup(); // meets the other ranks: may wait for them
        std::cout << "ranks    " << dist.describe() << " (c10d " << backend << ", rendezvous at "
                  << dist.masterAddr << ":" << dist.masterPort << "); global batch " << trainer.config().training.batchSize * dist.worldSize << ", "
                  << (dist.rank == 0 ? "this rank writes the run folder" : "rank 0 writes the run folder") << "\n";
    }
    if (trainer.epoch() > 0)
        std::cout << "resuming after epoch " << trainer.epoch() << "\n";
    if (trainer.epoch() >= epochs)
        std::cout << "already trained for " << trainer.epoch() << " epochs (asked for " << epochs << ")\n";
    std::cout << std::flush; // seen at once when piped, like the epoch lines
}

// Each epoch: a line, the run folder's files and its status; Ctrl+C stops at the next batch. In a
// data-parallel run only rank 0 writes (and says how far apart the ranks' weights are).
TrainerCallbacks trainCallbacks(Trainer& t, const TrainJob& job, RunStatus& status)
{
    TrainerCallbacks cb;
    cb.onBatch = [&t](const BatchProgress&) {
        if (g_interrupted)
            t.requestStop();
    };
    cb.onEpoch = [&t, &job, &status](const EpochSnapshot& snap) {
        if (g_interrupted)
            t.requestStop();
        if (job.dist.rank != 0)
            return;
        const EpochStats& s = snap.stats;
        const double images = double(t.dataset().info().trainCount);
        std::printf("epoch %3d/%d  train %.4f (recon %.4f + kl %.4f)  test %.4f  %.2f s  %.0f img/s", s.epoch, job.epochs,
                    s.trainLoss, s.trainRecon, s.trainKl, s.testLoss, s.seconds, s.seconds > 0 ? images / s.seconds : 0.0);
        if (job.dist.distributed())
            std::printf("  ranks differ by %.3g", snap.rankWeightSpread);
        std::printf("\n");
        std::fflush(stdout);
        saveRunFolder(t, job.outDir);
        saveImage(snap.reconstructions, job.outDir + "/reconstructions.png");
        status.epoch = s.epoch;
        writeRunStatus(job.outDir, status);
    };
    return cb;
}

// The end of a run on rank 0: samples, and what was written.
int finishRun(Trainer& t, const TrainJob& job, const TrainResult& r)
{
    if (t.epoch() == 0) { // stopped before one epoch ended: an untrained model is not worth a file
        std::cout << "stopped before the first epoch ended; nothing written\n";
        return 0;
    }
    if (job.rankCheckpoints && job.dist.distributed())
        t.saveCheckpoint(job.outDir + "/rank-" + std::to_string(job.dist.rank) + ".checkpoint");
    if (job.dist.rank != 0) {
        std::cout << job.dist.describe() << ": " << t.epoch() << " epochs done\n";
        return 0;
    }
    Model model = t.model();
    const auto codes = aeCodes(model, &t.dataset());
    auto samples = sampleImages(model, codes.get(), 64, t.config().training.seed);
    saveImage(makeGrid(samples, sampleGridColumns(model, 64, false)), job.outDir + "/samples.png");
    std::cout << (r.reason == StopReason::Stopped ? "stopped: " : "done: ") << t.epoch() << " epochs; wrote " << job.outDir
              << "/{checkpoint,metrics.csv,reconstructions.png,samples.png}\n";
    return 0;
}

} // namespace

int cmdTrain(const std::vector<std::string>& argv)
{
    std::set<std::string> valued {"preset", "dataset", "out", "device", "resume"};
    for (const RunParam& p : runParams())
        valued.insert(p.key);
    Args a(argv, 2, valued, {"force", "rank-checkpoints"});
    // Before anything slow (the dataset load): Ctrl+C from now on stops at the next batch.
    std::signal(SIGINT, [](int) { g_interrupted = true; });
    std::signal(SIGTERM, [](int) { g_interrupted = true; });
    TrainerOptions options;
    options.distributed = distributedEnvFromEnvironment(); // torchrun's RANK, WORLD_SIZE, ...
    options.snapshots = options.distributed.rank == 0;
    TrainJob job = a.has("resume") ? resumeJob(a, options) : freshJob(a, options);
    job.dist = options.distributed;
    job.rankCheckpoints = a.has("rank-checkpoints");
    Trainer* t = job.trainer.get();
    const bool writer = job.dist.rank == 0;
    makeDir(job.outDir);
    if (writer)
        if (const int stale = removeStaleTemps(job.outDir))
            std::cout << "removed " << stale << " temp files left by killed runs in " << job.outDir << "\n";
    printRunHeader(*t, job.dist, job.epochs);
    // For a window following this folder (latentlab --follow): running, then how it ended. Written
    // from the first finished epoch on: a run stopped before that leaves nothing behind.
    RunStatus status {RunStatus::State::Running, t->epoch(), job.epochs, {}};
    const auto ended = [&](RunStatus::State state, const std::string& message) {
        if (t->epoch() == 0 || !writer)
            return;
        status.state = state;
        status.epoch = t->epoch();
        status.message = message;
        writeRunStatus(job.outDir, status);
    };

    const TrainerCallbacks cb = trainCallbacks(*t, job, status);
    TrainResult r;
    try {
        r = t->train(job.epochs, cb);
    } catch (const std::exception& e) {
        ended(RunStatus::State::Failed, e.what());
        throw;
    }
    if (r.reason == StopReason::NonFiniteLoss) {
        ended(RunStatus::State::Failed, r.message);
        std::cerr << "latentlab-cli: " << r.message << "\n";
        return 1;
    }
    ended(r.reason == StopReason::Stopped ? RunStatus::State::Stopped : RunStatus::State::Finished,
          r.reason == StopReason::Stopped ? "stopped by a signal" : "");
    return finishRun(*t, job, r);
}

} // namespace latentlab::cli
