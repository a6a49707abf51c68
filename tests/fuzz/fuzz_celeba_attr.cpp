// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: list_attr_celeba.txt parsing must accept or throw InputError, never crash.
#include "core/data/celeba_text.h"
#include "core/error.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        latentlab::CelebaAttributeTable t = latentlab::parseCelebaAttributes(text, "fuzz");
        if (t.values.size() != t.files.size() * t.names.size())
            std::abort(); // an accepted table is rectangular
        for (int8_t v : t.values)
            if (v != 1 && v != -1)
                std::abort();
        latentlab::parseCelebaPartition(text, "fuzz", t.files);
    } catch (const latentlab::InputError&) {
    }
    return 0;
}
