#pragma once
// A run folder's files after each epoch: metrics.csv and the checkpoint, written together by the
// CLI and the window alike, each atomically (temp file, fsync, rename). metrics.csv goes first, so
// after a kill the checkpoint is never ahead of it, and a resumed run rewrites it from the
// checkpoint's own history. status.json says whether the run is still going, for a window that
// follows the folder from elsewhere (`latentlab --follow DIR`).
#include "core/training/trainer.h"

#include <string>

namespace latentlab {

/// Writes FOLDER/metrics.csv and FOLDER/checkpoint for the trainer's finished epochs.
void saveRunFolder(const Trainer& trainer, const std::string& folder);

/// Where a run stands, as its writer last said.
struct RunStatus {
    enum class State { Unknown, Running, Finished, Stopped, Failed };
    State state = State::Unknown; // Unknown: no status.json (a run from an older version, or none yet)
    int epoch = 0;                // epochs done when written
    int epochs = 0;               // the run's target
    std::string message;          // why it stopped or failed

    bool ended() const { return state == State::Finished || state == State::Stopped || state == State::Failed; }
};

const char* toString(RunStatus::State state);

/// Writes FOLDER/status.json atomically.
void writeRunStatus(const std::string& folder, const RunStatus& status);
/// Reads FOLDER/status.json; Unknown when there is none. Throws InputError naming the file when it
/// is not a status this version understands.
RunStatus readRunStatus(const std::string& folder);

} // namespace latentlab
