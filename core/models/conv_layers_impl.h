// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (torch): how the models' convolutions run on the CPU.
//
// AdjointConvTranspose2d. LibTorch runs ConvTranspose2d on the CPU through its generic im2col path
// (aten::slow_conv_transpose2d, forward and backward), while Conv2d runs through oneDNN. A
// transposed convolution is the adjoint of a convolution: its output is the input gradient of
// conv2d(., W) at the gradient x. So its forward is convolution_backward's input gradient, its input
// gradient is conv2d(g, W), and its weight gradient is convolution_backward's weight gradient with
// the roles of x and g swapped: three oneDNN calls. Profiled on conv-cvae-faces (docs/benchmarks.md),
// that is 3-4x faster per layer than torch's own. The parameters are ConvTranspose2d's own (weight
// [in, out, k, k], bias [out]), with the same names and initial values, so checkpoints and exported
// weights do not change. CUDA tensors take torch's conv_transpose2d (cuDNN's is fast).
//
// convWithConditionMaps. A conditional model's convolutions see the condition as constant maps,
// one channel per value (ModelConfig::conditionMaps). Concatenating them costs as much as real
// channels (the first face convolution's input goes from 3 to 12 channels). The layer is linear in
// its input, so it splits: the image channels through the weights' image part, plus
// cond x K, where K is the response to one unit map per condition value (a batch of C images),
// zero padding at the borders included. Same numbers, a fraction of the work for a training batch;
// batches no larger than C (one image decoded in the Explore view) still concatenate.
#include <torch/torch.h>

namespace latentlab {

struct AdjointConvTranspose2dImpl : torch::nn::Module {
    AdjointConvTranspose2dImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, int64_t outputPadding);
    torch::Tensor forward(const torch::Tensor& x);
    /// The layer with another weight (a slice of this one's input channels) and bias (may be undefined).
    torch::Tensor forwardWith(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) const;
    torch::Tensor weight, bias;
    int64_t stride, padding, outputPadding;
};
TORCH_MODULE(AdjointConvTranspose2d);

/// Whether `layer` is a convolution that takes condition maps (Conv2d or AdjointConvTranspose2d).
bool takesConditionMaps(const torch::nn::Module& layer);

/// `layer` applied to x with the condition [n, C] as C constant extra input channels after x's.
torch::Tensor convWithConditionMaps(torch::nn::Module& layer, const torch::Tensor& x, const torch::Tensor& cond);

} // namespace latentlab
