// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/bookmarks.h"

#include <algorithm>
#include <sstream>

namespace latentlab::ui {

int Bookmarks::add(Bookmark b)
{
    const QString name = QString::fromStdString(b.name).trimmed();
    b.name = (name.isEmpty() ? tr("Bookmark %1").arg(m_list.size() + 1) : name).toStdString();
    m_list.push_back(std::move(b));
    emit changed();
    return int(m_list.size()) - 1;
}

void Bookmarks::remove(int index)
{
    if (index < 0 || size_t(index) >= m_list.size())
        return;
    m_list.erase(m_list.begin() + index);
    emit changed();
}

void Bookmarks::rename(int index, const QString& name)
{
    if (index < 0 || size_t(index) >= m_list.size() || name.trimmed().isEmpty())
        return;
    m_list[size_t(index)].name = name.trimmed().toStdString();
    emit changed();
}

void Bookmarks::set(const std::vector<Bookmark>& bookmarks)
{
    m_list = bookmarks;
    emit changed();
}

std::string Bookmarks::csv(const std::vector<std::string>& names) const
{
    const auto quoted = [](const std::string& text) {
        std::string q = "\"";
        for (char c : text)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    size_t latent = 0, conditions = 0;
    for (const Bookmark& b : m_list) {
        latent = std::max(latent, b.point.size());
        conditions = std::max(conditions, b.condition.size());
    }
    std::ostringstream out;
    out.precision(9);
    out << "name";
    for (size_t k = 0; k < latent; ++k)
        out << ",z" << k + 1;
    for (size_t c = 0; c < conditions; ++c)
        out << ',' << quoted(c < names.size() ? names[c] : "condition " + std::to_string(c + 1));
    out << ",attribute,amount\n";
    for (const Bookmark& b : m_list) {
        out << quoted(b.name);
        for (size_t k = 0; k < latent; ++k)
            out << ',' << (k < b.point.size() ? b.point[k] : 0.0f);
        for (size_t c = 0; c < conditions; ++c)
            out << ',' << (c < b.condition.size() ? b.condition[c] : 0.0f);
        out << ',' << quoted(b.attribute) << ',' << double(b.amount) / kAmountSteps << '\n';
    }
    return out.str();
}

} // namespace latentlab::ui
