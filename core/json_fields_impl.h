// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one reader for fields of a JSON object (run configs and presets, session files): each read
// checks the JSON type and range and, on failure, throws InputError naming the place as
// `<where>: "<key>" <problem>`. Absent (or null) fields leave the target at its default.
// Internal to core: it exposes nlohmann::json, so only core's .cpp files include it.
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace latentlab {

/// JSON text of `j`. Strings that are not valid UTF-8 (a folder name in another encoding, say)
/// are written with U+FFFD in place of the bad bytes instead of throwing.
inline std::string dumpJson(const nlohmann::json& j, int indent = -1)
{
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

class JsonFields {
public:
    using json = nlohmann::json;

    /// `allowed`: the keys the object may hold (empty: any); `where` prefixes every message.
    JsonFields(const json& object, std::string where, const std::set<std::string>& allowed = {})
        : m_j(object), m_where(std::move(where))
    {
        if (!m_j.is_object())
            throw InputError(m_where + ": expected a JSON object");
        if (!allowed.empty())
            for (auto it = m_j.begin(); it != m_j.end(); ++it)
                if (!allowed.count(it.key()))
                    throw InputError(m_where + ": unknown key \"" + it.key() + "\"");
    }

    bool has(const std::string& key) const { return m_j.contains(key) && !m_j.at(key).is_null(); }
    const json& at(const std::string& key) const { return m_j.at(key); }
    const json& object() const { return m_j; }
    const std::string& where() const { return m_where; }
    /// The place of a nested object, for its own JsonFields ("<where>.<key>").
    std::string path(const std::string& key) const { return m_where + "." + key; }
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const
    {
        throw InputError(m_where + ": \"" + key + "\" " + problem);
    }

    void text(const std::string& key, std::string& out) const
    {
        if (!has(key))
            return;
        if (!at(key).is_string())
            fail(key, "must be a string");
        out = at(key).get<std::string>();
    }
    void flag(const std::string& key, bool& out) const
    {
        if (!has(key))
            return;
        if (!at(key).is_boolean())
            fail(key, "must be true or false");
        out = at(key).get<bool>();
    }
    void number(const std::string& key, double& out, double min = -std::numeric_limits<double>::max(),
                double max = std::numeric_limits<double>::max()) const
    {
        if (!has(key))
            return;
        if (!at(key).is_number())
            fail(key, "must be a number");
        const double v = at(key).get<double>();
        if (!std::isfinite(v))
            fail(key, "must be finite");
        if (v < min || v > max)
            fail(key, "is " + std::to_string(v) + ", expected " + std::to_string(min) + " to " + std::to_string(max));
        out = v;
    }
    /// A whole number within [min, max] (a signed integer type's range by default).
    template <typename Int, typename = std::enable_if_t<std::is_signed_v<Int>>>
    void integer(const std::string& key, Int& out, int64_t min = std::numeric_limits<Int>::min(),
                 int64_t max = int64_t(std::numeric_limits<Int>::max())) const
    {
        if (!has(key))
            return;
        if (!at(key).is_number_integer())
            fail(key, "must be an integer");
        if (at(key).is_number_unsigned() && at(key).get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
            fail(key, "is too large");
        const int64_t v = at(key).get<int64_t>();
        if (v < min || v > max)
            fail(key, "is " + std::to_string(v) + ", expected " + std::to_string(min) + " to " + std::to_string(max));
        out = Int(v);
    }
    void unsignedInteger(const std::string& key, uint64_t& out) const
    {
        if (!has(key))
            return;
        if (!at(key).is_number_unsigned())
            fail(key, "must be a non-negative integer");
        out = at(key).get<uint64_t>();
    }
    void integers(const std::string& key, std::vector<int>& out) const
    {
        if (!has(key))
            return;
        std::vector<int> v;
        if (at(key).is_array())
            for (const auto& e : at(key)) {
                const bool fits = e.is_number_unsigned() ? e.get<uint64_t>() <= uint64_t(std::numeric_limits<int>::max())
                                                         : e.is_number_integer() && e.get<int64_t>() >= std::numeric_limits<int>::min() &&
                                                               e.get<int64_t>() <= std::numeric_limits<int>::max();
                if (!fits)
                    fail(key, "must be a list of integers (of int size)");
                v.push_back(e.get<int>());
            }
        else
            fail(key, "must be a list of integers");
        out = v;
    }
    /// At most `maxCount` finite numbers of magnitude up to `maxAbs`.
    void floats(const std::string& key, std::vector<float>& out, size_t maxCount, double maxAbs) const
    {
        if (!has(key))
            return;
        if (!at(key).is_array() || at(key).size() > maxCount)
            fail(key, "must be a list of at most " + std::to_string(maxCount) + " numbers");
        std::vector<float> v;
        for (const auto& e : at(key)) {
            if (!e.is_number() || !std::isfinite(e.get<double>()) || std::fabs(e.get<double>()) > maxAbs)
                fail(key, "must hold finite numbers (found " + e.dump() + ")");
            v.push_back(e.get<float>());
        }
        out = v;
    }
    /// One of the names `names.parse` knows (see EnumNames in run_config.cpp).
    template <typename Names, typename Enum>
    void choice(const std::string& key, const Names& names, Enum& out) const
    {
        std::string s;
        text(key, s);
        if (has(key))
            out = names.parse(s, m_where + ": \"" + key + "\"");
    }

private:
    const json& m_j;
    std::string m_where;
};

} // namespace latentlab
