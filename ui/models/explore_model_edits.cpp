// SPDX-License-Identifier: GPL-3.0-or-later
// Undo/redo of the explored point's edits, and bookmarks: named points with their condition and
// attribute edit, kept in sessions and exported as CSV.
#include "ui/models/explore_model.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace latentlab::ui {

// --- Undo ------------------------------------------------------------------------------------------

EditState ExploreModel::editState() const { return {m_z, m_condition, m_attribute, m_amount}; }

void ExploreModel::restoreEditState(const EditState& s)
{
    m_interpolation.setPlaying(false);
    leaveSourceCode();
    if (s.attribute != m_attribute && s.attribute >= 0 && s.attribute < m_choices.size()) {
        m_attribute = s.attribute;
        updateAttributeVector();
        emit attributeChanged();
        emit scatterChanged();
    }
    m_amount = s.amount;
    if (s.condition.size() == m_condition.size())
        m_condition = s.condition;
    if (s.z.size() == m_z.size())
        m_z = s.z;
    emitPoint();
    emit attributeChanged(); // the amount's slider
}

// --- Bookmarks -------------------------------------------------------------------------------------

int ExploreModel::addBookmark(const QString& name)
{
    if (m_model.empty() || m_z.empty())
        return -1;
    Bookmark b;
    b.name = (name.trimmed().isEmpty() ? tr("Bookmark %1").arg(m_bookmarks.size() + 1) : name.trimmed()).toStdString();
    b.point = m_z;
    b.condition = m_condition;
    b.attribute = m_attribute > 0 && m_attribute < m_choices.size() ? m_choices[m_attribute].toStdString() : std::string();
    b.amount = int(std::lround(m_amount * kAmountSteps));
    m_bookmarks.push_back(std::move(b));
    emit bookmarksChanged();
    return int(m_bookmarks.size()) - 1;
}

void ExploreModel::removeBookmark(int index)
{
    if (index < 0 || size_t(index) >= m_bookmarks.size())
        return;
    m_bookmarks.erase(m_bookmarks.begin() + index);
    emit bookmarksChanged();
}

void ExploreModel::renameBookmark(int index, const QString& name)
{
    if (index < 0 || size_t(index) >= m_bookmarks.size() || name.trimmed().isEmpty())
        return;
    m_bookmarks[size_t(index)].name = name.trimmed().toStdString();
    emit bookmarksChanged();
}

bool ExploreModel::goToBookmark(int index)
{
    if (index < 0 || size_t(index) >= m_bookmarks.size() || m_model.empty())
        return false;
    const Bookmark& b = m_bookmarks[size_t(index)];
    if (b.point.size() != m_z.size() || b.condition.size() != m_condition.size()) {
        setStatus(tr("Bookmark \"%1\" belongs to a model with %2 latent dimensions; this one has %3")
                      .arg(QString::fromStdString(b.name))
                      .arg(b.point.size())
                      .arg(m_z.size()),
                  true);
        return false;
    }
    const int attribute = b.attribute.empty() ? 0 : int(m_choices.indexOf(QString::fromStdString(b.attribute)));
    const EditScope edit(m_history, EditHistory::MergeKey::Step); // one step, however many settings change
    clearSource();
    setAttribute(std::max(0, attribute));
    setAmount(attribute > 0 ? float(b.amount) / kAmountSteps : 0.0f);
    if (!b.condition.empty())
        setCondition(b.condition);
    setLatentPoint(b.point);
    if (attribute < 0)
        setStatus(tr("Bookmark \"%1\": its attribute \"%2\" is not in this dataset").arg(QString::fromStdString(b.name),
                                                                                      QString::fromStdString(b.attribute)),
                  true);
    return true;
}

std::string ExploreModel::bookmarksCsv() const
{
    const auto quoted = [](const std::string& text) {
        std::string q = "\"";
        for (char c : text)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    size_t latent = 0, conditions = 0;
    for (const Bookmark& b : m_bookmarks) {
        latent = std::max(latent, b.point.size());
        conditions = std::max(conditions, b.condition.size());
    }
    const auto& names = m_model.empty() ? std::vector<std::string>() : m_model.info().conditionNames;
    std::ostringstream out;
    out.precision(9);
    out << "name";
    for (size_t k = 0; k < latent; ++k)
        out << ",z" << k + 1;
    for (size_t c = 0; c < conditions; ++c)
        out << ',' << quoted(c < names.size() ? names[c] : "condition " + std::to_string(c + 1));
    out << ",attribute,amount\n";
    for (const Bookmark& b : m_bookmarks) {
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
