// SPDX-License-Identifier: GPL-3.0-or-later
// Reading values out of a loaded dataset: images, an image's attributes, a split's factors.
#include "core/data/dataset_impl.h"
#include "core/data/tensor_convert_impl.h"

#include <algorithm>

namespace latentlab {

std::vector<Image> Dataset::images(bool testSplit, int64_t start, int64_t count) const
{
    const torch::Tensor& all = testSplit ? m_tensors->testImages : m_tensors->trainImages;
    start = std::clamp<int64_t>(start, 0, all.size(0));
    const int64_t end = std::clamp<int64_t>(start + std::max<int64_t>(count, 0), start, all.size(0));
    if (end == start)
        return {};
    return tensorToImages(imagesToUnitFloat(all.slice(0, start, end)));
}

std::vector<float> Dataset::attributes(bool testSplit, int64_t index) const
{
    const torch::Tensor& a = testSplit ? m_tensors->testAttributes : m_tensors->trainAttributes;
    if (!a.defined() || index < 0 || index >= a.size(0))
        return {};
    torch::Tensor row = a[index].to(torch::kFloat32).contiguous();
    return std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
}

std::vector<float> Dataset::factors(bool testSplit) const
{
    const torch::Tensor& f = testSplit ? m_tensors->testFactors : m_tensors->trainFactors;
    return f.defined() ? std::vector<float>(f.data_ptr<float>(), f.data_ptr<float>() + f.numel()) : std::vector<float>();
}

} // namespace latentlab
