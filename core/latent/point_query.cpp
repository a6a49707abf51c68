// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/latent/point_query.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>

namespace latentlab {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// Lower case, underscores as spaces, runs of spaces as one, no spaces at the ends.
std::string normalised(const std::string& s)
{
    std::string out;
    for (char c : lower(s)) {
        if (c == '_' || std::isspace(static_cast<unsigned char>(c)))
            c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' '))
            continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// `text` cut at every `separator` (a symbol, or a word standing alone between spaces).
std::vector<std::string> splitOn(const std::string& text, char symbol, const std::string& word)
{
    std::vector<std::string> parts(1);
    const std::string padded = lower(text);
    for (size_t i = 0; i < text.size(); ++i) {
        const bool atWord = padded.compare(i, word.size(), word) == 0 && (i == 0 || text[i - 1] == ' ')
                            && (i + word.size() == text.size() || text[i + word.size()] == ' ');
        if (text[i] == symbol || atWord) {
            parts.emplace_back();
            if (atWord)
                i += word.size() - 1;
            continue;
        }
        parts.back() += text[i];
    }
    return parts;
}

std::string known(const std::vector<std::string>& classNames, const std::vector<std::string>& attributeNames)
{
    std::string list;
    for (const auto* names : {&classNames, &attributeNames})
        for (const std::string& n : *names)
            list += (list.empty() ? "" : ", ") + n;
    return list.empty() ? "none (these codes have no labels)" : list;
}

PointQuery::Term parseTerm(std::string text, const std::vector<std::string>& classNames,
                           const std::vector<std::string>& attributeNames, const std::string& query)
{
    PointQuery::Term term;
    text = normalised(text);
    // "not x", "!x", "-x"; twice cancels.
    for (;;) {
        if (text.rfind("not ", 0) == 0)
            text = normalised(text.substr(4));
        else if (!text.empty() && (text[0] == '!' || text[0] == '-'))
            text = normalised(text.substr(1));
        else
            break;
        term.negated = !term.negated;
    }
    if (text.empty() || text == "not")
        throw InputError("search \"" + query + "\": an operator with nothing to apply it to");
    for (size_t c = 0; c < classNames.size(); ++c)
        if (normalised(classNames[c]) == text)
            return term.index = int(c), term;
    for (size_t a = 0; a < attributeNames.size(); ++a)
        if (normalised(attributeNames[a]) == text) {
            term.attribute = true;
            term.index = int(a);
            return term;
        }
    // A class number ("3" for the fourth class), when the names are not numbers themselves.
    const auto number = [](const std::string& s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); });
    };
    if (number(text) && text.size() < 6 && std::none_of(classNames.begin(), classNames.end(), number)) {
        const int label = std::stoi(text);
        if (label >= 0 && size_t(label) < classNames.size())
            return term.index = label, term;
    }
    throw InputError("search \"" + query + "\": no class or attribute is called \"" + text + "\" (known: " +
                     known(classNames, attributeNames) + ")");
}

} // namespace

PointQuery parsePointQuery(const std::string& text, const std::vector<std::string>& classNames,
                           const std::vector<std::string>& attributeNames)
{
    PointQuery query;
    if (normalised(text).empty())
        return query;
    for (const std::string& alternative : splitOn(text, '|', "or")) {
        std::vector<PointQuery::Term> terms;
        for (const std::string& term : splitOn(alternative, '&', "and"))
            terms.push_back(parseTerm(term, classNames, attributeNames, text));
        query.alternatives.push_back(std::move(terms));
    }
    return query;
}

std::vector<char> matchPoints(const PointQuery& query, const LatentCodes& codes)
{
    const int64_t n = codes.count();
    const size_t attributes = codes.attributeNames.size();
    const bool hasLabels = codes.labels.size() == size_t(n);
    const bool hasAttributes = attributes > 0 && codes.attributes.size() == size_t(n) * attributes;
    std::vector<char> out(size_t(n), 0);
    for (int64_t i = 0; i < n; ++i)
        for (const auto& terms : query.alternatives) {
            const bool all = std::all_of(terms.begin(), terms.end(), [&](const PointQuery::Term& t) {
                if (t.attribute ? !hasAttributes || size_t(t.index) >= attributes : !hasLabels)
                    return false;
                const bool has = t.attribute ? codes.attributes[size_t(i) * attributes + size_t(t.index)] > 0.5f
                                             : codes.labels[size_t(i)] == t.index;
                return has != t.negated;
            });
            if (all) {
                out[size_t(i)] = 1;
                break;
            }
        }
    return out;
}

std::vector<int> flaggedIndices(const std::vector<char>& flags)
{
    std::vector<int> out;
    for (size_t i = 0; i < flags.size(); ++i)
        if (flags[i])
            out.push_back(int(i));
    return out;
}

std::vector<char> indexFlags(const std::vector<int>& indices, int64_t count, int& dropped)
{
    std::vector<char> flags(size_t(std::max<int64_t>(0, count)), 0);
    dropped = 0;
    for (int i : indices) {
        if (i >= 0 && i < count)
            flags[size_t(i)] = 1;
        else
            ++dropped;
    }
    return flags;
}

std::vector<float> meanOfChosen(const LatentCodes& codes, const std::vector<char>& chosen)
{
    const int64_t n = codes.count();
    if (chosen.size() != size_t(n))
        throw InputError("a selection of " + std::to_string(chosen.size()) + " points for " + std::to_string(n) + " codes");
    std::vector<double> sum(size_t(codes.dim), 0.0);
    int64_t count = 0;
    for (int64_t i = 0; i < n; ++i)
        if (chosen[size_t(i)]) {
            ++count;
            for (int k = 0; k < codes.dim; ++k)
                sum[size_t(k)] += codes.values[size_t(i * codes.dim + k)];
        }
    if (count == 0)
        throw InputError("the selection is empty: no code to average");
    std::vector<float> mean(sum.size());
    for (size_t k = 0; k < sum.size(); ++k)
        mean[k] = float(sum[k] / double(count));
    return mean;
}

} // namespace latentlab
