// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Explore scatter's switches beside its axes: images at points when zoomed in, the 3-D view,
// and all codes (the training images' too) instead of the test codes. They write to the model and
// show what it holds (a session, a lesson).
#include <QWidget>

class QCheckBox;

namespace latentlab::ui {

class Exploration;

class ScatterModes : public QWidget {
    Q_OBJECT
public:
    explicit ScatterModes(Exploration& model, QWidget* parent = nullptr);
    /// Shows the model's modes (no signals back to it).
    void sync();

private:
    Exploration& m_model;
    QCheckBox* m_thumbnails;
    QCheckBox* m_threeD;
    QCheckBox* m_allCodes;
};

} // namespace latentlab::ui
