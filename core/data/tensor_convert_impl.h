#pragma once
// Internal (includes torch): conversion between torch tensors and TensorFile arrays.
#include "core/data/tensor_file.h"

#include <torch/torch.h>

namespace latentlab {

/// A CPU tensor holding a copy of the array.
torch::Tensor arrayToTensor(const NamedArray& array);
/// The tensor as it is stored: contiguous, on the CPU, u8 / i64 kept, everything else f32.
torch::Tensor storableTensor(const torch::Tensor& tensor);
/// An array borrowing the memory of a storableTensor() result (keep that tensor alive).
NamedArray arrayView(const std::string& name, const torch::Tensor& stored);
/// A copy of the tensor (moved to CPU; floating types stored as f32).
NamedArray tensorToArray(const std::string& name, const torch::Tensor& tensor);

} // namespace latentlab
