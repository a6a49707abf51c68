// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A trained (or fresh) autoencoder as the rest of the app sees it: plain vectors and Images in,
// plain vectors and Images out. Backed by a LibTorch module (see autoencoder_impl.h).
#include "core/data/dataset.h"
#include "core/error.h"
#include "core/image.h"
#include "core/models/run_config.h"
#include "core/models/epoch_stats.h"

#include <memory>
#include <string>
#include <vector>

namespace latentlab {

struct ModelState; // model_impl.h

struct ModelInfo {
    RunConfig config;                       // config.model.input holds the data shape
    int conditionDim = 0;
    std::vector<std::string> conditionNames; // class or attribute names for a cvae
    bool conditionFromLabels = false;        // one-hot labels (else attribute vectors)
    /// The training data's most common condition (attribute combination, or class as one-hot):
    /// what unnamed conditions default to, so that "Male=1" alone asks for a face the model has
    /// seen (one hair colour, say) and not an all-zero combination it never met. Empty in
    /// checkpoints from before it existed.
    std::vector<float> referenceCondition;
    std::vector<std::string> classNames;
    std::vector<std::string> attributeNames;
    std::string datasetSpec;
    int epoch = 0;                           // epochs trained
    std::vector<EpochStats> history;         // per-epoch losses (from the checkpoint)
    int latentDim() const { return config.model.latent; }
    bool conditional() const { return conditionDim > 0; }
    /// The condition that unnamed values take: referenceCondition, else class 0 or all zeros.
    std::vector<float> defaultCondition() const;
};

/// The most common condition among the dataset's training images (see ModelInfo::referenceCondition);
/// ties go to the combination seen first. Empty for an unconditional model.
std::vector<float> mostCommonCondition(const ModelInfo& info, const Dataset& data);

/// Latent means of a dataset split: count rows of dim values, plus labels.
struct LatentCodes {
    int dim = 0;
    std::vector<float> values;
    std::vector<int> labels;
    std::vector<float> attributes;          // count * attributeNames.size(), when the dataset has them
    std::vector<std::string> attributeNames;
    std::vector<float> factors;             // count * factorNames.size(): ground-truth generative factors (dsprites, synthfaces)
    std::vector<std::string> factorNames;
    int64_t count() const { return dim ? int64_t(values.size()) / dim : 0; }
};

/// Appends more's rows to `to` (values, labels, attributes, factors; a part that either lacks or
/// names differently is dropped from the result). Empty `to` takes more as it is.
void appendCodes(LatentCodes& to, const LatentCodes& more);

/// Sets how many threads LibTorch uses for work started on the calling thread (the setting is per
/// thread): interactive decoding uses few so that it does not fight training for the cores.
void setComputeThreadsForThisThread(int threads);

/// Makes the C library keep freed memory for reuse instead of handing it back to the system at
/// once. Training allocates and frees the same activation buffers every step; returned pages must be
/// faulted in again, and on virtual machines that is slow (conv-cvae-faces: an epoch after a test
/// pass in small chunks took 43-54 s instead of 18 s here). Call it first thing in main. The process
/// then keeps its peak heap. No effect outside glibc.
void keepFreedMemoryForReuse();

class Model {
public:
    Model();
    ~Model();
    Model(const Model&);
    Model& operator=(const Model&);

    /// Fresh weights (torch's default init, seeded by `seed`) for data shaped like `data`.
    static Model create(const RunConfig& config, const DatasetInfo& data, uint64_t seed);
    /// Loads weights and description from a checkpoint file (any device is mapped to CPU).
    static Model load(const std::string& checkpointPath);

    bool empty() const { return !m_state; }
    const ModelInfo& info() const;
    /// Deep copy of the weights on the CPU: a snapshot another thread can decode with.
    Model cloneToCpu() const;

    /// Decodes `count` latent vectors (count*latentDim values) to images. condition holds
    /// conditionDim values (shared by all) or count*conditionDim values; empty = info().defaultCondition().
    std::vector<Image> decode(const std::vector<float>& z, int count, const std::vector<float>& condition = {}) const;
    /// Decodes n draws from N(0, I).
    std::vector<Image> sample(int n, uint64_t seed, const std::vector<float>& condition = {}) const;
    /// Latent means of up to maxCount images of the test (or train) split. `progress` hears of each
    /// chunk of images; returning false stops it (Cancelled).
    LatentCodes encode(const Dataset& data, bool testSplit = true, int64_t maxCount = -1, const StepProgress& progress = {}) const;
    /// The same for the split's images begin..end-1 (clamped to the split): a long encoding in parts.
    LatentCodes encodeRange(const Dataset& data, bool testSplit, int64_t begin, int64_t end, const StepProgress& progress = {}) const;
    /// Latent means of images shaped like the model's input (channels, height, width); condition as
    /// for decode (a conditional model needs one). Throws InputError on a shape mismatch.
    std::vector<float> encodeImages(const std::vector<Image>& images, const std::vector<float>& condition = {}) const;
    /// Parses "Smiling=1,Male=0" (or "7=1" for class-conditioned models) into a condition vector;
    /// the values it does not name keep info().defaultCondition()'s (a class name set to 1 clears
    /// the default class: one class at a time). Empty text gives an empty vector.
    std::vector<float> conditionFromText(const std::string& text) const;

    ModelState& state() const { return *m_state; }
    std::shared_ptr<ModelState> sharedState() const { return m_state; }
    explicit Model(std::shared_ptr<ModelState> state);

private:
    std::shared_ptr<ModelState> m_state;
};

} // namespace latentlab
