// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/model_impl.h"

#include "core/data/dataset_impl.h"
#include "core/error.h"
#include "core/data/tensor_convert_impl.h"

#include <algorithm>
#include <limits>
#include <cstring>
#include <unordered_map>
#include <sstream>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace latentlab {

void resolveCondition(ModelInfo& info, const DatasetInfo& data)
{
    info.classNames = data.classNames;
    info.attributeNames = data.attributeNames;
    info.datasetSpec = data.spec;
    info.config.model.input = {data.channels, data.height, data.width};
    if (info.config.model.kind != ModelKind::ConditionalVae) {
        info.conditionDim = 0;
        return;
    }
    ConditionSource src = info.config.model.condition;
    if (src == ConditionSource::Auto)
        src = data.attributeNames.empty() ? ConditionSource::Labels : ConditionSource::Attributes;
    if (src == ConditionSource::Attributes) {
        if (data.attributeNames.empty())
            throw InputError(info.config.name + ": conditions on attributes but dataset \"" + data.spec +
                             "\" has none (use a face dataset, or a preset conditioned on labels)");
        info.conditionFromLabels = false;
        info.conditionNames = data.attributeNames;
    } else {
        if (data.classNames.size() < 2)
            throw InputError(info.config.name + ": conditions on class labels but dataset \"" + data.spec +
                             "\" has no labels");
        info.conditionFromLabels = true;
        info.conditionNames = data.classNames;
    }
    info.conditionDim = int(info.conditionNames.size());
}

std::vector<float> ModelInfo::defaultCondition() const
{
    if (referenceCondition.size() == size_t(conditionDim))
        return referenceCondition;
    std::vector<float> c(size_t(conditionDim), 0.0f);
    if (conditionFromLabels && !c.empty())
        c[0] = 1.0f;
    return c;
}

std::vector<float> mostCommonCondition(const ModelInfo& info, const Dataset& data)
{
    if (!info.conditional())
        return {};
    const DatasetTensors& t = data.tensors();
    std::vector<float> out(size_t(info.conditionDim), 0.0f);
    if (info.conditionFromLabels) {
        const auto counts = torch::bincount(t.trainLabels.to(torch::kLong).flatten(), {}, info.conditionDim);
        out[size_t(counts.argmax().item<int64_t>())] = 1.0f;
        return out;
    }
    if (!t.trainAttributes.defined())
        return info.defaultCondition();
    const auto rows = (t.trainAttributes.to(torch::kFloat32) > 0.5f).to(torch::kUInt8).contiguous();
    if (rows.dim() != 2 || rows.size(1) != info.conditionDim || rows.size(0) == 0)
        return info.defaultCondition();
    const int64_t n = rows.size(0), c = rows.size(1);
    const auto* p = rows.data_ptr<uint8_t>();
    std::unordered_map<std::string, int64_t> counts;
    int64_t best = -1, bestCount = 0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t k = ++counts[std::string(reinterpret_cast<const char*>(p + i * c), size_t(c))];
        if (k > bestCount) {
            bestCount = k;
            best = i;
        }
    }
    for (int64_t j = 0; j < c; ++j)
        out[size_t(j)] = float(p[best * c + j]);
    return out;
}

torch::Tensor conditionBatch(const ModelInfo& info, const torch::Tensor& labels, const torch::Tensor& attributes)
{
    if (info.conditionDim == 0)
        return {};
    if (info.conditionFromLabels)
        return torch::one_hot(labels, info.conditionDim).to(torch::kFloat32);
    return attributes.to(torch::kFloat32);
}

