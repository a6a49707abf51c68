// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Model weights for Python: a file that `torch.load` reads into a dict of tensors whose names
// are those of the equivalent PyTorch module (docs/python.md; resources/python/latentlab_model.py
// builds that module), plus a JSON description of the architecture beside it.
#include "core/models/model.h"

#include <string>
#include <vector>

namespace latentlab {

struct WeightsExport {
    std::string weightsPath;               // the pickled dict of tensors (torch.load reads it)
    std::string descriptionPath;           // weightsPath with the extension replaced by .json
    std::vector<std::string> tensorNames;  // in state_dict order: parameters, then buffers
};

/// Writes the model's parameters and buffers (on the CPU, float32) with torch::pickle_save, and the
/// architecture as JSON. Throws Error naming the file when it cannot be written.
WeightsExport exportWeights(const Model& model, const std::string& weightsPath);
/// The description file that goes with a weights file: "dir/name.pt" -> "dir/name.json".
std::string weightsDescriptionPath(const std::string& weightsPath);

} // namespace latentlab
