// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset caches ("cache:FILE[,repeat=N]"): a dataset written once as one tensor file, checked on
// reading as any input is (shapes, counts, labels within the class names).
#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"

#include "core/data/tensor_file.h"
#include "core/error.h"
#include "core/json_fields_impl.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <utility>

namespace latentlab {

namespace {

// Labels index the class names (one-hot conditions, scatter colours): a crafted or damaged cache
// with labels outside them is refused here, not by a torch error in the middle of training.
void checkLabels(const std::string& path, DatasetTensors& t, size_t classes)
{
    for (torch::Tensor* labels : {&t.trainLabels, &t.testLabels}) {
        if (labels->scalar_type() != torch::kInt64 && labels->scalar_type() != torch::kUInt8)
            throw InputError(path + ": labels must be integers");
        *labels = labels->to(torch::kInt64);
        if (labels->numel() == 0)
            continue;
        const int64_t lo = labels->min().item<int64_t>(), hi = labels->max().item<int64_t>();
        const int64_t limit = classes > 0 ? int64_t(classes) : (int64_t(1) << 31);
        if (lo < 0 || hi >= limit)
            throw InputError(path + ": labels run from " + std::to_string(lo) + " to " + std::to_string(hi) + ", expected 0 to " +
                             std::to_string(limit - 1) + (classes > 0 ? " (one per class name)" : ""));
    }
}

Dataset readCacheFile(const std::string& spec, const std::string& path)
{
    TensorFile f = readTensorFile(path, "dataset-cache");
    auto need = [&](const char* name) {
        const NamedArray* a = f.find(name);
        if (!a)
            throw InputError(path + ": dataset cache lacks the array \"" + std::string(name) + "\"");
        return arrayToTensor(*a);
    };
    auto t = std::make_shared<DatasetTensors>();
    t->trainImages = need("train.images");
    t->testImages = need("test.images");
    t->trainLabels = need("train.labels");
    t->testLabels = need("test.labels");
    if (f.find("train.attributes")) {
        t->trainAttributes = need("train.attributes");
        t->testAttributes = need("test.attributes");
    }
    if (t->trainImages.dim() != 4 || t->testImages.dim() != 4 ||
        t->trainImages.sizes().slice(1) != t->testImages.sizes().slice(1))
        throw InputError(path + ": images must be [N,C,H,W] with the same shape in train and test");
    if (t->trainLabels.dim() != 1 || t->testLabels.dim() != 1 || t->trainLabels.size(0) != t->trainImages.size(0) ||
        t->testLabels.size(0) != t->testImages.size(0))
        throw InputError(path + ": label and image counts differ");
    try {
        auto meta = nlohmann::json::parse(f.metaJson);
        DatasetInfo info = datasetInfoFor(spec, meta.value("name", std::string("cache")), *t,
                                   meta.value("class_names", std::vector<std::string>{}));
        info.attributeNames = meta.value("attribute_names", std::vector<std::string>{});
        info.notes = meta.value("notes", std::vector<std::string>{});
        const int64_t nAttr = int64_t(info.attributeNames.size());
        if (nAttr > 0 && (!t->trainAttributes.defined() || t->trainAttributes.dim() != 2 ||
                          t->trainAttributes.size(1) != nAttr || t->trainAttributes.size(0) != info.trainCount ||
                          t->testAttributes.dim() != 2 || t->testAttributes.size(1) != nAttr ||
                          t->testAttributes.size(0) != info.testCount))
            throw InputError(path + ": attribute arrays do not match the attribute names and image counts");
        checkLabels(path, *t, info.classNames.size());
        return Dataset(info, t);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": malformed dataset description: " + e.what());
    }
}

// "cache:FILE[,repeat=N]" -> FILE and N. Only a trailing ",repeat=" is an option, so a file name
// with other commas still loads.
std::pair<std::string, int> cacheSpecParts(const std::string& spec, const std::string& arg)
{
    const std::string key = ",repeat=";
    const auto at = arg.rfind(key);
    if (at == std::string::npos)
        return {arg, 1};
    const std::string path = arg.substr(0, at), value = arg.substr(at + key.size());
    char* end = nullptr;
    const long n = value.empty() ? 0 : std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end || n < 1 || n > 100)
        throw InputError("dataset spec \"" + spec + "\": repeat=" + value + " must be a whole number from 1 to 100");
    if (path.empty())
        throw InputError("dataset spec \"" + spec + "\": expected cache:FILE[,repeat=N]");
    return {path, int(n)};
}

// The training split `times` over, the test split unchanged: a throughput run at a size that cannot
// travel (a GPU check carries 18,000 faces and trains on 180,000). Not new data: every image repeats.
Dataset repeatTrainingSplit(const Dataset& d, int times)
{
    if (times == 1)
        return d;
    auto t = std::make_shared<DatasetTensors>(d.tensors());
    t->trainImages = t->trainImages.repeat({times, 1, 1, 1});
    t->trainLabels = t->trainLabels.repeat({times});
    if (t->trainAttributes.defined())
        t->trainAttributes = t->trainAttributes.repeat({times, 1});
    if (t->trainFactors.defined())
        t->trainFactors = t->trainFactors.repeat({times, 1});
    DatasetInfo info = d.info();
    info.trainCount = t->trainImages.size(0);
    info.notes.push_back("training split repeated " + std::to_string(times) + " times (" +
                         std::to_string(d.info().trainCount) + " distinct images)");
    return Dataset(info, t);
}

} // namespace

Dataset loadCacheSpec(const std::string& spec, const std::string& arg)
{
    const auto [path, times] = cacheSpecParts(spec, arg);
    return repeatTrainingSplit(readCacheFile(spec, path), times);
}

Dataset Dataset::loadCache(const std::string& path, const std::string& spec)
{
    return readCacheFile(spec, path);
}

std::string Dataset::cacheFingerprint(const std::string& path)
{
    try {
        auto meta = nlohmann::json::parse(readTensorFileMeta(path, "dataset-cache"));
        return meta.value("fingerprint", std::string());
    } catch (const std::exception&) {
        return "";
    }
}

void Dataset::saveCache(const std::string& path, const std::string& fingerprint) const
{
    TensorFile f;
    f.kind = "dataset-cache";
    nlohmann::json meta = {{"name", m_info.name}, {"class_names", m_info.classNames}, {"attribute_names", m_info.attributeNames},
                           {"notes", m_info.notes}, {"fingerprint", fingerprint}};
    f.metaJson = dumpJson(meta);
    // Arrays borrow the tensors' memory: a large cache is written without a second copy.
    std::vector<torch::Tensor> keep;
    auto add = [&](const char* name, const torch::Tensor& tensor) {
        keep.push_back(storableTensor(tensor));
        f.arrays.push_back(arrayView(name, keep.back()));
    };
    add("train.images", m_tensors->trainImages);
    add("train.labels", m_tensors->trainLabels);
    add("test.images", m_tensors->testImages);
    add("test.labels", m_tensors->testLabels);
    if (m_tensors->trainAttributes.defined()) {
        add("train.attributes", m_tensors->trainAttributes);
        add("test.attributes", m_tensors->testAttributes);
    }
    writeTensorFile(path, f);
}

} // namespace latentlab
