// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: what opening a checkpoint reads before any weights: the tensor-file header, its
// array table and the model description. The input is a checkpoint without its last 4 bytes; the
// target appends the matching CRC, so the fuzzer gets past the checksum to the parsers behind it.
// It must accept or throw InputError, never crash, hang or over-read.
#include "core/data/tensor_file.h"
#include "core/error.h"
#include "core/models/model_info_json_impl.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<uint8_t> bytes(data, data + size);
    const uint32_t crc = latentlab::crc32(data, size);
    const auto* c = reinterpret_cast<const uint8_t*>(&crc);
    bytes.insert(bytes.end(), c, c + 4);
    try {
        const latentlab::TensorFile f = latentlab::decodeTensorFile(bytes, "fuzz");
        for (const auto& a : f.arrays)
            if (a.size() != a.bytes.size() && !a.view)
                std::abort();
        const latentlab::ModelInfo mi = latentlab::modelInfoFromJson(nlohmann::json::parse(f.metaJson), "fuzz");
        if (mi.conditionDim != int(mi.conditionNames.size()) || mi.latentDim() < 1)
            std::abort(); // an accepted description is consistent
    } catch (const latentlab::InputError&) {
    }
    return 0;
}
