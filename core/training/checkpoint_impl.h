// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): checkpoint files (a LatentLab tensor file of kind "checkpoint").
#include "core/data/tensor_file.h"
#include "core/models/model_impl.h"
#include "core/models/epoch_stats.h"

#include <map>

namespace latentlab {

constexpr int kCheckpointFormat = 1;

class Optimizer;

struct CheckpointContents {
    std::string path;
    ModelInfo info;
    uint64_t seed = 0;
    int64_t optimizerStep = 0;
    double muProduct = 1.0;
    std::vector<EpochStats> history;
    std::vector<std::string> signature;
    TensorFile file;
};

/// Writes weights, optimizer state (optional), config, epoch, seed and history atomically.
void writeCheckpoint(const std::string& path, const ModelState& model, const Optimizer* optimizer, uint64_t seed,
                     const std::vector<EpochStats>& history);
/// Reads and validates a checkpoint's structure (format, version, config).
CheckpointContents readCheckpoint(const std::string& path);
/// Copies weights into `model` after checking the architecture signature matches.
void loadModelWeights(ModelState& model, const CheckpointContents& contents);
/// Optimizer tensors stored under "optim.".
std::map<std::string, torch::Tensor> optimizerTensors(const CheckpointContents& contents);

} // namespace latentlab
