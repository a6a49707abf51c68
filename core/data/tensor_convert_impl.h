// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): conversion between torch tensors and TensorFile arrays or Images.
#include "core/data/tensor_file.h"
#include "core/image.h"

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

/// Images of a batch (uint8 or float) as float in [0,1] on the images' device.
torch::Tensor imagesToUnitFloat(const torch::Tensor& images);
/// [N,C,H,W] float images in [0,1] to plain Images.
std::vector<Image> tensorToImages(const torch::Tensor& unitImages);
/// The inverse: equally shaped Images (channels c, h x w) as one [N,C,H,W] uint8 tensor.
/// Throws InputError (starting with `what`) when an image has another shape.
torch::Tensor imagesToTensor(const std::vector<Image>& images, int c, int h, int w, const std::string& what);

} // namespace latentlab
