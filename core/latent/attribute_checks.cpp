// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/attribute_checks.h"

#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"
#include "core/error.h"
#include "core/latent/judge_nets_impl.h"
#include "core/latent/latent_math.h"
#include "core/models/model_impl.h"

#include <algorithm>
#include <random>
#include <thread>

namespace latentlab {

struct AttributeClassifier::Impl {
    torch::nn::Sequential net;
    std::vector<std::string> names;
    std::vector<double> accuracy, accuracyBlurred;
    int channels = 0, height = 0, width = 0;
};

namespace {

std::vector<int64_t> attributeColumns(const DatasetInfo& info, const std::vector<std::string>& names)
{
    std::vector<int64_t> cols;
    for (const auto& n : names) {
        auto it = std::find(info.attributeNames.begin(), info.attributeNames.end(), n);
        if (it == info.attributeNames.end())
            throw InputError("dataset \"" + info.spec + "\" has no attribute \"" + n + "\"");
        cols.push_back(int64_t(it - info.attributeNames.begin()));
    }
    return cols;
}

double fraction(const std::vector<float>& probabilities, size_t stride, size_t column, bool wanted)
{
    const size_t n = probabilities.size() / stride;
    size_t hits = 0;
    for (size_t i = 0; i < n; ++i)
        hits += (probabilities[i * stride + column] > 0.5f) == wanted;
    return n ? double(hits) / double(n) : 0.0;
}

// Per attribute (columns `cols`), the share of test images the net gets right; with blurSigma > 0
// on the test images blurred as a decoder blurs.
std::vector<double> accuracyOnTestSet(torch::nn::Sequential& net, const DatasetTensors& t, const torch::Tensor& cols,
                                      double blurSigma)
{
    torch::NoGradGuard noGrad;
    const auto testTargets = t.testAttributes.index_select(1, cols) > 0.5;
    std::vector<int64_t> correct(size_t(cols.numel()), 0);
    const int64_t nt = t.testImages.size(0);
    for (int64_t s = 0; s < nt; s += 500) {
        auto x = imagesToUnitFloat(t.testImages.slice(0, s, std::min(nt, s + 500)));
        const auto logits = net->forward(blurSigma > 0 ? judge::blur(x, blurSigma) : x);
        const auto hit = ((logits > 0) == testTargets.slice(0, s, std::min(nt, s + 500))).sum(0);
        for (size_t a = 0; a < correct.size(); ++a)
            correct[a] += hit[int64_t(a)].item<int64_t>();
    }
    std::vector<double> accuracy;
    for (int64_t c : correct)
        accuracy.push_back(nt ? double(c) / double(nt) : 0.0);
    return accuracy;
}

} // namespace

AttributeClassifier AttributeClassifier::train(const Dataset& data, const std::vector<std::string>& attributes, int epochs,
                                               uint64_t seed, Architecture architecture)
{
    const DatasetInfo& info = data.info();
    if (attributes.empty())
        throw InputError("attribute classifier: no attributes named");
    const auto cols = torch::tensor(attributeColumns(info, attributes));
    const auto& t = data.tensors();
    setComputeThreadsForThisThread(int(std::max(1u, std::thread::hardware_concurrency())));
    torch::manual_seed(seed);
    auto impl = std::make_shared<Impl>();
    impl->names = attributes;
    impl->channels = info.channels;
    impl->height = info.height;
    impl->width = info.width;
    impl->net = architecture == Architecture::Pooled ? judge::pooledNet(info.channels, int64_t(attributes.size()))
                                                     : judge::convolutionalNet(info.channels, int64_t(attributes.size()));
    const auto targets = (t.trainAttributes.index_select(1, cols) > 0.5).to(torch::kFloat32);
    judge::train(impl->net, t.trainImages, epochs, [&targets](const torch::Tensor& logits, const torch::Tensor& rows) {
        return torch::binary_cross_entropy_with_logits(logits, targets.index_select(0, rows));
    });
    impl->accuracy = accuracyOnTestSet(impl->net, t, cols, 0.0);
    impl->accuracyBlurred = accuracyOnTestSet(impl->net, t, cols, 1.0);
    AttributeClassifier out;
    out.m = impl;
    return out;
}

std::vector<float> AttributeClassifier::predict(const std::vector<Image>& images) const
{
    if (images.empty())
        return {};
    torch::NoGradGuard noGrad;
    const auto x = imagesToUnitFloat(imagesToTensor(images, m->channels, m->height, m->width, "attribute classifier"));
    const auto p = torch::sigmoid(m->net->forward(x)).contiguous();
    return std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
}

const std::vector<std::string>& AttributeClassifier::attributes() const { return m->names; }
const std::vector<double>& AttributeClassifier::testAccuracy() const { return m->accuracy; }
const std::vector<double>& AttributeClassifier::blurredTestAccuracy() const { return m->accuracyBlurred; }

namespace {
// n condition rows for the other attributes: random test images' combinations, or the default.
std::vector<float> otherConditions(const ModelInfo& mi, const Dataset& data, int n, uint64_t seed, OtherConditions others)
{
    std::vector<float> cond;
    if (others == OtherConditions::Defaults) {
        const std::vector<float> d = mi.defaultCondition();
        for (int i = 0; i < n; ++i)
            cond.insert(cond.end(), d.begin(), d.end());
        return cond;
    }
    const auto& testAttrs = data.tensors().testAttributes;
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int64_t> pick(0, testAttrs.size(0) - 1);
    for (int i = 0; i < n; ++i) {
        const auto row = testAttrs[pick(rng)].to(torch::kFloat32).contiguous();
        cond.insert(cond.end(), row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
    }
    return cond;
}

// For each judged attribute but `skip`, the fraction of rows whose verdict differs between a and b;
// the largest, and its column.
std::pair<double, size_t> worstChange(const std::vector<float>& a, const std::vector<float>& b, size_t stride, size_t skip)
{
    std::pair<double, size_t> worst {0.0, stride};
    const size_t n = a.size() / stride;
    for (size_t col = 0; col < stride && n > 0; ++col) {
        if (col == skip)
            continue;
        size_t changed = 0;
        for (size_t i = 0; i < n; ++i)
            changed += (a[i * stride + col] > 0.5f) != (b[i * stride + col] > 0.5f);
        if (double(changed) / double(n) >= worst.first)
            worst = {double(changed) / double(n), col};
    }
    return worst;
}
} // namespace

ConditionCheck checkConditionControl(const Model& cvae, const Dataset& data, const AttributeClassifier& judge,
                                     const std::string& attribute, int n, uint64_t seed, OtherConditions others)
{
    const ModelInfo& mi = cvae.info();
    if (!mi.conditional() || mi.conditionFromLabels)
        throw InputError("condition check: the model is not conditioned on attributes");
    const auto modelColumn = attributeColumns(data.info(), {attribute})[0];
    if (size_t(mi.conditionDim) != data.info().attributeNames.size())
        throw InputError("condition check: the model's attributes do not match dataset \"" + data.info().spec + "\"");
    auto judgeIt = std::find(judge.attributes().begin(), judge.attributes().end(), attribute);
    if (judgeIt == judge.attributes().end())
        throw InputError("condition check: the classifier was not trained on \"" + attribute + "\"");
    const size_t judgeColumn = size_t(judgeIt - judge.attributes().begin());
    std::vector<float> cond = otherConditions(mi, data, n, seed, others);
    const std::vector<float> z = gaussianCodes(n, std::vector<float>(size_t(mi.latentDim()), 0.0f),
                                               std::vector<float>(size_t(mi.latentDim()), 1.0f), seed);
    ConditionCheck out;
    out.attribute = attribute;
    out.samples = n;
    const size_t stride = judge.attributes().size();
    std::vector<float> verdicts[2];
    for (const float value : {1.0f, 0.0f}) {
        for (int i = 0; i < n; ++i)
            cond[size_t(i) * mi.conditionDim + size_t(modelColumn)] = value;
        const std::vector<Image> images = cvae.decode(z, n, cond);
        const std::vector<float>& v = verdicts[value > 0 ? 0 : 1] = judge.predict(images);
        (value > 0 ? out.accuracyOn : out.accuracyOff) = fraction(v, stride, judgeColumn, value > 0);
        std::vector<Image>& failed = value > 0 ? out.failedOn : out.failedOff;
        for (size_t i = 0; i < images.size() && failed.size() < 32; ++i)
            if ((v[i * stride + judgeColumn] > 0.5f) != (value > 0))
                failed.push_back(images[i]);
    }
    const auto [changed, column] = worstChange(verdicts[0], verdicts[1], stride, judgeColumn);
    out.othersChanged = changed;
    if (column < stride)
        out.mostChanged = judge.attributes()[column];
    return out;
}

VectorCheck checkAttributeVector(const Model& model, const Dataset& data, const AttributeClassifier& judge,
                                 const std::string& attribute, float amount, int n)
{
    const ModelInfo& mi = model.info();
    if (mi.conditional())
        throw InputError("attribute vector check: meant for unconditional models");
    const auto column = attributeColumns(data.info(), {attribute})[0];
    auto judgeIt = std::find(judge.attributes().begin(), judge.attributes().end(), attribute);
    if (judgeIt == judge.attributes().end())
        throw InputError("attribute vector check: the classifier was not trained on \"" + attribute + "\"");
    const size_t judgeColumn = size_t(judgeIt - judge.attributes().begin());
    const LatentCodes codes = model.encode(data, true);
    const auto has = (data.tensors().testAttributes.select(1, column) > 0.5).contiguous();
    std::vector<bool> flags(size_t(codes.count()));
    for (size_t i = 0; i < flags.size(); ++i)
        flags[i] = has[int64_t(i)].item<bool>();
    const auto direction = attributeVector(codes.values, codes.dim, flags);
    std::vector<float> before, after;
    int taken = 0;
    for (size_t i = 0; i < flags.size() && taken < n; ++i) {
        if (flags[i])
            continue;
        ++taken;
        for (int k = 0; k < codes.dim; ++k) {
            const float v = codes.values[i * size_t(codes.dim) + size_t(k)];
            before.push_back(v);
            after.push_back(v + amount * direction[size_t(k)]);
        }
    }
    VectorCheck out;
    out.attribute = attribute;
    out.amount = amount;
    out.samples = taken;
    const size_t stride = judge.attributes().size();
    out.before = fraction(judge.predict(model.decode(before, taken)), stride, judgeColumn, true);
    out.after = fraction(judge.predict(model.decode(after, taken)), stride, judgeColumn, true);
    return out;
}

} // namespace latentlab
