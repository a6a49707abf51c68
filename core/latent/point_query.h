// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Searching the codes by what they are, as the Embedding Projector's search box does: a class name
// or number ("7", "Sneaker"), an attribute ("Smiling"), "not" before either, "&" (or "and") between
// terms that must all hold, "|" (or "or") between alternatives:
//   "Smiling & Eyeglasses", "not Male", "Smiling & not Male | Eyeglasses".
// Names match without regard to case, and spaces in attribute names may be written as underscores
// or the other way round ("wearing_hat", "Wearing Hat"). An unknown name is an error that lists
// the known ones, not an empty result.
#include "core/models/model.h"

#include <string>
#include <vector>

namespace latentlab {

struct PointQuery {
    struct Term {
        bool attribute = false; // else a class
        int index = 0;          // the class label, or the attribute's column
        bool negated = false;
    };
    /// Any of these conjunctions; empty for an empty query (it matches nothing).
    std::vector<std::vector<Term>> alternatives;
    bool empty() const { return alternatives.empty(); }
};

/// Parses `text` against the codes' class and attribute names; throws InputError naming the term
/// it does not know (and what it does know) or the operator it found without a term.
PointQuery parsePointQuery(const std::string& text, const std::vector<std::string>& classNames,
                           const std::vector<std::string>& attributeNames);

/// For each code, 1 when it matches (a class term needs the codes' labels, an attribute term
/// their attributes; a code without them matches neither).
std::vector<char> matchPoints(const PointQuery& query, const LatentCodes& codes);

/// The indices of the set flags (a selection as sessions keep it), and back: `count` flags, those
/// at `indices` set; indices outside 0..count-1 are left out and counted in `dropped`.
std::vector<int> flaggedIndices(const std::vector<char>& flags);
std::vector<char> indexFlags(const std::vector<int>& indices, int64_t count, int& dropped);

/// The mean of the codes marked in `chosen` (codes.count() flags); throws InputError when none is.
std::vector<float> meanOfChosen(const LatentCodes& codes, const std::vector<char>& chosen);

} // namespace latentlab
