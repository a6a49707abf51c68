#pragma once
// What several latentlab-cli commands write: folders, PNGs, and the codes a plain AE samples from.
#include "core/data/dataset.h"
#include "core/image.h"
#include "core/models/model.h"

#include <memory>
#include <string>

namespace latentlab::cli {

/// Creates `dir` and any missing parents (like mkdir -p): --out runs/today/vae just works.
void makeDir(const std::string& dir);
/// Writes a PNG (a note on stderr in builds without OpenCV).
void saveImage(const Image& image, const std::string& path);
/// Test codes of a plain AE (sample draws come from a Gaussian fitted to them); null otherwise.
std::unique_ptr<LatentCodes> aeCodes(const Model& model, const Dataset* data);

} // namespace latentlab::cli
