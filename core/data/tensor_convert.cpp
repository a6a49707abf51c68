// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/tensor_convert_impl.h"

#include "core/error.h"

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

torch::Tensor imagesToUnitFloat(const torch::Tensor& images)
{
    if (images.scalar_type() == torch::kUInt8)
        return images.to(torch::kFloat32).mul_(1.0f / 255.0f);
    return images.to(torch::kFloat32);
}

std::vector<Image> tensorToImages(const torch::Tensor& unitImages)
{
    torch::Tensor bytes = unitImages.detach()
                              .to(torch::kCPU, torch::kFloat32)
                              .clamp(0, 1)
                              .mul(255.0f)
                              .round()
                              .to(torch::kUInt8)
                              .permute({0, 2, 3, 1})
                              .contiguous();
    std::vector<Image> out;
    const int64_t n = bytes.size(0);
    const int h = int(bytes.size(1)), w = int(bytes.size(2)), c = int(bytes.size(3));
    const size_t per = size_t(h) * w * c;
    const uint8_t* p = bytes.data_ptr<uint8_t>();
    for (int64_t i = 0; i < n; ++i) {
        Image im;
        im.width = w;
        im.height = h;
        im.channels = c;
        im.pixels.assign(p + i * per, p + (i + 1) * per);
        out.push_back(std::move(im));
    }
    return out;
}

torch::Tensor imagesToTensor(const std::vector<Image>& images, int c, int h, int w, const std::string& what)
{
    const size_t per = size_t(c) * h * w;
    auto out = torch::empty({int64_t(images.size()), h, w, c}, torch::kUInt8);
    for (size_t i = 0; i < images.size(); ++i) {
        const Image& im = images[i];
        if (im.channels != c || im.height != h || im.width != w || im.pixels.size() != per)
            throw InputError(what + ": image of " + std::to_string(im.channels) + "x" + std::to_string(im.height) + "x" +
                             std::to_string(im.width) + " does not fit the expected " + std::to_string(c) + "x" +
                             std::to_string(h) + "x" + std::to_string(w));
        std::memcpy(out.data_ptr<uint8_t>() + i * per, im.pixels.data(), per);
    }
    return out.permute({0, 3, 1, 2}).contiguous();
}

} // namespace latentlab
