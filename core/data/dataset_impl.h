// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): the tensors behind a Dataset.
#include "core/data/dataset.h"

#include <torch/torch.h>

namespace latentlab {

struct DatasetTensors {
    torch::Tensor trainImages, testImages;       // [N,C,H,W] uint8 (0..255) or float32 (0..1)
    torch::Tensor trainLabels, testLabels;       // [N] int64
    torch::Tensor trainAttributes, testAttributes; // [N,A] float32 (0/1) or undefined
    torch::Tensor trainFactors, testFactors;       // [N,F] float32 or undefined
};

/// A Dataset's description from its tensors' shapes (dataset.cpp).
DatasetInfo datasetInfoFor(const std::string& spec, const std::string& name, const DatasetTensors& t,
                           std::vector<std::string> classNames);
/// "cache:FILE[,repeat=N]"'s dataset (dataset_cache.cpp).
Dataset loadCacheSpec(const std::string& spec, const std::string& arg);

} // namespace latentlab
