// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A column of named sliders over real values (latent coordinates, condition values), each with its
// value shown beside it. setValues() moves them without emitting valueChanged.
#include <QStringList>
#include <QWidget>

#include <vector>

class QFontMetrics;
class QGridLayout;
class QLabel;
class QSlider;

namespace latentlab::ui {

class SliderPanel : public QWidget {
    Q_OBJECT
public:
    explicit SliderPanel(QWidget* parent = nullptr);
    /// One slider per name over [min, max] in steps of 0.01.
    void setSliders(const QStringList& names, double min, double max, const QStringList& toolTips = {});
    void setValues(const std::vector<float>& values);
    std::vector<float> values() const;
    int count() const { return int(m_sliders.size()); }
    QSlider* slider(int index) const { return m_sliders[size_t(index)]; }
    QString name(int index) const;
    QStringList names() const;
    static constexpr int kStepsPerUnit = 100;

signals:
    void valueChanged(int index, double value);

protected:
    void changeEvent(QEvent* event) override;

private:
    static int draggableWidth(const QFontMetrics& metrics);
    QGridLayout* m_grid;
    QStringList m_keys; // the names as given (the labels show them with spaces for underscores)
    std::vector<QLabel*> m_names, m_values;
    std::vector<QSlider*> m_sliders;
};

} // namespace latentlab::ui
