// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/slider_panel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <cmath>

namespace latentlab::ui {

SliderPanel::SliderPanel(QWidget* parent) : QWidget(parent), m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setVerticalSpacing(2);
    m_grid->setColumnStretch(1, 1);
}

void SliderPanel::setSliders(const QStringList& names, double min, double max, const QStringList& toolTips)
{
    for (QLabel* l : m_names)
        delete l;
    for (QLabel* l : m_values)
        delete l;
    for (QSlider* s : m_sliders)
        delete s;
    m_names.clear();
    m_values.clear();
    m_sliders.clear();
    m_keys = names;
    for (int i = 0; i < names.size(); ++i) {
        // "Mouth_Slightly_Open" may wrap onto two lines: in a narrow panel with large fonts the
        // slider keeps a width a hand can drag (it was squeezed to its handle at 1024x700).
        auto* name = new QLabel(QString(names[i]).replace(QLatin1Char('_'), QLatin1Char(' ')));
        name->setWordWrap(true);
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setMinimumWidth(draggableWidth(fontMetrics())); // the panel's font: the slider has no parent yet
        auto* value = new QLabel(QStringLiteral("+0.00"));
        slider->setRange(int(std::lround(min * kStepsPerUnit)), int(std::lround(max * kStepsPerUnit)));
        slider->setValue(0);
        slider->setObjectName(names[i]);
        slider->setAccessibleName(name->text()); // what a screen reader says: "z 3", "Smiling"
        name->setBuddy(slider);
        value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("+00.00")));
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (i < toolTips.size()) {
            name->setToolTip(toolTips[i]);
            slider->setToolTip(toolTips[i]);
        }
        connect(slider, &QSlider::valueChanged, this, [this, i, value](int v) {
            const double x = double(v) / kStepsPerUnit;
            value->setText(QString::asprintf("%+.2f", x));
            emit valueChanged(i, x);
        });
        m_grid->addWidget(name, i, 0);
        m_grid->addWidget(slider, i, 1);
        m_grid->addWidget(value, i, 2);
        m_names.push_back(name);
        m_sliders.push_back(slider);
        m_values.push_back(value);
    }
}

void SliderPanel::setValues(const std::vector<float>& values)
{
    for (size_t i = 0; i < m_sliders.size() && i < values.size(); ++i) {
        const QSignalBlocker block(m_sliders[i]);
        const double v = std::isfinite(values[i]) ? values[i] : 0.0;
        m_sliders[i]->setValue(int(std::lround(v * kStepsPerUnit)));
        m_values[i]->setText(QString::asprintf("%+.2f", v));
    }
}

std::vector<float> SliderPanel::values() const
{
    std::vector<float> out;
    for (QSlider* s : m_sliders)
        out.push_back(float(s->value()) / kStepsPerUnit);
    return out;
}

// Five em: enough to drag, in whatever font (presentation mode enlarges it after the sliders exist).
int SliderPanel::draggableWidth(const QFontMetrics& metrics)
{
    return metrics.horizontalAdvance(QStringLiteral("MMMMM"));
}

void SliderPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        for (QSlider* s : m_sliders)
            s->setMinimumWidth(draggableWidth(fontMetrics()));
    QWidget::changeEvent(event);
}

QString SliderPanel::name(int index) const { return m_keys[index]; }

QStringList SliderPanel::names() const { return m_keys; }

} // namespace latentlab::ui
