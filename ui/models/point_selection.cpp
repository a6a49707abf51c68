// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/point_selection.h"

#include "core/error.h"

#include <algorithm>

namespace latentlab::ui {

PointSelection::PointSelection(const ScatterLayout& scatter, QObject* parent) : QObject(parent), m_scatter(scatter)
{
    connect(&m_scatter, &ScatterLayout::changed, this, &PointSelection::codesChanged);
}

int64_t PointSelection::count(const std::vector<char>& flags) { return std::count(flags.begin(), flags.end(), char(1)); }

void PointSelection::setClassNames(const std::vector<std::string>& names)
{
    if (names == m_classNames)
        return;
    m_classNames = names;
    setSearch(m_search);
}

QString PointSelection::setSearch(const QString& text)
{
    m_search = text;
    QString problem;
    try {
        m_query = parsePointQuery(text.toStdString(), m_classNames, m_scatter.codes().attributeNames);
    } catch (const InputError& e) {
        m_query = PointQuery();
        problem = QString::fromStdString(e.what());
    }
    match();
    emit changed();
    if (problem != m_problem) // said once: a search that stays fine does not clear a map's progress
        emit status(problem, !problem.isEmpty());
    m_problem = problem;
    return problem;
}

void PointSelection::match()
{
    m_matches.clear();
    if (!m_query.empty())
        m_matches = matchPoints(m_query, m_scatter.codes());
}

void PointSelection::setIsolated(bool on)
{
    if (on == m_isolated)
        return;
    m_isolated = on;
    emit changed();
}

void PointSelection::codesChanged()
{
    const int64_t n = m_scatter.codes().count();
    if (n == m_codeCount && (m_query.empty() || m_matches.size() == size_t(n)))
        return; // a new map frame or the next epoch's codes: the same points
    if (n != m_codeCount && !m_selected.empty()) // all codes on or off: the test codes stay the first rows
        m_selected.resize(size_t(n), 0);
    if (count(m_selected) == 0)
        m_selected.clear();
    m_codeCount = n;
    setSearch(m_search); // the attributes may differ: parse again
}

void PointSelection::selectArea(const QRectF& area)
{
    const Projection2D shown = m_scatter.shownProjection();
    const int64_t n = m_scatter.codes().count();
    if (shown.points.size() != size_t(2 * n))
        return;
    const std::vector<char>& among = m_matches; // a new rectangle replaces the selection, among the matches
    const QRectF box = area.normalized();
    std::vector<char> inside(size_t(n), 0);
    for (int64_t i = 0; i < n; ++i)
        inside[size_t(i)] = (among.empty() || among[size_t(i)]) && box.contains(shown.points[size_t(2 * i)], shown.points[size_t(2 * i + 1)]);
    select(std::move(inside));
}

void PointSelection::selectMatches() { select(m_matches); }

int PointSelection::setSelectedIndices(const std::vector<int>& indices)
{
    int dropped = 0;
    select(indexFlags(indices, m_scatter.codes().count(), dropped));
    return dropped;
}

void PointSelection::select(std::vector<char> flags)
{
    m_selected = count(flags) > 0 ? std::move(flags) : std::vector<char>(); // none flagged: no selection
    emit changed();
}

void PointSelection::reset()
{
    m_isolated = false;
    m_selected.clear();
    setSearch(QString()); // says changed
}

void PointSelection::clearSelection()
{
    if (m_selected.empty())
        return;
    m_selected.clear();
    emit changed();
}

} // namespace latentlab::ui
