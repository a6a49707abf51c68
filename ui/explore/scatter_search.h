// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The row under the Explore scatter for search and selection: a search box ("7", "Smiling &
// Eyeglasses", "not Male") whose matches the scatter highlights, Select (a left drag on the scatter
// draws a rectangle of codes) and a menu: Isolate (hide the rest), select the matches, go to the
// selection's mean, bookmark its mean, aim the attribute vector at it, clear it.
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace latentlab::ui {

class Exploration;
class LatentScatter;

class ScatterSearch : public QWidget {
    Q_OBJECT
public:
    ScatterSearch(Exploration& model, LatentScatter& scatter, QWidget* parent = nullptr);
    QLineEdit* searchBox() const { return m_search; }
    QAction* isolateAction() const { return m_isolate; }
    QPushButton* selectButton() const { return m_select; }
    QToolButton* selectionButton() const { return m_menu; }
    /// "12 of 300" (matches), "40 selected" (empty without a search or selection).
    QString countText() const;

private:
    QToolButton* buildMenu();
    void showCounts(); // and a restored session's search and Isolate

    Exploration& m_model;
    LatentScatter& m_scatter;
    QLineEdit* m_search;
    QAction* m_isolate = nullptr;
    QPushButton* m_select;
    QToolButton* m_menu;
    QLabel* m_count;
};

} // namespace latentlab::ui
