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

/// Name of a ModelConfig/dataset combination's condition source, resolving "auto".
void resolveCondition(ModelInfo& info, const DatasetInfo& data);

} // namespace latentlab