namespace {
// The condition rows for `count` codes: none for unconditional models; the default condition when
// empty; one row shared by all; or one row each.
torch::Tensor conditionTensor(const ModelInfo& mi, const std::vector<float>& condition, int64_t count, const char* what,
                              torch::Device device)
{
    if (!mi.conditional())
        return {};
    const int c = mi.conditionDim;
    torch::Tensor cond;
    const std::vector<float> fallback = condition.empty() ? mi.defaultCondition() : std::vector<float>();
    const std::vector<float>& values = condition.empty() ? fallback : condition;
    if (int64_t(values.size()) == c)
        cond = torch::from_blob(const_cast<float*>(values.data()), {1, c}).expand({count, c}).clone();
    else if (int64_t(values.size()) == count * c)
        cond = torch::from_blob(const_cast<float*>(values.data()), {count, c}).clone();
    else
        throw InputError(std::string(what) + ": condition has " + std::to_string(values.size()) + " values, expected " +
                         std::to_string(c));
    for (float v : condition)
        if (!std::isfinite(v))
            throw InputError(std::string(what) + ": condition values must be finite numbers");
    return cond.to(device);
}
} // namespace

void setComputeThreadsForThisThread(int threads)
{
    // ATen sets a thread's OpenMP thread count lazily, at its first parallel operation, to the
    // count of the most recent set_num_threads call on *any* thread. Run that lazy step first, so
    // that no other thread's later call overrides this one: the decode thread used to end up with
    // two OpenMP threads beside training's two on a 2-core machine, and libgomp then throttles
    // every team's spinning (training in the window took 1.7x the CLI's time per epoch).
    at::internal::lazy_init_num_threads();
    at::set_num_threads(std::max(1, threads));
}

void keepFreedMemoryForReuse()
{
#ifdef __GLIBC__
    // Blocks up to 32 MiB (glibc's largest mmap threshold) come from the heap, and the heap's free
    // top is never trimmed. Setting either turns off glibc's own adjustment of both.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
#endif
}

Model::Model() = default;
Model::~Model() = default;
Model::Model(const Model&) = default;
Model& Model::operator=(const Model&) = default;
Model::Model(std::shared_ptr<ModelState> state) : m_state(std::move(state)) {}

const ModelInfo& Model::info() const
{
    if (!m_state)
        throw Error("no model loaded");
    return m_state->info;
}

Model Model::create(const RunConfig& config, const DatasetInfo& data, uint64_t seed)
{
    validateRunConfig(config);
    auto st = std::make_shared<ModelState>();
    st->info.config = config;
    resolveCondition(st->info, data);
    torch::manual_seed(seed);
    st->module = Autoencoder(st->info.config.model, st->info.conditionDim);
    return Model(st);
}

Model Model::cloneToCpu() const
{
    auto st = std::make_shared<ModelState>();
    st->info = info();
    st->module = Autoencoder(st->info.config.model, st->info.conditionDim);
    torch::NoGradGuard noGrad;
    auto dst = st->module->named_parameters();
    for (const auto& p : m_state->module->named_parameters())
        dst[p.key()].copy_(p.value().to(torch::kCPU));
    auto dstBuf = st->module->named_buffers();
    for (const auto& b : m_state->module->named_buffers())
        dstBuf[b.key()].copy_(b.value().to(torch::kCPU));
    st->module->eval();
    return Model(st);
}

std::vector<Image> Model::decode(const std::vector<float>& z, int count, const std::vector<float>& condition) const
{
    const ModelInfo& mi = info();
    const int k = mi.latentDim();
    if (count < 0 || int64_t(z.size()) != int64_t(count) * k)
        throw InputError("decode: expected " + std::to_string(int64_t(count) * k) + " latent values, got " +
                         std::to_string(z.size()));
    if (count == 0)
        return {};
    torch::NoGradGuard noGrad;
    auto& m = m_state->module;
    const bool wasTraining = m->is_training();
    m->eval();
    auto zt = torch::from_blob(const_cast<float*>(z.data()), {count, k}).to(m_state->device);
    const torch::Tensor cond = conditionTensor(mi, condition, count, "decode", m_state->device);
    auto images = tensorToImages(m->decodeToUnit(zt, cond));
    if (wasTraining)
        m->train();
    return images;
}

