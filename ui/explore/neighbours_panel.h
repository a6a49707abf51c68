// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Explore view's "Nearest" tab: the real images whose codes lie nearest the shown point, among
// the test or the training images, nearest first, with their distances ("is the model copying its
// training data?"). Follows the point: a slider, a click on the scatter, a decoded position.
#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace latentlab::ui {

class Exploration;
class ImageView;

class NeighboursPanel : public QWidget {
    Q_OBJECT
public:
    explicit NeighboursPanel(Exploration& model, QWidget* parent = nullptr);
    /// Searches again for the current point (the view calls it when the point changes).
    void refresh();
    ImageView* view() const { return m_view; }
    /// The indices shown, nearest first, and whether they are training images.
    const std::vector<int64_t>& shown() const { return m_shown; }
    bool training() const;
    void setTraining(bool training);

private:
    Exploration& m_model;
    QComboBox* m_split;
    QSpinBox* m_k;
    ImageView* m_view;
    QLabel* m_distances;
    std::vector<int64_t> m_shown;
};

} // namespace latentlab::ui
