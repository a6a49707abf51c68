#include "core/export/run_folder.h"

#include "core/data/file_io.h"
#include "core/export/csv_export.h"
#include "core/json_fields_impl.h"

namespace latentlab {

void saveRunFolder(const Trainer& trainer, const std::string& folder)
{
    writeTextFile(folder + "/metrics.csv", lossHistoryCsv(trainer.history()));
    trainer.saveCheckpoint(folder + "/checkpoint");
}

namespace {
constexpr RunStatus::State kStates[] = {RunStatus::State::Running, RunStatus::State::Finished, RunStatus::State::Stopped,
                                        RunStatus::State::Failed};
} // namespace

const char* toString(RunStatus::State state)
{
    switch (state) {
    case RunStatus::State::Running: return "running";
    case RunStatus::State::Finished: return "finished";
    case RunStatus::State::Stopped: return "stopped";
    case RunStatus::State::Failed: return "failed";
    case RunStatus::State::Unknown: break;
    }
    return "unknown";
}

void writeRunStatus(const std::string& folder, const RunStatus& s)
{
    const nlohmann::json j = {{"format", "latentlab-run-status"},
                              {"state", toString(s.state)},
                              {"epoch", s.epoch},
                              {"epochs", s.epochs},
                              {"message", s.message}};
    writeTextFile(folder + "/status.json", dumpJson(j, 2) + "\n");
}

RunStatus readRunStatus(const std::string& folder)
{
    const std::string path = folder + "/status.json";
    if (!fileExists(path))
        return {};
    const std::vector<uint8_t> bytes = readFileBytes(path, 1u << 20);
    const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded())
        throw InputError(path + ": not valid JSON");
    const JsonFields f(j, path, {"format", "state", "epoch", "epochs", "message"});
    std::string format, state;
    f.text("format", format);
    if (format != "latentlab-run-status")
        f.fail("format", "must be \"latentlab-run-status\"");
    f.text("state", state);
    RunStatus s;
    for (RunStatus::State k : kStates)
        if (state == toString(k))
            s.state = k;
    if (s.state == RunStatus::State::Unknown)
        f.fail("state", "must be running, finished, stopped or failed");
    f.integer("epoch", s.epoch, 0);
    f.integer("epochs", s.epochs, 0);
    f.text("message", s.message);
    return s;
}

} // namespace latentlab
