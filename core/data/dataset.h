// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A loaded dataset: train and test images (+ labels, + optional attribute vectors).
// The public face has no torch types; core's engine reads the tensors through dataset_impl.h.
#include "core/error.h"
#include "core/image.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace latentlab {

struct DatasetTensors; // defined in dataset_impl.h (torch)

struct DatasetInfo {
    std::string spec;                   // as given, e.g. "fashion-mnist"
    std::string name;                   // display name
    int channels = 1, height = 28, width = 28;
    int64_t trainCount = 0, testCount = 0;
    std::vector<std::string> classNames;     // index = label
    std::vector<std::string> attributeNames; // empty unless the dataset has attribute vectors
    std::vector<std::string> factorNames;    // ground-truth generative factors (dsprites), else empty
    std::vector<std::string> notes;          // what the loader skipped or fixed, for the user
};

/// Plain arrays for building a dataset in code (tests, importers). Images are N*C*H*W floats in [0,1].
struct DatasetArrays {
    std::string name = "arrays";
    int channels = 1, height = 28, width = 28;
    std::vector<float> trainImages, testImages;
    std::vector<int64_t> trainLabels, testLabels;
    std::vector<float> trainAttributes, testAttributes;  // N*A, optional
    std::vector<std::string> classNames, attributeNames;
};

/// Byte images for building a dataset without copies (pixel loaders). Images are N*C*H*W bytes;
/// attributes N*A values (0/1, or any real value); factors N*F values, named in info.factorNames.
struct DatasetBytes {
    DatasetInfo info;                        // spec, name, shape, class/attribute names, notes
    std::vector<uint8_t> trainImages, testImages;
    std::vector<int64_t> trainLabels, testLabels;
    std::vector<float> trainAttributes, testAttributes;
    std::vector<float> trainFactors, testFactors;
};

class Dataset;
/// Loads the dataset for one spec scheme: (full spec, text after the colon, test fraction, seed).
using DatasetLoader = std::function<Dataset(const std::string&, const std::string&, double, uint64_t)>;

class Dataset {
public:
    Dataset();
    /// Loads a dataset from a spec: mnist[:DIR], fashion-mnist[:DIR], idx:IMAGES[,LABELS],
    /// cache:FILE[,repeat=N] (N = 1..100: the training split N times over, for throughput runs).
    /// testFraction and seed split datasets that have no test split of their own.
    static Dataset load(const std::string& spec, double testFraction = 1.0 / 7.0, uint64_t seed = 1);
    /// Builds a dataset from arrays (checked: sizes must agree).
    static Dataset fromArrays(const DatasetArrays& arrays);
    /// Builds a dataset from byte images, taking ownership of the buffers (no copy).
    static Dataset fromBytes(DatasetBytes&& bytes);
    /// Adds a loader for "scheme:..." specs (the pixels target registers celeba, images, synthfaces).
    static void registerLoader(const std::string& scheme, DatasetLoader loader);

    const DatasetInfo& info() const { return m_info; }
    bool empty() const { return !m_tensors; }
    int numClasses() const { return static_cast<int>(m_info.classNames.size()); }
    /// Human-readable summary: counts, shape, classes.
    std::string summary() const;
    /// Images [start, start+count) of the test (or train) split, clipped to the split's size.
    std::vector<Image> images(bool testSplit, int64_t start, int64_t count) const;
    /// Attribute values (0/1 or -1/1) of one image, empty when the dataset has none.
    std::vector<float> attributes(bool testSplit, int64_t index) const;
    /// The generative factors of every image of a split (count x info().factorNames.size(), row
    /// by row), empty when the dataset has none. Caches do not keep them.
    std::vector<float> factors(bool testSplit) const;

    /// Writes the dataset as a LatentLab tensor cache (spec "cache:FILE" reads it back).
    /// `fingerprint` identifies the source it was made from (see cacheFingerprint()).
    void saveCache(const std::string& path, const std::string& fingerprint = "") const;
    /// Reads a cache under another spec name (a loader's cache of its preprocessed source).
    static Dataset loadCache(const std::string& path, const std::string& spec);
    /// The fingerprint stored in a cache file's header ("" when missing or unreadable); cheap.
    static std::string cacheFingerprint(const std::string& path);

    const DatasetTensors& tensors() const { return *m_tensors; }
    Dataset(DatasetInfo info, std::shared_ptr<const DatasetTensors> tensors);

private:
    DatasetInfo m_info;
    std::shared_ptr<const DatasetTensors> m_tensors;
};

/// Progress of long loads (image preprocessing): (what, done, total). The handler is per thread:
/// set it on the thread that calls Dataset::load.
using LoadProgress = std::function<void(const std::string& what, int64_t done, int64_t total)>;
void setLoadProgressHandler(LoadProgress handler);
/// Called by loaders on the loading thread.
void reportLoadProgress(const std::string& what, int64_t done, int64_t total);

/// Cancelling long loads: while a flag is set on the loading thread, loaders check it between
/// images and throw LoadCancelled once it is true (the window's Stop, or closing it).
class LoadCancelled : public Error {
public:
    using Error::Error;
};
void setLoadCancelFlag(const std::atomic<bool>* flag);
/// The calling thread's flag (nullptr when none): pass it on to helper threads.
const std::atomic<bool>* loadCancelFlag();
/// Throws LoadCancelled naming `what` when `flag` is set and true.
void throwIfCancelled(const std::atomic<bool>* flag, const std::string& what);

/// Class names used for known datasets.
std::vector<std::string> fashionMnistClassNames();

} // namespace latentlab
