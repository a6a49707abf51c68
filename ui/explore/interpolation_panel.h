// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Interpolation between two points A and B (taken from the current point: an encoded image, a
// scatter click, slider settings): a strip of N steps, linear or spherical, a morph slider and a play
// button that morphs the main image back and forth along the path. It renders the Exploration's
// interpolation and sends edits to it.
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace latentlab::ui {

class Exploration;
class ImageView;

class InterpolationPanel : public QWidget {
    Q_OBJECT
public:
    explicit InterpolationPanel(Exploration& model, QWidget* parent = nullptr);
    ImageView* view() const { return m_view; }
    QPushButton* playButton() const { return m_play; }
    QSlider* morphSlider() const { return m_t; }

private:
    void showInterpolation();
    Exploration& m_model;
    ImageView* m_view;
    QComboBox* m_mode;
    QSpinBox* m_steps;
    QSlider* m_t;
    QPushButton* m_play;
    QLabel* m_status;
};

} // namespace latentlab::ui
