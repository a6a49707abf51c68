#pragma once
// A run folder's files after each epoch: metrics.csv and the checkpoint, written together by the
// CLI and the window alike, each atomically (temp file, fsync, rename). metrics.csv goes first, so
// after a kill the checkpoint is never ahead of it, and a resumed run rewrites it from the
// checkpoint's own history.
#include "core/training/trainer.h"

#include <string>

namespace latentlab {

/// Writes FOLDER/metrics.csv and FOLDER/checkpoint for the trainer's finished epochs.
void saveRunFolder(const Trainer& trainer, const std::string& folder);

} // namespace latentlab
