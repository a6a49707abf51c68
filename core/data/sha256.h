// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// SHA-256 (FIPS 180-4), incremental. Plain C++.
#include <array>
#include <cstdint>
#include <string>

namespace latentlab {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    /// Finishes and returns the lowercase hex digest; the object is spent afterwards.
    std::string hexDigest();

private:
    void block(const uint8_t* p);
    std::array<uint32_t, 8> m_h;
    std::array<uint8_t, 64> m_buffer {};
    size_t m_used = 0;
    uint64_t m_total = 0;
};

/// Hex SHA-256 of a file's bytes; throws InputError naming the path when unreadable.
std::string sha256File(const std::string& path);

} // namespace latentlab
