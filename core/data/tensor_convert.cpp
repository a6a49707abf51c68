#include "core/data/tensor_convert_impl.h"

#include <cstring>

namespace latentlab {

torch::Tensor arrayToTensor(const NamedArray& a)
{
    auto type = a.dtype == DType::U8 ? torch::kUInt8 : a.dtype == DType::F32 ? torch::kFloat32 : torch::kInt64;
    auto t = torch::empty(a.shape, type);
    if (!a.bytes.empty())
        std::memcpy(t.data_ptr(), a.bytes.data(), a.bytes.size());
    return t;
}

torch::Tensor storableTensor(const torch::Tensor& tensor)
{
    torch::Tensor t = tensor.contiguous().cpu();
    if (t.scalar_type() != torch::kUInt8 && t.scalar_type() != torch::kInt64)
        t = t.to(torch::kFloat32);
    return t;
}

NamedArray arrayView(const std::string& name, const torch::Tensor& stored)
{
    NamedArray a;
    a.name = name;
    a.dtype = stored.scalar_type() == torch::kUInt8 ? DType::U8 : stored.scalar_type() == torch::kInt64 ? DType::I64 : DType::F32;
    a.shape.assign(stored.sizes().begin(), stored.sizes().end());
    a.view = static_cast<const uint8_t*>(stored.data_ptr());
    a.viewSize = size_t(stored.numel()) * stored.element_size();
    return a;
}

NamedArray tensorToArray(const std::string& name, const torch::Tensor& tensor)
{
    const torch::Tensor t = storableTensor(tensor);
    NamedArray a = arrayView(name, t);
    a.bytes.assign(a.view, a.view + a.viewSize);
    a.view = nullptr;
    a.viewSize = 0;
    return a;
}

} // namespace latentlab
