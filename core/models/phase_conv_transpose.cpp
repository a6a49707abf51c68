#include "core/models/phase_conv_transpose_impl.h"

namespace latentlab {

PhaseConvTranspose2dImpl::PhaseConvTranspose2dImpl(int64_t in, int64_t out)
{
    // Initialised exactly as torch::nn::ConvTranspose2d would be (same draws from the same generator).
    torch::nn::ConvTranspose2d reference(torch::nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1));
    weight = register_parameter("weight", reference->weight);
    bias = register_parameter("bias", reference->bias);
}

torch::Tensor PhaseConvTranspose2dImpl::forward(const torch::Tensor& x)
{
    if (!x.is_cpu() || x.dim() != 4)
        return torch::conv_transpose2d(x, weight, bias, /*stride=*/2, /*padding=*/1);
    const int64_t n = x.size(0), out = weight.size(1), h = x.size(2), w = x.size(3);
    // Output (2m+a, 2n+b) = sum over the padded input's rows m+a, m+a+1 and columns n+b, n+b+1 of
    // kernel taps (a + 2u, b + 2v) of the transposed, flipped kernel.
    const torch::Tensor flipped = weight.transpose(0, 1).flip({2, 3}); // [out, in, 4, 4]
    std::vector<torch::Tensor> phases;
    for (int64_t a = 0; a < 2; ++a)
        for (int64_t b = 0; b < 2; ++b)
            phases.push_back(flipped.slice(2, a, 4, 2).slice(3, b, 4, 2));
    const torch::Tensor y = torch::conv2d(torch::constant_pad_nd(x, {1, 1, 1, 1}), torch::cat(phases, 0), bias.repeat({4}))
                                .view({n, 2, 2, out, h + 1, w + 1});
    auto phase = [&](int64_t a, int64_t b) { return y.select(1, a).select(1, b).slice(2, a, a + h).slice(3, b, b + w); };
    const torch::Tensor even = torch::stack({phase(0, 0), phase(0, 1)}, -1); // [n, out, h, w, 2]
    const torch::Tensor odd = torch::stack({phase(1, 0), phase(1, 1)}, -1);
    return torch::stack({even, odd}, 3).reshape({n, out, 2 * h, 2 * w});
}

} // namespace latentlab
