// SPDX-License-Identifier: GPL-3.0-or-later
// The edit state undo restores, and bookmarks: the point shown is added as one, and visiting one is
// an undoable edit.
#include "ui/models/exploration.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

// --- Undo ------------------------------------------------------------------------------------------

EditState Exploration::editState() const { return {m_z, m_condition, m_attribute, m_amount}; }

void Exploration::restoreEditState(const EditState& s)
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

int Exploration::addBookmark(const QString& name)
{
    if (m_model.empty() || m_z.empty())
        return -1;
    Bookmark b;
    b.name = name.toStdString();
    b.point = m_z;
    b.condition = m_condition;
    b.attribute = m_attribute > 0 && m_attribute < m_choices.size() ? m_choices[m_attribute].toStdString() : std::string();
    b.amount = int(std::lround(m_amount * kAmountSteps));
    return m_bookmarks.add(std::move(b));
}

bool Exploration::goToBookmark(int index)
{
    if (index < 0 || size_t(index) >= m_bookmarks.list().size() || m_model.empty())
        return false;
    const Bookmark b = m_bookmarks.list()[size_t(index)];
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

} // namespace latentlab::ui
