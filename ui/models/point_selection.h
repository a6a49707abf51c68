// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scatter's search and selection, as the Embedding Projector has them: a query over class names
// and attributes ("7", "Smiling & not Male") whose matching codes the scatter highlights (the rest
// greyed) or isolates (the rest hidden), and a set of codes picked with a rectangle on the scatter
// or taken from the matches. The explorer turns a selection into a point (its mean code), a
// bookmark, or the target of an attribute vector ("toward this cluster").
// It follows the scatter's codes: the next epoch's codes (the same count) keep the search and the
// selection; other codes keep the search and drop the selection.
#include "core/latent/point_query.h"
#include "ui/models/scatter_layout.h"

#include <QObject>
#include <QRectF>
#include <QString>

#include <string>
#include <vector>

namespace latentlab::ui {

class PointSelection : public QObject {
    Q_OBJECT
public:
    explicit PointSelection(const ScatterLayout& scatter, QObject* parent = nullptr);

    /// The codes' class names (a new model's): the search is parsed against them again.
    void setClassNames(const std::vector<std::string>& names);
    /// Searches the codes; returns the problem with the query ("" when it parses or is empty). A
    /// query that does not parse matches nothing and keeps its text.
    QString setSearch(const QString& text);
    const QString& search() const { return m_search; }
    /// 1 per code that matches the search; empty without a (valid) search.
    const std::vector<char>& matches() const { return m_matches; }
    int64_t matchCount() const { return count(m_matches); }
    /// Isolate: only the highlighted codes are drawn (else the others are drawn grey).
    void setIsolated(bool on);
    bool isolated() const { return m_isolated; }

    /// Selects the codes drawn inside `area` (the scatter's coordinates: the plane or the map, as
    /// shown) that match the search (all codes without one): it replaces the selection. An empty
    /// result clears it.
    void selectArea(const QRectF& area);
    /// Selects the search's matches.
    void selectMatches();
    void clearSelection();
    /// No search, no Isolate, no selection (another model is coming).
    void reset();
    const std::vector<char>& selected() const { return m_selected; }
    /// The selection as code indices (sessions keep it so), and back: indices past the codes are
    /// dropped; returns how many were.
    std::vector<int> selectedIndices() const { return flaggedIndices(m_selected); }
    int setSelectedIndices(const std::vector<int>& indices);
    int64_t selectedCount() const { return count(m_selected); }
    /// What the scatter draws in colour: the selection when there is one, else the matches; empty
    /// when everything is.
    const std::vector<char>& highlighted() const { return m_selected.empty() ? m_matches : m_selected; }

signals:
    void changed();
    /// The search's problem ("" when it parses), for the explorer's status line.
    void status(const QString& text, bool error);

private:
    static int64_t count(const std::vector<char>& flags);
    void select(std::vector<char> flags); // the new selection (empty when no flag is set)
    void codesChanged();
    void match();

    const ScatterLayout& m_scatter;
    std::vector<std::string> m_classNames;
    QString m_search;
    PointQuery m_query;
    std::vector<char> m_matches, m_selected;
    bool m_isolated = false;
    QString m_problem; // the search's, as last reported
    int64_t m_codeCount = 0;
};

} // namespace latentlab::ui
