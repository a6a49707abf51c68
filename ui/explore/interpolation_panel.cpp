// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/interpolation_panel.h"

#include "ui/models/exploration.h"
#include "ui/widgets/image_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::ui {

namespace {
constexpr int kTSteps = 200; // resolution of the morph slider
}

InterpolationPanel::InterpolationPanel(Exploration& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new ImageView), m_mode(new QComboBox), m_steps(new QSpinBox),
      m_t(new QSlider(Qt::Horizontal)), m_play(new QPushButton(tr("Play"))), m_status(new QLabel)
{
    auto* setA = new QPushButton(tr("A ← current"));
    setA->setToolTip(tr("Use the current point (encoded image, clicked point or slider settings) as the start"));
    auto* setB = new QPushButton(tr("B ← current"));
    setB->setToolTip(tr("Use the current point as the end"));
    m_mode->addItems({tr("linear"), tr("spherical (slerp)")});
    m_mode->setToolTip(tr("Spherical interpolation keeps codes at a typical distance from the origin, where a VAE's prior has its mass"));
    m_steps->setRange(2, 32);
    m_steps->setPrefix(tr("steps "));
    m_t->setRange(0, kTSteps);
    m_t->setToolTip(tr("Morph from A to B: the main image follows"));
    m_play->setCheckable(true);
    m_play->setToolTip(tr("Morph back and forth between A and B"));
    auto* row = new QHBoxLayout;
    row->addWidget(setA);
    row->addWidget(setB);
    row->addWidget(m_mode);
    row->addWidget(m_steps);
    row->addWidget(m_t, 1);
    row->addWidget(m_play);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    m_view->setPlaceholder(tr("Set A and B from the current point (encode an image or click the scatter, then press A ← current; "
                              "again for B)"));
    connect(setA, &QPushButton::clicked, this, [this] { m_model.interpolation().setEndpoint(0, m_model.point().shown()); });
    connect(setB, &QPushButton::clicked, this, [this] { m_model.interpolation().setEndpoint(1, m_model.point().shown()); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) { m_model.interpolation().setSpherical(i == 1); });
    connect(m_steps, &QSpinBox::valueChanged, &m_model.interpolation(), &Interpolation::setSteps);
    connect(m_t, &QSlider::valueChanged, this, [this](int v) { m_model.interpolation().morphTo(double(v) / kTSteps); });
    connect(m_play, &QPushButton::toggled, &m_model.interpolation(), &Interpolation::setPlaying);

    connect(&m_model.interpolation(), &Interpolation::pathChanged, this, &InterpolationPanel::showInterpolation);
    connect(&m_model, &Exploration::cleared, this, [this] {
        const QSignalBlocker block(m_t);
        m_t->setValue(0); // the next model's path starts at A
        showInterpolation();
    });
    connect(&m_model.interpolation(), &Interpolation::morphed, this, [this](double t) {
        const QSignalBlocker block(m_t);
        m_t->setValue(int(std::lround(t * kTSteps)));
    });
    connect(&m_model.interpolation(), &Interpolation::playingChanged, this, [this](bool on) {
        const QSignalBlocker block(m_play);
        m_play->setChecked(on);
        m_play->setText(on ? tr("Stop") : tr("Play"));
    });
    connect(&m_model, &Exploration::imageDecoded, this, [this](const DecodedImage& d) {
        if (d.channel == kChannelInterpolation)
            m_view->setImage(d.image, d.columns, d.rows);
    });
    showInterpolation();
}

void InterpolationPanel::showInterpolation()
{
    const bool a = !m_model.interpolation().endpoint(0).empty(), b = !m_model.interpolation().endpoint(1).empty();
    m_status->setText(!a ? tr("A: not set") : !b ? tr("A set; B: not set") : tr("A and B set"));
    if (!m_model.interpolation().ready())
        m_view->clear();
    const QSignalBlocker blockMode(m_mode), blockSteps(m_steps);
    m_mode->setCurrentIndex(m_model.interpolation().spherical() ? 1 : 0);
    m_steps->setValue(m_model.interpolation().steps());
    m_play->setEnabled(m_model.interpolation().ready());
}

} // namespace latentlab::ui
