// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/class_judge.h"

#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"
#include "core/error.h"
#include "core/latent/judge_nets_impl.h"
#include "core/models/model_impl.h"

#include <algorithm>
#include <thread>

namespace latentlab {

struct ClassJudge::Impl {
    torch::nn::Sequential net;
    int classes = 0, channels = 0, height = 0, width = 0;
    double accuracy = 0, accuracyBlurred = 0;
    torch::Tensor classMeans, precision; // [classes, F], [F, F] of the features before the output layer
    double typicalDistance = 1;          // the 99th percentile of real (blurred) test images' distances

    torch::Tensor features(torch::Tensor x)
    {
        size_t i = 0;
        for (auto& layer : *net)
            if (++i < net->size()) // all but the output layer
                x = layer.forward(x);
        return x;
    }
    // Squared Mahalanobis distance of each row of f to its nearest class mean.
    torch::Tensor nearestClassDistance(const torch::Tensor& f) const
    {
        const auto d = f.unsqueeze(1) - classMeans.unsqueeze(0); // [n, classes, F]
        return (torch::matmul(d, precision) * d).sum(2).amin(1);
    }
    void fitFeatureDistances(const DatasetTensors& t);
};

namespace {
double accuracyOnTestSet(torch::nn::Sequential& net, const DatasetTensors& t, double blurSigma)
{
    torch::NoGradGuard noGrad;
    const int64_t n = t.testImages.size(0);
    int64_t correct = 0;
    for (int64_t s = 0; s < n; s += 500) {
        auto x = imagesToUnitFloat(t.testImages.slice(0, s, std::min(n, s + 500)));
        const auto predicted = net->forward(blurSigma > 0 ? judge::blur(x, blurSigma) : x).argmax(1);
        correct += (predicted == t.testLabels.slice(0, s, std::min(n, s + 500))).sum().item<int64_t>();
    }
    return n ? double(correct) / double(n) : 0.0;
}
} // namespace

// Class means and the shared covariance of the train images' features (blurred like decoder
// output half of the time, as the judge trained), then the scale: real test images' distances.
void ClassJudge::Impl::fitFeatureDistances(const DatasetTensors& t)
{
    torch::NoGradGuard noGrad;
    const int64_t n = std::min<int64_t>(t.trainImages.size(0), 20000);
    std::vector<torch::Tensor> parts;
    for (int64_t s = 0; s < n; s += 500) {
        auto x = imagesToUnitFloat(t.trainImages.slice(0, s, std::min(n, s + 500)));
        parts.push_back(features((s / 500) % 2 ? judge::blur(x, 1.0) : x));
    }
    const auto f = torch::cat(parts).to(torch::kFloat64);
    const auto labels = t.trainLabels.slice(0, 0, n);
    classMeans = torch::zeros({classes, f.size(1)}, torch::kFloat64);
    auto centred = f.clone();
    for (int c = 0; c < classes; ++c) {
        const auto rows = (labels == c).nonzero().squeeze(1);
        if (rows.numel() == 0)
            continue;
        classMeans[c] = f.index_select(0, rows).mean(0);
        centred.index_copy_(0, rows, f.index_select(0, rows) - classMeans[c]);
    }
    const auto cov = torch::matmul(centred.t(), centred) / double(std::max<int64_t>(1, n - 1));
    precision = torch::linalg_pinv(cov + 1e-6 * torch::eye(cov.size(0), torch::kFloat64));
    const int64_t nt = std::min<int64_t>(t.testImages.size(0), 5000);
    const auto real = judge::blur(imagesToUnitFloat(t.testImages.slice(0, 0, nt)), 1.0);
    const auto distances = nearestClassDistance(features(real).to(torch::kFloat64)).sqrt();
    typicalDistance = std::max(1e-9, torch::quantile(distances, 0.99).item<double>());
}

ClassJudge ClassJudge::train(const Dataset& data, int epochs, uint64_t seed, Architecture architecture)
{
    const DatasetInfo& info = data.info();
    if (data.numClasses() < 2)
        throw InputError("class judge: dataset \"" + info.spec + "\" has fewer than 2 classes");
    const auto& t = data.tensors();
    setComputeThreadsForThisThread(int(std::max(1u, std::thread::hardware_concurrency())));
    torch::manual_seed(seed);
    auto impl = std::make_shared<Impl>();
    impl->classes = data.numClasses();
    impl->channels = info.channels;
    impl->height = info.height;
    impl->width = info.width;
    impl->net = architecture == Architecture::Pooled ? judge::pooledNet(info.channels, impl->classes)
                                                     : judge::convolutionalNet(info.channels, impl->classes);
    judge::train(impl->net, t.trainImages, epochs, [&t](const torch::Tensor& logits, const torch::Tensor& rows) {
        return torch::cross_entropy_loss(logits, t.trainLabels.index_select(0, rows));
    });
    impl->accuracy = accuracyOnTestSet(impl->net, t, 0.0);
    impl->accuracyBlurred = accuracyOnTestSet(impl->net, t, 1.0);
    impl->fitFeatureDistances(t);
    ClassJudge out;
    out.m = impl;
    return out;
}

std::vector<float> ClassJudge::predict(const std::vector<Image>& images) const
{
    if (images.empty())
        return {};
    torch::NoGradGuard noGrad;
    const auto x = imagesToUnitFloat(imagesToTensor(images, m->channels, m->height, m->width, "class judge"));
    const auto p = torch::softmax(m->net->forward(x), 1).contiguous();
    return std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
}

std::vector<float> ClassJudge::unlikeAnyClass(const std::vector<Image>& images) const
{
    if (images.empty())
        return {};
    torch::NoGradGuard noGrad;
    const auto x = imagesToUnitFloat(imagesToTensor(images, m->channels, m->height, m->width, "class judge"));
    const auto d = (m->nearestClassDistance(m->features(x).to(torch::kFloat64)).sqrt() / m->typicalDistance)
                       .to(torch::kFloat32)
                       .contiguous();
    return std::vector<float>(d.data_ptr<float>(), d.data_ptr<float>() + d.numel());
}

int ClassJudge::classes() const { return m->classes; }
double ClassJudge::testAccuracy() const { return m->accuracy; }
double ClassJudge::blurredTestAccuracy() const { return m->accuracyBlurred; }

std::vector<float> judgeConfidence(const std::vector<float>& probabilities, int classes)
{
    std::vector<float> out;
    if (classes <= 0)
        return out;
    for (size_t i = 0; i + size_t(classes) <= probabilities.size(); i += size_t(classes))
        out.push_back(*std::max_element(probabilities.begin() + long(i), probabilities.begin() + long(i) + classes));
    return out;
}

} // namespace latentlab