std::vector<Image> Model::sample(int n, uint64_t seed, const std::vector<float>& condition) const
{
    auto gen = at::detail::createCPUGenerator(seed);
    torch::Tensor z = at::randn({n, info().latentDim()}, gen);
    std::vector<float> zv(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
    return decode(zv, n, condition);
}

void requireDatasetFits(const ModelInfo& mi, const DatasetInfo& di)
{
    if (di.channels != mi.config.model.input[0] || di.height != mi.config.model.input[1] ||
        di.width != mi.config.model.input[2])
        throw InputError("dataset \"" + di.spec + "\" has images of " + std::to_string(di.channels) + "x" +
                         std::to_string(di.height) + "x" + std::to_string(di.width) + " but the model expects " +
                         std::to_string(mi.config.model.input[0]) + "x" + std::to_string(mi.config.model.input[1]) + "x" +
                         std::to_string(mi.config.model.input[2]));
    if (mi.conditional() && !mi.conditionFromLabels && di.attributeNames.size() != size_t(mi.conditionDim))
        throw InputError("dataset \"" + di.spec + "\" lacks the model's " + std::to_string(mi.conditionDim) + " attributes");
}

SplitBatch splitBatch(const ModelInfo& mi, const DatasetTensors& t, bool testSplit, int64_t begin, int64_t end,
                      torch::Device device)
{
    const torch::Tensor& images = testSplit ? t.testImages : t.trainImages;
    const torch::Tensor& labels = testSplit ? t.testLabels : t.trainLabels;
    const torch::Tensor& attrs = testSplit ? t.testAttributes : t.trainAttributes;
    SplitBatch b;
    b.x = toModelRange(imagesToUnitFloat(images.slice(0, begin, end).to(device)), mi.config.model.inputRange);
    b.condition = conditionBatch(mi, labels.slice(0, begin, end).to(device),
                                 attrs.defined() ? attrs.slice(0, begin, end).to(device) : torch::Tensor());
    return b;
}

void appendCodes(LatentCodes& to, const LatentCodes& more)
{
    if (to.count() == 0) {
        to = more;
        return;
    }
    const bool labels = to.labels.size() == size_t(to.count()) && more.labels.size() == size_t(more.count());
    const bool attributes = to.attributeNames == more.attributeNames, factors = to.factorNames == more.factorNames;
    to.values.insert(to.values.end(), more.values.begin(), more.values.end());
    const auto append = [](auto& into, const auto& from, bool fits) {
        if (fits)
            into.insert(into.end(), from.begin(), from.end());
        else
            into.clear();
    };
    append(to.labels, more.labels, labels);
    append(to.attributes, more.attributes, attributes);
    append(to.factors, more.factors, factors);
    if (!attributes)
        to.attributeNames.clear();
    if (!factors)
        to.factorNames.clear();
}

LatentCodes Model::encode(const Dataset& data, bool testSplit, int64_t maxCount, const StepProgress& progress) const
{
    return encodeRange(data, testSplit, 0, maxCount >= 0 ? maxCount : std::numeric_limits<int64_t>::max(), progress);
}

LatentCodes Model::encodeRange(const Dataset& data, bool testSplit, int64_t begin, int64_t end, const StepProgress& progress) const
{
    const ModelInfo& mi = info();
    const DatasetInfo& di = data.info();
    requireDatasetFits(mi, di);
    const auto& t = data.tensors();
    torch::Tensor images = testSplit ? t.testImages : t.trainImages;
    torch::Tensor labels = testSplit ? t.testLabels : t.trainLabels;
    torch::Tensor attrs = testSplit ? t.testAttributes : t.trainAttributes;
    end = std::clamp<int64_t>(end, 0, images.size(0));
    begin = std::clamp<int64_t>(begin, 0, end);
    const int64_t n = end - begin;
    torch::NoGradGuard noGrad;
    auto& m = m_state->module;
    const bool wasTraining = m->is_training();
    m->eval();
    LatentCodes codes;
    codes.dim = mi.latentDim();
    codes.values.reserve(size_t(n) * codes.dim);
    // The training batch size, as the trainer's test pass: a conv model's activations for 1,000
    // images overrun the caches (the faces CVAE encoded 1.6x slower than in its batches of 64).
    const int64_t chunk = std::max(1, mi.config.training.batchSize);
    for (int64_t s = begin; s < end; s += chunk) {
        if (progress && !progress(s - begin, n)) {
            if (wasTraining)
                m->train();
            throw Cancelled("encoding " + di.spec);
        }
        const int64_t e = std::min(end, s + chunk);
        const SplitBatch b = splitBatch(mi, t, testSplit, s, e, m_state->device);
        auto mu = m->encode(b.x, b.condition).first.to(torch::kCPU).contiguous();
        codes.values.insert(codes.values.end(), mu.data_ptr<float>(), mu.data_ptr<float>() + mu.numel());
    }
    auto lab = labels.slice(0, begin, end).to(torch::kCPU, torch::kInt64).contiguous();
    for (int64_t i = 0; i < n; ++i)
        codes.labels.push_back(int(lab.data_ptr<int64_t>()[i]));
    if (attrs.defined() && !di.attributeNames.empty()) { // face attributes travel with their codes (CSV, colours)
        auto a = attrs.slice(0, begin, end).to(torch::kCPU, torch::kFloat32).contiguous();
        codes.attributes.assign(a.data_ptr<float>(), a.data_ptr<float>() + a.numel());
        codes.attributeNames = di.attributeNames;
    }
    if (const torch::Tensor& f = testSplit ? t.testFactors : t.trainFactors; f.defined() && !di.factorNames.empty()) {
        // so do generative factors (CSV: analyse a run's codes elsewhere)
        auto rows = f.slice(0, begin, end).to(torch::kCPU, torch::kFloat32).contiguous();
        codes.factors.assign(rows.data_ptr<float>(), rows.data_ptr<float>() + rows.numel());
        codes.factorNames = di.factorNames;
    }
    if (wasTraining)
        m->train();
    return codes;
}

std::vector<float> Model::encodeImages(const std::vector<Image>& images, const std::vector<float>& condition) const
{
    const ModelInfo& mi = info();
    const auto& in = mi.config.model.input;
    const int64_t n = int64_t(images.size());
    if (n == 0)
        return {};
    const auto bytes = imagesToTensor(images, int(in[0]), int(in[1]), int(in[2]), "encode");
    torch::NoGradGuard noGrad;
    auto& m = m_state->module;
    const bool wasTraining = m->is_training();
    m->eval();
    const auto x = toModelRange(imagesToUnitFloat(bytes.to(m_state->device)), mi.config.model.inputRange);
    const torch::Tensor cond = conditionTensor(mi, condition, n, "encode", m_state->device);
    auto mu = m->encode(x, cond).first.to(torch::kCPU).contiguous();
    if (wasTraining)
        m->train();
    return std::vector<float>(mu.data_ptr<float>(), mu.data_ptr<float>() + mu.numel());
}

std::vector<float> Model::conditionFromText(const std::string& text) const
{
    const ModelInfo& mi = info();
    if (!mi.conditional()) {
        if (!text.empty())
            throw InputError("--condition: this model is not conditional");
        return {};
    }
    if (text.empty())
        return {}; // the caller's default (a grid of every class, or defaultCondition())
    std::vector<float> cond = mi.defaultCondition();
    bool classNamed = false;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item.empty())
            continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos)
            throw InputError("--condition: \"" + item + "\" is not NAME=VALUE");
        const std::string name = item.substr(0, eq), value = item.substr(eq + 1);
        auto it = std::find(mi.conditionNames.begin(), mi.conditionNames.end(), name);
        if (it == mi.conditionNames.end()) {
            std::string known;
            for (const auto& n : mi.conditionNames)
                known += (known.empty() ? "" : ", ") + n;
            throw InputError("--condition: unknown name \"" + name + "\"; this model knows: " + known);
        }
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !std::isfinite(v))
            throw InputError("--condition: value \"" + value + "\" for " + name + " is not a finite number");
        if (mi.conditionFromLabels && !classNamed) { // a named class replaces the default one
            std::fill(cond.begin(), cond.end(), 0.0f);
            classNamed = true;
        }
        cond[size_t(it - mi.conditionNames.begin())] = float(v);
    }
    return cond;
}

} // namespace latentlab
