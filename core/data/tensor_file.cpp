#include "core/data/tensor_file.h"

#include "core/data/file_io.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstring>

namespace latentlab {

namespace {
constexpr char kMagic[8] = {'L', 'L', 'T', 'E', 'N', 'S', 'O', 'R'};
constexpr size_t kFixedHeader = 8 + 4 + 8;

const char* dtypeName(DType t)
{
    switch (t) {
    case DType::U8: return "u8";
    case DType::F32: return "f32";
    case DType::I64: return "i64";
    }
    return "?";
}

template <typename T>
T get(const uint8_t* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}
} // namespace

size_t dtypeSize(DType t) { return t == DType::U8 ? 1 : t == DType::F32 ? 4 : 8; }

const NamedArray* TensorFile::find(const std::string& name) const
{
    for (const auto& a : arrays)
        if (a.name == name)
            return &a;
    return nullptr;
}

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc)
{
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t {};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (size_t i = 0; i < size; ++i)
        crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

std::vector<uint8_t> encodeTensorFile(const TensorFile& file)
{
    nlohmann::json header;
    header["kind"] = file.kind;
    header["meta"] = nlohmann::json::parse(file.metaJson);
    header["arrays"] = nlohmann::json::array();
    uint64_t offset = 0;
    for (const auto& a : file.arrays) {
        header["arrays"].push_back({{"name", a.name}, {"dtype", dtypeName(a.dtype)}, {"shape", a.shape}, {"offset", offset},
                                    {"bytes", a.bytes.size()}});
        offset += a.bytes.size();
    }
    const std::string text = header.dump();
    // Sized once and filled with memcpy (GCC 12 warns falsely on reserve + insert here).
    std::vector<uint8_t> out(kFixedHeader + text.size() + offset + 4);
    uint8_t* w = out.data();
    std::memcpy(w, kMagic, 8);
    const uint32_t version = kTensorFileVersion;
    const uint64_t headerLen = text.size();
    std::memcpy(w + 8, &version, 4);
    std::memcpy(w + 12, &headerLen, 8);
    w += kFixedHeader;
    std::memcpy(w, text.data(), text.size());
    w += text.size();
    for (const auto& a : file.arrays) {
        if (!a.bytes.empty())
            std::memcpy(w, a.bytes.data(), a.bytes.size());
        w += a.bytes.size();
    }
    const uint32_t crc = crc32(out.data(), out.size() - 4);
    std::memcpy(w, &crc, 4);
    return out;
}

TensorFile decodeTensorFile(const std::vector<uint8_t>& bytes, const std::string& name)
{
    if (bytes.empty())
        throw InputError(name + ": empty file");
    if (bytes.size() < kFixedHeader + 4 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw InputError(name + ": not a LatentLab file (bad magic at offset 0)");
    const uint32_t version = get<uint32_t>(bytes.data() + 8);
    if (version > kTensorFileVersion)
        throw InputError(name + ": format version " + std::to_string(version) + " is newer than this build reads (" +
                         std::to_string(kTensorFileVersion) + "); update LatentLab");
    if (version == 0)
        throw InputError(name + ": format version 0 is invalid");
    const uint64_t headerLen = get<uint64_t>(bytes.data() + 12);
    if (headerLen > bytes.size() - kFixedHeader - 4)
        throw InputError(name + ": truncated: header length " + std::to_string(headerLen) + " exceeds the file size " +
                         std::to_string(bytes.size()));
    const size_t body = bytes.size() - 4;
    const uint32_t stored = get<uint32_t>(bytes.data() + body);
    if (crc32(bytes.data(), body) != stored)
        throw InputError(name + ": checksum mismatch: the file is truncated or damaged");

    TensorFile file;
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(bytes.begin() + kFixedHeader, bytes.begin() + kFixedHeader + headerLen);
        file.kind = header.at("kind").get<std::string>();
        file.metaJson = header.at("meta").dump();
        const uint64_t dataStart = kFixedHeader + headerLen;
        const uint64_t dataLen = body - dataStart;
        for (const auto& a : header.at("arrays")) {
            NamedArray arr;
            arr.name = a.at("name").get<std::string>();
            const std::string dt = a.at("dtype").get<std::string>();
            arr.dtype = dt == "u8" ? DType::U8 : dt == "f32" ? DType::F32 : dt == "i64" ? DType::I64 : throw InputError(
                name + ": array " + arr.name + " has unknown dtype " + dt);
            arr.shape = a.at("shape").get<std::vector<int64_t>>();
            const uint64_t off = a.at("offset").get<uint64_t>(), len = a.at("bytes").get<uint64_t>();
            uint64_t elems = 1;
            for (auto d : arr.shape) {
                if (d < 0 || (d > 0 && elems > (uint64_t(1) << 42) / uint64_t(d)))
                    throw InputError(name + ": array " + arr.name + " has an invalid shape");
                elems *= uint64_t(d);
            }
            if (elems * dtypeSize(arr.dtype) != len)
                throw InputError(name + ": array " + arr.name + ": shape and byte count disagree");
            if (off > dataLen || len > dataLen - off)
                throw InputError(name + ": array " + arr.name + " lies outside the file");
            arr.bytes.assign(bytes.begin() + dataStart + off, bytes.begin() + dataStart + off + len);
            file.arrays.push_back(std::move(arr));
        }
    } catch (const nlohmann::json::exception& e) {
        throw InputError(name + ": malformed header: " + e.what());
    }
    return file;
}

void writeTensorFile(const std::string& path, const TensorFile& file)
{
    auto bytes = encodeTensorFile(file);
    writeFileAtomic(path, bytes.data(), bytes.size());
}

TensorFile readTensorFile(const std::string& path, const std::string& expectedKind)
{
    TensorFile f = decodeTensorFile(readFileBytes(path), path);
    if (!expectedKind.empty() && f.kind != expectedKind)
        throw InputError(path + ": is a LatentLab " + f.kind + ", expected a " + expectedKind);
    return f;
}

} // namespace latentlab
