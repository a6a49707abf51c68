// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The judges' networks and the augmentation they train with, shared by the attribute judge
// (attribute_checks) and the class judge (class_judge). Internal to core: torch types.
#include <torch/torch.h>

#include <functional>

namespace latentlab::judge {

/// A Gaussian blur of a batch (depthwise 5x5 convolution).
torch::Tensor blur(const torch::Tensor& x, double sigma);
/// A training batch made to look, at random, like a decoder's output: blurred, flattened in
/// contrast, grainy. A judge must see what an image shows through those, not tell generated images
/// from real ones by their sharpness.
torch::Tensor decoderLike(torch::Tensor x);
/// VGG's pattern: 3x3 convolutions, batch norm, ReLU, max pooling; ends in 4x4 at any image size.
torch::nn::Sequential convolutionalNet(int64_t channels, int64_t outputs);
/// Built another way throughout: a 5x5 stride-2 stem, group norm, ELU, average pooling, a global
/// mean and max pool.
torch::nn::Sequential pooledNet(int64_t channels, int64_t outputs);
/// Trains a judge: Adam (lr 1e-3), shuffled batches of 64 of `images` (uint8, N x C x H x W) made
/// decoder-like, for `epochs`; `lossOf(logits, rows)` is a batch's loss against its targets (rows:
/// the batch's indices into `images`). Leaves the net in eval mode.
void train(torch::nn::Sequential& net, const torch::Tensor& images, int epochs,
           const std::function<torch::Tensor(const torch::Tensor& logits, const torch::Tensor& rows)>& lossOf);

} // namespace latentlab::judge
