// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// LatentLab's container for named arrays plus a JSON header: used for checkpoints and
// preprocessed-dataset caches. Plain C++ (no torch): every size is checked against the file
// before anything is allocated, and a CRC-32 over the whole file catches damage.
//
// Layout: "LLTENSOR" | u32 version | u64 header length | header JSON | array bytes | u32 crc32
// (little-endian). The header lists {name, dtype, shape, offset, bytes} for each array.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

enum class DType { U8, F32, I64 };

struct NamedArray {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::vector<uint8_t> bytes;     // raw little-endian element data, owned...
    const uint8_t* view = nullptr;  // ...or borrowed (writing large arrays without a copy)
    size_t viewSize = 0;
    const uint8_t* data() const { return view ? view : bytes.data(); }
    size_t size() const { return view ? viewSize : bytes.size(); }
};

struct TensorFile {
    std::string kind;               // "checkpoint", "dataset-cache"
    std::string metaJson = "{}";    // free-form JSON object owned by the writer
    std::vector<NamedArray> arrays;

    const NamedArray* find(const std::string& name) const;
};

constexpr uint32_t kTensorFileVersion = 1;

/// Serialises to bytes (used for writing and tests).
std::vector<uint8_t> encodeTensorFile(const TensorFile& file);
/// Parses bytes; `name` is used in messages. Throws InputError on any damage or newer version.
TensorFile decodeTensorFile(const std::vector<uint8_t>& bytes, const std::string& name);

/// Atomic write (temp file + rename), streaming each array from its memory.
void writeTensorFile(const std::string& path, const TensorFile& file);
/// Reads and checks a file; `expectedKind` ("" = any) must match the header's kind.
TensorFile readTensorFile(const std::string& path, const std::string& expectedKind);

/// Reads only the header of a file and returns its meta JSON (no CRC check; for cache look-ups).
std::string readTensorFileMeta(const std::string& path, const std::string& expectedKind);

/// CRC-32 (IEEE, as zlib) of a buffer.
uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

size_t dtypeSize(DType t);

} // namespace latentlab
