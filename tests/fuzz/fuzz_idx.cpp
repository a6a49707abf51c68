// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the IDX parser must accept or throw InputError, never crash or over-read.
#include "core/data/idx_reader.h"
#include "core/error.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        latentlab::IdxArray a = latentlab::parseIdx(data, size, "fuzz");
        uint64_t elements = 1;
        for (auto d : a.dims)
            elements *= d;
        if (elements != a.data.size())
            std::abort(); // accepted data must match its header exactly
    } catch (const latentlab::InputError&) {
    }
    return 0;
}
