// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_json.h"

#include <cmath>
#include <cstdio>

namespace latentlab::cli {

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (const unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c); // UTF-8 passes through
            }
        }
    }
    return out + "\"";
}

void JsonLine::key(const std::string& k)
{
    if (!m_body.empty())
        m_body += ",";
    m_body += jsonString(k) + ":";
}

JsonLine& JsonLine::add(const std::string& k, const std::string& value)
{
    key(k);
    m_body += jsonString(value);
    return *this;
}

JsonLine& JsonLine::add(const std::string& k, double value)
{
    key(k);
    if (!std::isfinite(value)) {
        m_body += "null";
        return *this;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", value);
    m_body += buf;
    return *this;
}

JsonLine& JsonLine::add(const std::string& k, int64_t value)
{
    key(k);
    m_body += std::to_string(value);
    return *this;
}

JsonLine& JsonLine::add(const std::string& k, bool value)
{
    key(k);
    m_body += value ? "true" : "false";
    return *this;
}

JsonLine& JsonLine::add(const std::string& k, const std::vector<std::string>& values)
{
    key(k);
    m_body += "[";
    for (size_t i = 0; i < values.size(); ++i)
        m_body += (i ? "," : "") + jsonString(values[i]);
    m_body += "]";
    return *this;
}

void JsonLine::print() const
{
    std::fputs(text().c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace latentlab::cli
