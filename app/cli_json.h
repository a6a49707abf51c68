// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One JSON object on one line, for `--json` (JSON Lines: a script reads a line, parses it, and
// knows what happened). Written by hand: a few flat objects do not need a JSON library's headers.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::cli {

class JsonLine {
public:
    JsonLine& add(const std::string& key, const std::string& value);
    JsonLine& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
    /// Non-finite numbers become null (JSON has no NaN).
    JsonLine& add(const std::string& key, double value);
    JsonLine& add(const std::string& key, int64_t value);
    JsonLine& add(const std::string& key, int value) { return add(key, int64_t(value)); }
    JsonLine& add(const std::string& key, bool value);
    JsonLine& add(const std::string& key, const std::vector<std::string>& values);
    /// The object, without a newline.
    std::string text() const { return "{" + m_body + "}"; }
    /// Prints it and a newline to stdout, flushed (a reader sees each line as it happens).
    void print() const;

private:
    void key(const std::string& k);
    std::string m_body;
};

/// A JSON string literal of `text` (quotes, backslashes and control characters escaped).
std::string jsonString(const std::string& text);

} // namespace latentlab::cli
