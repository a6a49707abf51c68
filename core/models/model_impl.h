// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): what a Model holds.
#include "core/models/autoencoder_impl.h"
#include "core/models/model.h"

#include <mutex>

namespace latentlab {

struct ModelState {
    ModelInfo info;
    Autoencoder module{nullptr};
    torch::Device device = torch::kCPU;
};

/// Condition rows for a batch: one-hot labels or attribute vectors, on `device` (undefined when
/// the model is unconditional).
torch::Tensor conditionBatch(const ModelInfo& info, const torch::Tensor& labels, const torch::Tensor& attributes);

/// Throws InputError naming the dataset when its images or attributes do not fit the model.
void requireDatasetFits(const ModelInfo& info, const DatasetInfo& data);

/// Rows [begin, end) of a dataset split as the model takes them, on `device`: the images in its
/// input range and their condition rows (undefined for an unconditional model).
struct SplitBatch {
    torch::Tensor x, condition;
};
SplitBatch splitBatch(const ModelInfo& info, const DatasetTensors& tensors, bool testSplit, int64_t begin, int64_t end,
                      torch::Device device);

/// Name of a ModelConfig/dataset combination's condition source, resolving "auto".
void resolveCondition(ModelInfo& info, const DatasetInfo& data);

} // namespace latentlab
