// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Undo and redo of the explored point's edits: each step restores a whole EditState (the point,
// the condition, the attribute and its amount). Edits of one control in quick succession (a
// slider drag) merge into one step. Not QUndoStack: a step is a state to go back to, not a
// command to invert, and merging is by control and time, not by command type.
#include <QObject>

#include <functional>
#include <vector>

namespace latentlab::ui {

/// What undo restores: the edit state of the point (before the attribute vector is added).
struct EditState {
    std::vector<float> z, condition;
    int attribute = 0;
    float amount = 0;
    bool operator==(const EditState& o) const
    {
        return z == o.z && condition == o.condition && attribute == o.attribute && amount == o.amount;
    }
};

class EditHistory : public QObject {
    Q_OBJECT
public:
    /// Which control an edit came from: edits with one key within kMergeMs merge into one step
    /// (a slider drag); Step edits never merge. A slider's key adds its index to its base.
    struct MergeKey {
        static constexpr int Step = 0;               // a click, Reset, Random, a bookmark, an encode
        static constexpr int LatentSlider = 1000;    // + the slider's axis
        static constexpr int ConditionSlider = 2000; // + the condition's index
        static constexpr int Amount = 3000;          // the attribute vector's amount
        static constexpr int ScatterDrag = 4000;     // a drag across the scatter or the t-SNE map
    };
    static constexpr size_t kLimit = 1000;
    static constexpr int kMergeMs = 1500;

    /// `capture` reads the state now; `restore` shows a state (undo, redo).
    EditHistory(std::function<EditState()> capture, std::function<void(const EditState&)> restore,
                QObject* parent = nullptr);

    /// Brackets a user edit (EditScope does it): the outermost records the state before and, when
    /// it ends changed, one step (merged with the previous of the same key, not Step).
    void begin(int key);
    void end();
    /// Whether a state is being restored now (its setters are not new edits).
    bool restoring() const { return m_restoring; }

    void undo();
    void redo();
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    int steps() const { return int(m_undo.size()); }
    /// Forgets every step (another latent space, a restored session).
    void clear();
    /// The next edit is a step of its own, whatever its key.
    void breakMerge() { m_lastKey = MergeKey::Step; }

signals:
    void changed();

private:
    void step(std::vector<EditState>& from, std::vector<EditState>& to);

    std::function<EditState()> m_capture;
    std::function<void(const EditState&)> m_restore;
    std::vector<EditState> m_undo, m_redo;
    EditState m_before; // at the start of the outermost edit in progress
    int m_depth = 0, m_key = 0, m_lastKey = 0;
    bool m_restoring = false;
    qint64 m_lastEditMs = 0;
};

/// Marks a user edit for as long as it lives (nested scopes are one edit).
class EditScope {
public:
    EditScope(EditHistory& history, int key) : m_history(history) { m_history.begin(key); }
    ~EditScope() { m_history.end(); }
    EditScope(const EditScope&) = delete;
    EditScope& operator=(const EditScope&) = delete;

private:
    EditHistory& m_history;
};

} // namespace latentlab::ui
