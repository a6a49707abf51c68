// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A man(7) page from plain text: the two programs build theirs from their own option tables.
#include <string>
#include <utility>
#include <vector>

namespace latentlab::cli {

/// `text` for roff: backslashes and hyphens escaped, a line starting with '.' or '\'' guarded.
std::string roffEscape(const std::string& text);

struct ManPage {
    std::string name;    // "latentlab-cli"
    std::string version; // "0.2.0"
    std::string summary; // the NAME line's part after the dash
    /// Sections in order: title ("SYNOPSIS") and roff body (already escaped where it is text).
    std::vector<std::pair<std::string, std::string>> sections;
    std::string roff() const;
};

/// Lines kept as they are (a usage block): .nf ... .fi around the escaped text.
std::string roffVerbatim(const std::string& text);
/// A tagged paragraph: .TP, the tag in bold, the text.
std::string roffItem(const std::string& tag, const std::string& text);

} // namespace latentlab::cli
