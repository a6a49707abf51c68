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
/// Prints a dataset load's progress to stderr in steps of 10 % (Dataset's load progress handler).
std::function<void(const std::string& what, int64_t done, int64_t total)> loadProgressPrinter();
/// Writes a PNG (a note on stderr in builds without OpenCV).
void saveImage(const Image& image, const std::string& path);

} // namespace latentlab::cli
