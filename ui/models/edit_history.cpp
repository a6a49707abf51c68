// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/edit_history.h"

#include <QDateTime>

namespace latentlab::ui {

EditHistory::EditHistory(std::function<EditState()> capture, std::function<void(const EditState&)> restore, QObject* parent)
    : QObject(parent), m_capture(std::move(capture)), m_restore(std::move(restore))
{
}

void EditHistory::begin(int key)
{
    if (m_depth++ == 0 && !m_restoring) {
        m_before = m_capture();
        m_key = key;
    }
}

void EditHistory::end()
{
    if (--m_depth > 0 || m_restoring)
        return;
    if (m_capture() == m_before)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool merge = m_key != MergeKey::Step && m_key == m_lastKey && now - m_lastEditMs < kMergeMs && !m_undo.empty();
    if (!merge) {
        m_undo.push_back(std::move(m_before));
        if (m_undo.size() > kLimit)
            m_undo.erase(m_undo.begin());
    }
    m_redo.clear();
    m_lastKey = m_key;
    m_lastEditMs = now;
    emit changed();
}

void EditHistory::step(std::vector<EditState>& from, std::vector<EditState>& to)
{
    if (from.empty())
        return;
    to.push_back(m_capture()); // where this step returns to
    const EditState s = std::move(from.back());
    from.pop_back();
    m_restoring = true;
    m_restore(s);
    m_restoring = false;
    m_lastKey = MergeKey::Step; // the next edit is a step of its own
    emit changed();
}

void EditHistory::undo() { step(m_undo, m_redo); }
void EditHistory::redo() { step(m_redo, m_undo); }

void EditHistory::clear()
{
    m_undo.clear();
    m_redo.clear();
    m_lastKey = MergeKey::Step;
    emit changed();
}

} // namespace latentlab::ui
