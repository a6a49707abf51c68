#pragma once
// Internal (torch): the decoders' upsampling layer, a transposed convolution with kernel 4,
// stride 2 and padding 1, computed on the CPU as one ordinary convolution.
//
// Why: LibTorch 1.13 runs ConvTranspose2d on the CPU through its generic im2col path
// (aten::slow_conv_transpose2d, forward and backward), while Conv2d runs through oneDNN. Profiled
// on conv-cvae-faces, the transposed layers took about three times as long as the mirrored encoder
// convolutions. Each output pixel (2m+a, 2n+b) sees a 2x2 window of the input, and which kernel
// taps apply depends only on its phase (a, b). So one 2x2 convolution with 4 x out channels (a
// phase each) over the input padded by 1 gives all four phases, which then interleave.
//
// The parameters are ConvTranspose2d's own (weight [in, out, 4, 4], bias [out]), with the same names
// and the same initial values, so checkpoints and exported weights do not change. CUDA tensors take
// torch's conv_transpose2d (cuDNN has a fast one).
#include <torch/torch.h>

namespace latentlab {

struct PhaseConvTranspose2dImpl : torch::nn::Module {
    PhaseConvTranspose2dImpl(int64_t in, int64_t out);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight, bias;
};
TORCH_MODULE(PhaseConvTranspose2d);

/// Whether a transposed convolution with these settings can be a PhaseConvTranspose2d.
inline bool phaseDecomposable(int64_t kernel, int64_t stride, int64_t padding, int64_t outputPadding)
{
    return kernel == 4 && stride == 2 && padding == 1 && outputPadding == 0;
}

} // namespace latentlab
