// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/judge_nets_impl.h"

#include "core/data/tensor_convert_impl.h"

#include <algorithm>

namespace latentlab::judge {

namespace {
struct GlobalPoolImpl : torch::nn::Module {
    torch::Tensor forward(const torch::Tensor& x) { return torch::cat({x.mean({2, 3}), x.amax({2, 3})}, 1); }
};
TORCH_MODULE(GlobalPool);
} // namespace

torch::Tensor blur(const torch::Tensor& x, double sigma)
{
    auto r = torch::arange(-2, 3, torch::kFloat32);
    auto g = torch::exp(-(r * r) / (2 * sigma * sigma));
    g = g / g.sum();
    const int64_t c = x.size(1);
    auto k = torch::outer(g, g).expand({c, 1, 5, 5}).contiguous();
    return torch::nn::functional::conv2d(x, k, torch::nn::functional::Conv2dFuncOptions().padding(2).groups(c));
}

torch::Tensor decoderLike(torch::Tensor x)
{
    auto chance = [] { return torch::rand({1}).item<double>(); };
    if (chance() < 0.5)
        x = blur(x, 0.5 + 1.5 * chance());
    if (chance() < 0.5) {
        const auto mean = x.mean({1, 2, 3}, true);
        x = mean + (x - mean) * (0.6 + 0.4 * chance());
    }
    if (chance() < 0.5)
        x = (x + torch::randn_like(x) * (0.04 * chance())).clamp(0.0, 1.0);
    return x;
}

// The judge is built unlike every model it judges (their encoders are 4x4 strided convolutions with
// leaky ReLUs): 3x3 convolutions, batch norm, ReLU and max pooling, VGG's pattern. A blind spot it
// shares with a decoder's encoder cannot then make a failed edit look like a success. Pooling stops
// at 8x8 (a smile, a curve of ~12x4 pixels at 64x64, keeps its place) before the final 4x4 pool.
torch::nn::Sequential convolutionalNet(int64_t channels, int64_t outputs)
{
    using namespace torch::nn;
    Sequential net;
    int64_t in = channels;
    for (int64_t out : {24, 48, 96, 96}) {
        net->push_back(Conv2d(Conv2dOptions(in, out, 3).padding(1)));
        net->push_back(BatchNorm2d(out));
        net->push_back(ReLU());
        if (out == 96 && in == 96) // last: any image size ends in 4x4
            net->push_back(AdaptiveMaxPool2d(AdaptiveMaxPool2dOptions({4, 4})));
        else
            net->push_back(MaxPool2d(MaxPool2dOptions(2)));
        in = out;
    }
    net->push_back(Flatten());
    net->push_back(Linear(96 * 16, 64));
    net->push_back(ReLU());
    net->push_back(Linear(64, outputs));
    return net;
}

// The second judge, built another way throughout: a 5x5 stride-2 stem, group norm, ELU, average
// pooling, and a global pool (mean and max over the 8x8 map) instead of a fixed 4x4 layout. It asks
// "is there a smile anywhere", where the first judge also knows where things are.

torch::nn::Sequential pooledNet(int64_t channels, int64_t outputs)
{
    using namespace torch::nn;
    Sequential net;
    net->push_back(Conv2d(Conv2dOptions(channels, 32, 5).stride(2).padding(2)));
    net->push_back(GroupNorm(GroupNormOptions(8, 32)));
    net->push_back(ELU());
    int64_t in = 32;
    for (int64_t out : {64, 128}) {
        net->push_back(Conv2d(Conv2dOptions(in, out, 3).padding(1)));
        net->push_back(GroupNorm(GroupNormOptions(8, out)));
        net->push_back(ELU());
        net->push_back(AvgPool2d(AvgPool2dOptions(2)));
        in = out;
    }
    net->push_back(Conv2d(Conv2dOptions(128, 128, 3).padding(1)));
    net->push_back(ELU());
    net->push_back(GlobalPool());
    net->push_back(Linear(256, 64));
    net->push_back(ELU());
    net->push_back(Linear(64, outputs));
    return net;
}

void train(torch::nn::Sequential& net, const torch::Tensor& images, int epochs,
           const std::function<torch::Tensor(const torch::Tensor& logits, const torch::Tensor& rows)>& lossOf)
{
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
    const int64_t n = images.size(0), batch = 64;
    net->train();
    for (int e = 0; e < epochs; ++e) {
        const auto order = torch::randperm(n, torch::kInt64);
        for (int64_t s = 0; s < n; s += batch) {
            const auto rows = order.slice(0, s, std::min(n, s + batch));
            const auto loss = lossOf(net->forward(decoderLike(imagesToUnitFloat(images.index_select(0, rows)))), rows);
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
    }
    net->eval();
}

} // namespace latentlab::judge
