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

NamedArray tensorToArray(const std::string& name, const torch::Tensor& tensor)
{
    torch::Tensor t = tensor.contiguous().cpu();
    NamedArray a;
    a.name = name;
    a.dtype = t.scalar_type() == torch::kUInt8 ? DType::U8 : t.scalar_type() == torch::kInt64 ? DType::I64 : DType::F32;
    if (a.dtype == DType::F32)
        t = t.to(torch::kFloat32);
    a.shape.assign(t.sizes().begin(), t.sizes().end());
    const auto* p = static_cast<const uint8_t*>(t.data_ptr());
    a.bytes.assign(p, p + t.numel() * t.element_size());
    return a;
}

} // namespace latentlab
