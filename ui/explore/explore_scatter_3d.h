// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Explore scatter's 3-D view on the Exploration: the codes as ScatterLayout places them in
// three dimensions, coloured and searched like the 2-D scatter, the current point as a black
// sphere; a click on a point decodes that code; the camera is kept in the model (sessions).
// Shown instead of the 2-D scatter while the model's 3-D view is on.
#include <QWidget>

namespace latentlab::ui {

class Exploration;
class Scatter3D;

class ExploreScatter3D : public QWidget {
    Q_OBJECT
public:
    explicit ExploreScatter3D(Exploration& model, QWidget* parent = nullptr);
    Scatter3D* view() const { return m_view; }
    /// Draws the model's codes again (when its 3-D view is on) and shows or hides itself.
    void showCodes();

private:
    void showPoint();

    Exploration& m_model;
    Scatter3D* m_view;
};

} // namespace latentlab::ui
