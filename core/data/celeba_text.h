// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parsers for CelebA's text files. Plain C++ (fuzzable): list_attr_celeba.txt and
// list_eval_partition.txt. Structural errors throw InputError naming the file and line.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct CelebaAttributeTable {
    std::vector<std::string> names;            // 40 for real CelebA
    std::vector<std::string> files;            // image file names, in file order
    std::vector<int8_t> values;                // files.size() * names.size(), each -1 or 1
};

/// Parses list_attr_celeba.txt: line 1 the image count, line 2 the attribute names (whitespace
/// separated, trailing whitespace allowed), then one row per image: file name and one -1/1 per
/// attribute separated by runs of spaces. Checks the count, row widths, values and duplicate names.
CelebaAttributeTable parseCelebaAttributes(const std::string& text, const std::string& fileName);

/// Parses list_eval_partition.txt ("name split" per line, split 0/1/2 = train/valid/test) into one
/// split per entry of `files` (files missing from the partition list are an error).
std::vector<int> parseCelebaPartition(const std::string& text, const std::string& fileName,
                                      const std::vector<std::string>& files);

/// The 40 attribute names of CelebA, in the official order.
const std::vector<std::string>& celebaAttributeNames();

} // namespace latentlab
