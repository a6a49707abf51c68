// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Minimal "--name value" argument parsing for latentlab-cli. No Qt, no torch.
#include "core/error.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace latentlab::cli {

/// Bad command-line usage: exit code 2 like bad input.
class UsageError : public InputError {
public:
    using InputError::InputError;
};

class Args {
public:
    /// Parses args[first..]: "--name value" and "--name=value" options (names in `valued`), "--flag"
    /// switches (in `flags`) and positional words. Unknown options are a UsageError.
    Args(const std::vector<std::string>& args, size_t first, const std::set<std::string>& valued,
         const std::set<std::string>& flags);
    /// The options `command` accepts (the command table).
    Args(const std::vector<std::string>& args, size_t first, const struct CliCommand& command);

    bool has(const std::string& name) const { return m_values.count(name) || m_flags.count(name); }
    std::string get(const std::string& name, const std::string& fallback = "") const;
    std::string required(const std::string& name) const;
    /// A required output file: refused at once (exit 2) when it exists and is not a regular file
    /// (a device, FIFO, folder) or is a link to one, before the command does any work.
    std::string outputFile(const std::string& name = "out") const;
    int getInt(const std::string& name, int fallback, int min, int max) const;
    double getDouble(const std::string& name, double fallback) const;
    /// The same within [min, max] (a UsageError naming the range otherwise).
    double getDouble(const std::string& name, double fallback, double min, double max) const;
    uint64_t getUnsigned(const std::string& name, uint64_t fallback) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
};

/// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> splitList(const std::string& text);

} // namespace latentlab::cli
