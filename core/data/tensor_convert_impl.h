#pragma once
// Internal (includes torch): conversion between torch tensors and TensorFile arrays.
#include "core/data/tensor_file.h"

#include <torch/torch.h>

namespace latentlab {

/// A CPU tensor holding a copy of the array.
torch::Tensor arrayToTensor(const NamedArray& array);
/// A copy of the tensor (moved to CPU; floating types stored as f32).
NamedArray tensorToArray(const std::string& name, const torch::Tensor& tensor);

} // namespace latentlab
