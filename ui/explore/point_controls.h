// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Explore tab's left column: the controls of the explored point (ExplorePoint). The attribute
// vector and its amount, the condition sliders, and the latent sliders along the basis with Reset,
// Randomize and "show all dimensions". Edits go to the point; the controls follow its signals.
#include <QScrollArea>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QSlider;

namespace latentlab::ui {

class Exploration;
class SliderPanel;

class PointControls : public QScrollArea {
    Q_OBJECT
public:
    explicit PointControls(Exploration& exploration, QWidget* parent = nullptr);

    SliderPanel* latentSliders() const { return m_latentSliders; }
    SliderPanel* conditionSliders() const { return m_conditionSliders; }
    QComboBox* attributeChoice() const { return m_attribute; }
    QSlider* attributeAmount() const { return m_amount; }
    /// As wide as the controls need at the current font (a projector's is larger), at least 300 px:
    /// the column has no horizontal scroll bar, so anything narrower would cut the values off.
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildAttributeBox();
    QWidget* buildConditionBox();
    QWidget* buildLatentBox();
    void showModel(bool reshaped); // another shape: the condition sliders and the "show all" box
    void showBasis();
    void showPoint();
    void showAttributeChoices();

    Exploration& m_exploration;
    QLabel* m_latentTitle = nullptr;
    SliderPanel* m_latentSliders = nullptr;
    QCheckBox* m_showAll = nullptr;
    QGroupBox* m_conditionBox = nullptr;
    SliderPanel* m_conditionSliders = nullptr;
    QComboBox* m_attribute = nullptr;
    QSlider* m_amount = nullptr;
    QLabel* m_amountLabel = nullptr;
};

} // namespace latentlab::ui
