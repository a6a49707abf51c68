// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/conv_layers_impl.h"

#include "core/torch_compat.h"

namespace latentlab {

namespace {

namespace F = torch::nn::functional;
using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// x [n, in, h, w] -> [n, out, H, W] through oneDNN's convolution kernels (see the header).
struct AdjointConvTransposeFunction : torch::autograd::Function<AdjointConvTransposeFunction> {
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                                 int64_t padding, int64_t outputPadding)
    {
        const int64_t k = weight.size(2);
        auto side = [&](int64_t s) { return (s - 1) * stride - 2 * padding + k + outputPadding; };
        const torch::Tensor shape = torch::empty({x.size(0), weight.size(1), side(x.size(2)), side(x.size(3))}, x.options());
        ctx->save_for_backward({x, weight});
        ctx->saved_data["stride"] = stride;
        ctx->saved_data["padding"] = padding;
        return std::get<0>(at::convolution_backward(x, shape, weight, compat::kNullopt, {stride, stride},
                                                    {padding, padding}, {1, 1}, false, {0, 0}, 1, {true, false, false}));
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &weight = saved[1], g = grads[0].contiguous();
        const int64_t stride = ctx->saved_data["stride"].toInt(), padding = ctx->saved_data["padding"].toInt();
        torch::Tensor gx, gw;
        if (ctx->needs_input_grad(0))
            gx = torch::conv2d(g, weight, {}, stride, padding);
        if (ctx->needs_input_grad(1))
            gw = std::get<1>(at::convolution_backward(x, g, weight, compat::kNullopt, {stride, stride},
                                                      {padding, padding}, {1, 1}, false, {0, 0}, 1, {false, true, false}));
        return {gx, gw, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

// One unit map per condition value: [C, C, h, w], image c has ones in channel c.
torch::Tensor unitMaps(int64_t c, int64_t h, int64_t w, const torch::TensorOptions& options)
{
    return torch::eye(c, options).view({c, c, 1, 1}).expand({c, c, h, w});
}

// y + cond x K, K being the [C, ...] responses to the unit maps.
torch::Tensor addCondition(const torch::Tensor& y, const torch::Tensor& cond, const torch::Tensor& k)
{
    return y + torch::mm(cond, k.reshape({k.size(0), -1})).view_as(y);
}

} // namespace

AdjointConvTranspose2dImpl::AdjointConvTranspose2dImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride_,
                                                       int64_t padding_, int64_t outputPadding_)
    : stride(stride_), padding(padding_), outputPadding(outputPadding_)
{
    // Initialised exactly as torch::nn::ConvTranspose2d would be (same draws from the same generator).
    torch::nn::ConvTranspose2d reference(
        torch::nn::ConvTranspose2dOptions(in, out, kernel).stride(stride).padding(padding).output_padding(outputPadding));
    weight = register_parameter("weight", reference->weight);
    bias = register_parameter("bias", reference->bias);
}

torch::Tensor AdjointConvTranspose2dImpl::forward(const torch::Tensor& x)
{
    return forwardWith(x, weight, bias);
}

torch::Tensor AdjointConvTranspose2dImpl::forwardWith(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) const
{
    if (!x.is_cpu() || x.dim() != 4)
        return torch::conv_transpose2d(x, w, b, stride, padding, outputPadding);
    const torch::Tensor y = AdjointConvTransposeFunction::apply(x, w, stride, padding, outputPadding);
    return b.defined() ? y + b.view({1, -1, 1, 1}) : y;
}

bool takesConditionMaps(const torch::nn::Module& layer)
{
    return dynamic_cast<const torch::nn::Conv2dImpl*>(&layer) || dynamic_cast<const AdjointConvTranspose2dImpl*>(&layer);
}

torch::Tensor convWithConditionMaps(torch::nn::Module& layer, const torch::Tensor& x, const torch::Tensor& cond)
{
    const int64_t in = x.size(1), c = cond.size(1);
    // The split costs C images of C channels for K, concatenation n images of C more channels: for
    // n <= C (an interactive decode, one image against CelebA's 40 attributes), concatenate.
    if (x.size(0) <= c) {
        const torch::Tensor input = torch::cat({x, cond.view({x.size(0), c, 1, 1}).expand({-1, -1, x.size(2), x.size(3)})}, 1);
        if (auto* conv = dynamic_cast<torch::nn::Conv2dImpl*>(&layer))
            return conv->forward(input);
        return dynamic_cast<AdjointConvTranspose2dImpl&>(layer).forward(input);
    }
    const torch::Tensor units = unitMaps(c, x.size(2), x.size(3), x.options());
    if (auto* conv = dynamic_cast<torch::nn::Conv2dImpl*>(&layer)) {
        const auto& o = conv->options;
        auto options = [&] {
            return F::Conv2dFuncOptions().stride(o.stride()).padding(o.padding()).dilation(o.dilation()).groups(o.groups());
        };
        const torch::Tensor k = F::conv2d(units, conv->weight.narrow(1, in, c), options());
        return addCondition(F::conv2d(x, conv->weight.narrow(1, 0, in), options().bias(conv->bias)), cond, k);
    }
    auto& up = dynamic_cast<AdjointConvTranspose2dImpl&>(layer);
    const torch::Tensor k = up.forwardWith(units, up.weight.narrow(0, in, c), torch::Tensor());
    return addCondition(up.forwardWith(x, up.weight.narrow(0, 0, in), up.bias), cond, k);
}

} // namespace latentlab
