// SPDX-License-Identifier: GPL-3.0-or-later
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

/// The advisory lock of a run folder, held by whoever writes it (a CLI run's rank 0, the window's
/// worker, a resumed run) for as long as it writes: an open-file-description lock (fcntl
/// F_OFD_SETLK) on FOLDER/.lock, which holds the holder's PID, host and command line. The kernel
/// drops the lock when its process ends, however it ends, so no lock outlives a killed writer; the
/// record it leaves names it to the next writer. Readers (follow, explore, evaluate) never take it.
/// On NFS the lock is as good as the server's byte-range locks (docs/reliability.md).
class RunFolderLock {
public:
    /// Takes the lock (the folder must exist). Throws InputError naming the folder and the holder
    /// when another writer has it.
    explicit RunFolderLock(const std::string& folder);
    ~RunFolderLock();
    RunFolderLock(const RunFolderLock&) = delete;
    RunFolderLock& operator=(const RunFolderLock&) = delete;
    /// "took over FOLDER from PID 123 on host (no longer running)" when a killed writer's record was
    /// there, a note when the file system cannot lock (the run goes on unguarded); "" otherwise.
    const std::string& tookOver() const { return m_tookOver; }

private:
    int m_fd = -1;
    std::string m_tookOver;
};

/// Whether a writer holds FOLDER's RunFolderLock now (readers may ask; they never take it). False
/// when there is no lock file (a run from an older version) or it cannot be asked.
bool runFolderLocked(const std::string& folder);
/// Throws the InputError RunFolderLock would ("FOLDER is being written by PID ...") when a writer
/// holds FOLDER now; a check that comes before the others, since no other answer helps then.
void refuseIfBeingWritten(const std::string& folder);

/// Writes FOLDER/status.json atomically; when that fails (a full disk), rewrites it in place or
/// removes it, then throws the failure.
void writeRunStatus(const std::string& folder, const RunStatus& status);
/// Reads FOLDER/status.json; Unknown when there is none. Throws InputError naming the file when it
/// is not a status this version understands.
RunStatus readRunStatus(const std::string& folder);

} // namespace latentlab
