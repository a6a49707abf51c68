// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/idx_reader.h"

#include "core/data/file_io.h"
#include "core/error.h"

#include <algorithm>

namespace latentlab {

namespace {
uint32_t readBigEndian32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
} // namespace

IdxArray parseIdx(const uint8_t* bytes, size_t size, const std::string& name)
{
    if (size == 0)
        throw InputError(name + ": empty file, expected an IDX header");
    if (size < 4)
        throw InputError(name + ": " + std::to_string(size) + " bytes is too short for an IDX header (4 bytes)");
    if (bytes[0] != 0 || bytes[1] != 0)
        throw InputError(name + ": not an IDX file (magic bytes at offset 0 are " + std::to_string(bytes[0]) + "," +
                         std::to_string(bytes[1]) + ", expected 0,0)");
    if (bytes[2] != 0x08)
        throw InputError(name + ": IDX element type 0x" + std::to_string(bytes[2]) +
                         " at offset 2 is not supported, expected 0x08 (unsigned byte)");
    const unsigned rank = bytes[3];
    if (rank < 1 || rank > 4)
        throw InputError(name + ": IDX rank " + std::to_string(rank) + " at offset 3, expected 1 to 4");
    const size_t header = 4 + 4 * size_t(rank);
    if (size < header)
        throw InputError(name + ": truncated IDX header: " + std::to_string(size) + " bytes, header needs " +
                         std::to_string(header));
    IdxArray out;
    uint64_t total = 1;
    for (unsigned i = 0; i < rank; ++i) {
        uint32_t d = readBigEndian32(bytes + 4 + 4 * i);
        out.dims.push_back(d);
        total *= d;
        if (total > (uint64_t(1) << 40))
            throw InputError(name + ": IDX dimensions claim more than 2^40 elements");
    }
    const uint64_t available = size - header;
    if (total > available)
        throw InputError(name + ": truncated: header claims " + std::to_string(total) + " data bytes but the file holds " +
                         std::to_string(available));
    if (total < available)
        throw InputError(name + ": " + std::to_string(available - total) +
                         " unexpected bytes after the data the header describes");
    out.data.assign(bytes + header, bytes + size);
    return out;
}

uint64_t idxDeclaredSize(const uint8_t* bytes, size_t size)
{
    if (size < 4)
        return 0;
    const unsigned rank = bytes[3];
    if (bytes[0] != 0 || bytes[1] != 0 || rank < 1 || rank > 4)
        return 0; // not an IDX header: parseIdx says why once the file is read
    const size_t header = 4 + 4 * size_t(rank);
    if (size < header)
        return 0;
    constexpr uint64_t kCap = uint64_t(1) << 50; // far past any limit, and no wrap-around
    uint64_t total = 1;
    for (unsigned i = 0; i < rank; ++i) {
        const uint64_t d = readBigEndian32(bytes + 4 + 4 * i);
        total = d != 0 && total > kCap / d ? kCap : total * d;
    }
    return header + total;
}

IdxArray readIdxFile(const std::string& path)
{
    std::vector<uint8_t> bytes = readMaybeGzip(path, maxInflatedBytes(), idxDeclaredSize);
    return parseIdx(bytes.data(), bytes.size(), path);
}

std::vector<uint8_t> encodeIdx(const std::vector<uint32_t>& dims, const std::vector<uint8_t>& data)
{
    std::vector<uint8_t> out = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
    for (uint32_t d : dims) {
        out.push_back(uint8_t(d >> 24));
        out.push_back(uint8_t(d >> 16));
        out.push_back(uint8_t(d >> 8));
        out.push_back(uint8_t(d));
    }
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

} // namespace latentlab
