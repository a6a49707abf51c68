// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/mnist_json_import.h"

#include "core/data/file_io.h"
#include "core/data/idx_reader.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <random>
#include <sys/stat.h>

namespace latentlab {

namespace {
constexpr int kPixels = 28 * 28;

struct Split {
    std::vector<uint8_t> images;
    std::vector<uint8_t> labels;
};

void shuffleSplit(Split& s, uint64_t seed)
{
    const size_t n = s.labels.size();
    std::mt19937_64 rng(seed);
    for (size_t i = n; i > 1; --i) {
        size_t j = rng() % i;
        std::swap(s.labels[i - 1], s.labels[j]);
        std::swap_ranges(s.images.begin() + (i - 1) * kPixels, s.images.begin() + i * kPixels,
                         s.images.begin() + j * kPixels);
    }
}

void writeSplit(const Split& s, const std::string& outDir, const std::string& prefix)
{
    const uint32_t n = static_cast<uint32_t>(s.labels.size());
    auto images = encodeIdx({n, 28, 28}, s.images);
    auto labels = encodeIdx({n}, s.labels);
    writeFileAtomic(outDir + "/" + prefix + "-images-idx3-ubyte", images.data(), images.size());
    writeFileAtomic(outDir + "/" + prefix + "-labels-idx1-ubyte", labels.data(), labels.size());
}
} // namespace

MnistImportResult importMnistJson(const std::string& digitsDir, const std::string& outDir)
{
    Split train, test;
    for (int digit = 0; digit < 10; ++digit) {
        const std::string path = digitsDir + "/" + std::to_string(digit) + ".json";
        std::vector<uint8_t> bytes = readFileBytes(path);
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(bytes.begin(), bytes.end());
        } catch (const nlohmann::json::parse_error& e) {
            throw InputError(path + ": not valid JSON at byte " + std::to_string(e.byte));
        } catch (const nlohmann::json::exception& e) {
            throw InputError(path + ": not valid JSON: " + e.what());
        }
        if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_array())
            throw InputError(path + ": expected an object with a \"data\" array");
        const auto& data = doc["data"];
        if (data.empty() || data.size() % kPixels != 0)
            throw InputError(path + ": \"data\" holds " + std::to_string(data.size()) +
                             " values, expected a non-zero multiple of 784");
        const size_t count = data.size() / kPixels;
        for (size_t img = 0; img < count; ++img) {
            Split& dst = (img % 5 == 4) ? test : train;
            for (int p = 0; p < kPixels; ++p) {
                const auto& v = data[img * kPixels + p];
                if (!v.is_number())
                    throw InputError(path + ": value " + std::to_string(img * kPixels + p) + " is not a number");
                double x = v.get<double>();
                if (!(x >= 0.0 && x <= 1.0))
                    throw InputError(path + ": value " + std::to_string(img * kPixels + p) + " = " + std::to_string(x) +
                                     " is outside [0, 1]");
                dst.images.push_back(static_cast<uint8_t>(std::lround(x * 255.0)));
            }
            dst.labels.push_back(static_cast<uint8_t>(digit));
        }
    }
    ::mkdir(outDir.c_str(), 0755);
    shuffleSplit(train, 1);
    shuffleSplit(test, 2);
    writeSplit(train, outDir, "train");
    writeSplit(test, outDir, "t10k");
    return {static_cast<int>(train.labels.size()), static_cast<int>(test.labels.size())};
}

} // namespace latentlab
