// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/tensor_file.h"

#include "core/data/file_io.h"
#include "core/error.h"
#include "core/json_fields_impl.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#ifdef LATENTLAB_HAVE_ZLIB
#include <zlib.h>
#endif
#include <cstdio>
#include <cstring>

#include <unistd.h>

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
#ifdef LATENTLAB_HAVE_ZLIB
    // zlib's CRC-32 is the same polynomial and several times faster than the table loop below.
    while (size > 0) {
        const uInt chunk = uInt(std::min<size_t>(size, 1u << 30));
        crc = uint32_t(::crc32(crc, data, chunk));
        data += chunk;
        size -= chunk;
    }
    return crc;
#endif
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

namespace {
// The fixed header + JSON header, and the CRC over everything: the pieces around the arrays.
struct Framing {
    std::vector<uint8_t> head;
    uint32_t crc = 0;
};

Framing frame(const TensorFile& file)
{
    nlohmann::json header;
    header["kind"] = file.kind;
    header["meta"] = nlohmann::json::parse(file.metaJson);
    header["arrays"] = nlohmann::json::array();
    uint64_t offset = 0;
    for (const auto& a : file.arrays) {
        header["arrays"].push_back({{"name", a.name}, {"dtype", dtypeName(a.dtype)}, {"shape", a.shape}, {"offset", offset},
                                    {"bytes", a.size()}});
        offset += a.size();
    }
    const std::string text = dumpJson(header);
    Framing f;
    f.head.resize(kFixedHeader + text.size());
    const uint32_t version = kTensorFileVersion;
    const uint64_t headerLen = text.size();
    std::memcpy(f.head.data(), kMagic, 8);
    std::memcpy(f.head.data() + 8, &version, 4);
    std::memcpy(f.head.data() + 12, &headerLen, 8);
    std::memcpy(f.head.data() + kFixedHeader, text.data(), text.size());
    f.crc = crc32(f.head.data(), f.head.size());
    for (const auto& a : file.arrays)
        f.crc = crc32(a.data(), a.size(), f.crc);
    return f;
}
} // namespace

std::vector<uint8_t> encodeTensorFile(const TensorFile& file)
{
    Framing f = frame(file);
    std::vector<uint8_t> out = f.head;
    for (const auto& a : file.arrays)
        out.insert(out.end(), a.data(), a.data() + a.size());
    const uint8_t* crc = reinterpret_cast<const uint8_t*>(&f.crc);
    out.insert(out.end(), crc, crc + 4);
    return out;
}

TensorFile decodeTensorFile(const std::vector<uint8_t>& bytes, const std::string& name)
{
    if (bytes.empty())
        throw InputError(name + ": empty file");
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw InputError(name + ": not a LatentLab file (bad magic at offset 0)");
    if (bytes.size() < kFixedHeader + 4)
        throw InputError(name + ": truncated: " + std::to_string(bytes.size()) + " bytes, the fixed header alone needs " +
                         std::to_string(kFixedHeader + 4));
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
        file.metaJson = dumpJson(header.at("meta"));
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
    Framing f = frame(file);
    std::vector<std::pair<const void*, size_t>> parts = {{f.head.data(), f.head.size()}};
    for (const auto& a : file.arrays)
        parts.emplace_back(a.data(), a.size());
    parts.emplace_back(&f.crc, 4);
    writeFileAtomicParts(path, parts);
}

std::string readTensorFileMeta(const std::string& path, const std::string& expectedKind)
{
    const int fd = openRegularFile(path); // a FIFO or folder is named, never waited on or called empty
    FILE* f = ::fdopen(fd, "rb");
    if (!f) {
        ::close(fd);
        throw InputError(path + ": cannot open");
    }
    uint8_t fixed[kFixedHeader];
    const size_t got = std::fread(fixed, 1, kFixedHeader, f);
    std::string problem;
    std::string text;
    if (got < 8 || std::memcmp(fixed, kMagic, 8) != 0) {
        problem = got == 0 ? "empty file" : "not a LatentLab file (bad magic at offset 0)";
    } else if (got < kFixedHeader) {
        problem = "truncated: " + std::to_string(got) + " bytes, the fixed header alone needs " + std::to_string(kFixedHeader);
    } else {
        uint64_t len = 0;
        std::memcpy(&len, fixed + 12, 8);
        if (len >= (uint64_t(1) << 30)) {
            problem = "header length " + std::to_string(len) + " is absurd (damaged file)";
        } else {
            text.resize(len);
            if (std::fread(text.data(), 1, len, f) != len)
                problem = "truncated: the header is cut short";
        }
    }
    std::fclose(f);
    if (!problem.empty())
        throw InputError(path + ": " + problem);
    try {
        auto header = nlohmann::json::parse(text);
        if (!expectedKind.empty() && header.at("kind").get<std::string>() != expectedKind)
            throw InputError(path + ": expected a " + expectedKind);
        return dumpJson(header.at("meta"));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": malformed header: " + e.what());
    }
}

TensorFile readTensorFile(const std::string& path, const std::string& expectedKind)
{
    TensorFile f = decodeTensorFile(readFileBytes(path), path);
    if (!expectedKind.empty() && f.kind != expectedKind)
        throw InputError(path + ": is a LatentLab " + f.kind + ", expected a " + expectedKind);
    return f;
}

} // namespace latentlab
