// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// IDX (MNIST / Fashion-MNIST) parsing. Plain C++: fuzzable without torch.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

/// An unsigned-byte IDX array: dims as in the header, data row-major.
struct IdxArray {
    std::vector<uint32_t> dims;
    std::vector<uint8_t> data;
    uint64_t count() const { return dims.empty() ? 0 : dims[0]; }
};

/// Parses IDX bytes; `name` is used in messages. Checks magic, type, rank and that the
/// header's dimensions match the byte count exactly before copying anything.
IdxArray parseIdx(const uint8_t* bytes, size_t size, const std::string& name);

/// Reads an IDX file, raw or gzip-compressed.
IdxArray readIdxFile(const std::string& path);
/// The size an IDX header at the start of `bytes` declares (header included), 0 when incomplete.
uint64_t idxDeclaredSize(const uint8_t* bytes, size_t size);

/// Serialises an unsigned-byte array as IDX (used by the MNIST JSON import and tests).
std::vector<uint8_t> encodeIdx(const std::vector<uint32_t>& dims, const std::vector<uint8_t>& data);

} // namespace latentlab
