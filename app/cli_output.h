// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What several latentlab-cli commands write: folders, PNGs, and the codes a plain AE samples from.
#include "core/data/dataset.h"
#include "core/image.h"
#include "core/models/model.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace latentlab::cli {

/// Creates `dir` and any missing parents (like mkdir -p): --out runs/today/vae just works.
void makeDir(const std::string& dir);
/// Whether stderr is a terminal: only then do the commands draw progress (a line redrawn with \r);
/// into a log file or a pipe they write whole lines only.
bool stderrIsTerminal();
/// A dataset load's progress (Dataset's load progress handler): redrawn on a terminal in steps of
/// 10 %; elsewhere nothing (the run's header line says what was loaded).
std::function<void(const std::string& what, int64_t done, int64_t total)> loadProgressPrinter();
/// Within an epoch, on a terminal only: "epoch 3/10  45 %  loss 123.4  ETA 12 s" redrawn on stderr
/// (cleared before the epoch's own line). A no-op elsewhere.
void printBatchProgress(int epoch, int epochs, int batch, int batches, double loss, double secondsLeft);
/// Clears a progress line drawn by printBatchProgress (before a line on stdout).
void clearProgressLine();
/// Writes a PNG (a note on stderr in builds without OpenCV).
void saveImage(const Image& image, const std::string& path);

} // namespace latentlab::cli
