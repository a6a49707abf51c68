// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// latentlab-cli's export commands: grids, videos, latent codes, maps and weights for Python.
#include <string>
#include <vector>

namespace latentlab::cli {

int cmdExportGrid(const std::vector<std::string>& argv);
int cmdExportVideo(const std::vector<std::string>& argv);
int cmdExportLatents(const std::vector<std::string>& argv);
int cmdExportWeights(const std::vector<std::string>& argv);
/// `map`: a 2-D map (PCA, t-SNE or UMAP) of a checkpoint's codes as CSV.
int cmdMap(const std::vector<std::string>& argv);

} // namespace latentlab::cli
