// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/scatter_search.h"

#include "ui/models/exploration.h"
#include "ui/widgets/latent_scatter.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>

namespace latentlab::ui {

ScatterSearch::ScatterSearch(Exploration& model, LatentScatter& scatter, QWidget* parent)
    : QWidget(parent), m_model(model), m_scatter(scatter), m_search(new QLineEdit), m_select(new QPushButton(tr("Select"))),
      m_count(new QLabel)
{
    m_search->setPlaceholderText(tr("Search: 7, Smiling & not Male"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Highlight the codes of a class (its name or number) or with an attribute; combine with & "
                            "(and), | (or) and not"));
    m_select->setCheckable(true);
    m_select->setToolTip(tr("Drag a rectangle on the scatter to select the highlighted codes inside it"));
    m_count->setToolTip(tr("Codes that match the search, of all the scatter's codes; or how many are selected"));
    m_menu = buildMenu();
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_search, 1);
    row->addWidget(m_count);
    row->addWidget(m_select);
    row->addWidget(m_menu);

    PointSelection& selection = m_model.selection();
    connect(m_search, &QLineEdit::textChanged, &selection, [&selection](const QString& text) { selection.setSearch(text); });
    connect(m_select, &QPushButton::toggled, &m_scatter, &LatentScatter::setSelecting);
    connect(&m_scatter, &LatentScatter::areaSelected, &selection, &PointSelection::selectArea);
    connect(&selection, &PointSelection::changed, this, &ScatterSearch::showCounts);
    connect(&m_model, &Exploration::cleared, m_select, [this] { m_select->setChecked(false); }); // a drag moves the point again
    showCounts();
}

QToolButton* ScatterSearch::buildMenu()
{
    auto* button = new QToolButton;
    button->setText(tr("Selection"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(button);
    PointSelection& selection = m_model.selection();
    m_isolate = menu->addAction(tr("Isolate: draw only the highlighted codes"));
    m_isolate->setCheckable(true);
    connect(m_isolate, &QAction::toggled, &selection, &PointSelection::setIsolated);
    menu->addSeparator();
    menu->addAction(tr("Select the matches"), &selection, &PointSelection::selectMatches);
    menu->addAction(tr("Go to its mean"), this, [this] { m_model.goToSelectionMean(); });
    menu->addAction(tr("Bookmark its mean"), this, [this] {
        const int64_t n = m_model.selection().selectedCount();
        if (m_model.goToSelectionMean())
            m_model.point().addBookmark(tr("Mean of %1 selected").arg(n));
    });
    menu->addAction(tr("Attribute vector toward it"), this, [this] { m_model.point().aimAtSelection(m_model.selection().selected()); });
    menu->addAction(tr("Clear the selection"), &selection, &PointSelection::clearSelection);
    // What needs a selection waits for one; Select the matches, for matches.
    const QList<QAction*> actions = menu->actions();
    connect(menu, &QMenu::aboutToShow, this, [this, actions] {
        const bool selected = m_model.selection().selectedCount() > 0;
        actions[2]->setEnabled(m_model.selection().matchCount() > 0);
        for (int i = 3; i < actions.size(); ++i)
            actions[i]->setEnabled(selected);
    });
    button->setMenu(menu);
    return button;
}

QString ScatterSearch::countText() const { return m_count->text(); }

void ScatterSearch::showCounts()
{
    const PointSelection& s = m_model.selection();
    if (m_search->text() != s.search()) { // a session's search
        const QSignalBlocker block(m_search);
        m_search->setText(s.search());
    }
    {
        const QSignalBlocker block(m_isolate);
        m_isolate->setChecked(s.isolated());
    }
    const int64_t total = m_model.codes().count();
    QString text;
    if (s.selectedCount() > 0)
        text = tr("%1 selected").arg(s.selectedCount());
    else if (!s.matches().empty())
        text = tr("%1 of %2").arg(s.matchCount()).arg(total);
    m_count->setText(text);
}

} // namespace latentlab::ui
