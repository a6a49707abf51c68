// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_args.h"

#include "app/cli_commands.h"
#include "core/data/file_io.h"

#include <cerrno>
#include <cmath>
#include <sstream>
#include <cstdlib>

namespace latentlab::cli {

Args::Args(const std::vector<std::string>& args, size_t first, const std::set<std::string>& valued,
           const std::set<std::string>& flags)
{
    for (size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) == 0) {
            const size_t eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            if (eq != std::string::npos) { // --key=value
                if (flags.count(name))
                    throw UsageError("option --" + name + " takes no value");
                if (!valued.count(name))
                    throw UsageError("unknown option --" + name);
                m_values[name] = a.substr(eq + 1);
            } else if (flags.count(name)) {
                m_flags.insert(name);
            } else if (valued.count(name)) {
                if (i + 1 >= args.size())
                    throw UsageError("option --" + name + " needs a value");
                m_values[name] = args[++i];
            } else {
                throw UsageError("unknown option " + a);
            }
        } else {
            m_positional.push_back(a);
        }
    }
}

Args::Args(const std::vector<std::string>& args, size_t first, const CliCommand& command)
    : Args(args, first, std::set<std::string>(command.valued.begin(), command.valued.end()),
           std::set<std::string>(command.flags.begin(), command.flags.end()))
{
}

std::string Args::get(const std::string& name, const std::string& fallback) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::string Args::required(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        throw UsageError("missing required option --" + name);
    return it->second;
}

std::string Args::outputFile(const std::string& name) const
{
    const std::string path = required(name);
    outputTarget(path);
    return path;
}

int Args::getInt(const std::string& name, int fallback, int min, int max) const
{
    if (!m_values.count(name))
        return fallback;
    const std::string& v = m_values.at(name);
    char* end = nullptr;
    errno = 0;
    long x = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || errno)
        throw UsageError("--" + name + ": \"" + v + "\" is not an integer");
    if (x < min || x > max)
        throw UsageError("--" + name + ": " + v + " is out of range, expected " + std::to_string(min) + " to " +
                         std::to_string(max));
    return int(x);
}

double Args::getDouble(const std::string& name, double fallback) const
{
    if (!m_values.count(name))
        return fallback;
    const std::string& v = m_values.at(name);
    char* end = nullptr;
    double x = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !std::isfinite(x))
        throw UsageError("--" + name + ": \"" + v + "\" is not a finite number");
    return x;
}

double Args::getDouble(const std::string& name, double fallback, double min, double max) const
{
    const double x = getDouble(name, fallback);
    if (x < min || x > max) {
        std::ostringstream range;
        range << min << " to " << max;
        throw UsageError("--" + name + ": " + m_values.at(name) + " is out of range (expected " + range.str() + ")");
    }
    return x;
}

uint64_t Args::getUnsigned(const std::string& name, uint64_t fallback) const
{
    if (!m_values.count(name))
        return fallback;
    const std::string& v = m_values.at(name);
    char* end = nullptr;
    errno = 0;
    unsigned long long x = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || v[0] == '-' || *end || errno)
        throw UsageError("--" + name + ": \"" + v + "\" is not a non-negative integer");
    return x;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty())
            out.push_back(item);
    return out;
}

} // namespace latentlab::cli
