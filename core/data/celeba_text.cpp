// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/celeba_text.h"

#include "core/error.h"

#include <set>
#include <unordered_map>

namespace latentlab {

namespace {

// Splits text into lines, accepting \n and \r\n; a final line without newline counts. A UTF-8
// byte order mark (files saved by some Windows editors) is skipped.
std::vector<std::string_view> splitLines(const std::string& text)
{
    std::vector<std::string_view> lines;
    size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        size_t stop = end;
        if (stop > start && text[stop - 1] == '\r')
            --stop;
        lines.emplace_back(text.data() + start, stop - start);
        start = end + 1;
    }
    return lines;
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t')
            ++j;
        if (j > i)
            out.push_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string where(const std::string& file, size_t line) { return file + ":" + std::to_string(line) + ": "; }

} // namespace

const std::vector<std::string>& celebaAttributeNames()
{
    static const std::vector<std::string> names = {
        "5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive", "Bags_Under_Eyes", "Bald", "Bangs", "Big_Lips",
        "Big_Nose", "Black_Hair", "Blond_Hair", "Blurry", "Brown_Hair", "Bushy_Eyebrows", "Chubby", "Double_Chin",
        "Eyeglasses", "Goatee", "Gray_Hair", "Heavy_Makeup", "High_Cheekbones", "Male", "Mouth_Slightly_Open",
        "Mustache", "Narrow_Eyes", "No_Beard", "Oval_Face", "Pale_Skin", "Pointy_Nose", "Receding_Hairline",
        "Rosy_Cheeks", "Sideburns", "Smiling", "Straight_Hair", "Wavy_Hair", "Wearing_Earrings", "Wearing_Hat",
        "Wearing_Lipstick", "Wearing_Necklace", "Wearing_Necktie", "Young"};
    return names;
}

namespace {

// Line 1 of list_attr_celeba.txt: the image count alone.
uint64_t attributeCount(std::string_view line, const std::string& file)
{
    auto countFields = splitFields(line);
    if (countFields.size() != 1)
        throw InputError(where(file, 1) + "expected the image count alone on the line");
    uint64_t count = 0;
    for (char c : countFields[0]) {
        if (c < '0' || c > '9')
            throw InputError(where(file, 1) + "image count \"" + std::string(countFields[0]) + "\" is not a number");
        count = count * 10 + uint64_t(c - '0');
        if (count > 100000000)
            throw InputError(where(file, 1) + "image count is absurdly large");
    }
    return count;
}

} // namespace

CelebaAttributeTable parseCelebaAttributes(const std::string& text, const std::string& file)
{
    auto lines = splitLines(text);
    if (lines.empty()) // no bytes, or a byte order mark alone
        throw InputError(file + ": empty file, expected the image count on line 1");
    const uint64_t count = attributeCount(lines[0], file);
    if (lines.size() < 2)
        throw InputError(where(file, 2) + "missing the line of attribute names");
    CelebaAttributeTable t;
    std::set<std::string> seen;
    for (auto f : splitFields(lines[1])) {
        std::string name(f);
        if (!seen.insert(name).second)
            throw InputError(where(file, 2) + "attribute name \"" + name + "\" appears twice");
        t.names.push_back(name);
    }
    if (t.names.empty())
        throw InputError(where(file, 2) + "no attribute names");
    const size_t width = t.names.size();
    // Rows: count them first (ignoring blank trailing lines) so a wrong count fails before parsing.
    size_t last = lines.size();
    while (last > 2 && splitFields(lines[last - 1]).empty())
        --last;
    const size_t rows = last - 2;
    if (rows != count)
        throw InputError(where(file, 1) + "says " + std::to_string(count) + " images but the file has " +
                         std::to_string(rows) + " rows");
    t.files.reserve(rows);
    t.values.reserve(rows * width);
    std::unordered_map<std::string, size_t> fileRows;
    for (size_t i = 2; i < last; ++i) {
        auto f = splitFields(lines[i]);
        if (f.size() != width + 1)
            throw InputError(where(file, i + 1) + "expected a file name and " + std::to_string(width) + " values, found " +
                             std::to_string(f.empty() ? 0 : f.size() - 1) + " values");
        std::string name(f[0]);
        if (!fileRows.emplace(name, i + 1).second)
            throw InputError(where(file, i + 1) + "image \"" + name + "\" is listed twice");
        for (size_t k = 1; k <= width; ++k) {
            if (f[k] == "1")
                t.values.push_back(1);
            else if (f[k] == "-1")
                t.values.push_back(-1);
            else
                throw InputError(where(file, i + 1) + "value \"" + std::string(f[k]) + "\" for " + t.names[k - 1] +
                                 " is not -1 or 1");
        }
        t.files.push_back(std::move(name));
    }
    return t;
}

std::vector<int> parseCelebaPartition(const std::string& text, const std::string& file,
                                      const std::vector<std::string>& files)
{
    std::unordered_map<std::string, int> split;
    auto lines = splitLines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
        auto f = splitFields(lines[i]);
        if (f.empty())
            continue;
        if (f.size() != 2 || f[1].size() != 1 || f[1][0] < '0' || f[1][0] > '2')
            throw InputError(where(file, i + 1) + "expected \"NAME SPLIT\" with split 0, 1 or 2");
        if (!split.emplace(std::string(f[0]), f[1][0] - '0').second)
            throw InputError(where(file, i + 1) + "image \"" + std::string(f[0]) + "\" is listed twice");
    }
    std::vector<int> out;
    out.reserve(files.size());
    for (const auto& name : files) {
        auto it = split.find(name);
        if (it == split.end())
            throw InputError(file + ": image \"" + name + "\" from the attribute list has no partition entry");
        out.push_back(it->second);
    }
    return out;
}

} // namespace latentlab
