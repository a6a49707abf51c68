#include "ui/interpolation_panel.h"

#include "ui/decode_service.h"
#include "ui/image_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace latentlab::ui {

namespace {
constexpr int kTSteps = 200; // resolution of the morph slider
}

InterpolationPanel::InterpolationPanel(DecodeService& decoder, QWidget* parent)
    : QWidget(parent), m_decoder(decoder), m_view(new ImageView), m_mode(new QComboBox), m_steps(new QSpinBox),
      m_t(new QSlider(Qt::Horizontal)), m_play(new QPushButton(tr("Play"))), m_status(new QLabel), m_timer(new QTimer(this))
{
    auto* setA = new QPushButton(tr("A ← current"));
    setA->setToolTip(tr("Use the current point (encoded image, clicked point or slider settings) as the start"));
    auto* setB = new QPushButton(tr("B ← current"));
    setB->setToolTip(tr("Use the current point as the end"));
    m_mode->addItems({tr("linear"), tr("spherical (slerp)")});
    m_mode->setToolTip(tr("Spherical interpolation keeps codes at a typical distance from the origin, where a VAE's prior has its mass"));
    m_steps->setRange(2, 32);
    m_steps->setValue(10);
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
    connect(setA, &QPushButton::clicked, this, [this] { setEndpoint(0, m_last.point); });
    connect(setB, &QPushButton::clicked, this, [this] { setEndpoint(1, m_last.point); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, &InterpolationPanel::updateStrip);
    connect(m_steps, &QSpinBox::valueChanged, this, &InterpolationPanel::updateStrip);
    connect(m_t, &QSlider::valueChanged, this, [this](int v) {
        if (!m_a.empty() && m_a.size() == m_b.size())
            emit morphed(pointAt(double(v) / kTSteps));
    });
    connect(m_play, &QPushButton::toggled, this, &InterpolationPanel::setPlaying);
    m_timer->setInterval(33);
    connect(m_timer, &QTimer::timeout, this, [this] {
        int v = m_t->value() + m_direction * 4;
        if (v >= kTSteps || v <= 0)
            m_direction = -m_direction;
        m_t->setValue(std::clamp(v, 0, kTSteps));
    });
    updateStrip();
}

bool InterpolationPanel::spherical() const { return m_mode->currentIndex() == 1; }
void InterpolationPanel::setSpherical(bool spherical) { m_mode->setCurrentIndex(spherical ? 1 : 0); }
bool InterpolationPanel::playing() const { return m_timer->isActive(); }

void InterpolationPanel::setPlaying(bool playing)
{
    const bool ok = playing && !m_a.empty() && m_a.size() == m_b.size();
    if (ok)
        m_timer->start();
    else
        m_timer->stop();
    const QSignalBlocker block(m_play);
    m_play->setChecked(ok);
    m_play->setText(ok ? tr("Stop") : tr("Play"));
}

void InterpolationPanel::setEndpoint(int which, const std::vector<float>& point)
{
    (which ? m_b : m_a) = point;
    updateStrip();
}

std::vector<float> InterpolationPanel::pointAt(double t) const
{
    return spherical() ? slerp(m_a, m_b, float(t)) : lerp(m_a, m_b, float(t));
}

void InterpolationPanel::refresh(const ExploreState& state)
{
    // The strip depends on the weights and the condition, not on the current point.
    const bool changed = m_last.model.sharedState() != state.model.sharedState() || m_last.condition != state.condition;
    m_last = state;
    if (!state.model.empty() && m_a.size() != size_t(state.model.info().latentDim())) {
        m_a.clear();
        m_b.clear();
    }
    if (changed)
        updateStrip();
}

void InterpolationPanel::clear()
{
    setPlaying(false);
    m_a.clear();
    m_b.clear();
    m_last = ExploreState();
    m_view->clear();
    m_status->setText(tr("A: not set"));
}

void InterpolationPanel::updateStrip()
{
    const bool ready = !m_last.model.empty() && !m_a.empty() && m_a.size() == m_b.size() &&
                       m_a.size() == size_t(m_last.model.info().latentDim());
    m_status->setText(m_a.empty() ? tr("A: not set") : m_b.empty() ? tr("A set; B: not set") : tr("A and B set"));
    if (!ready) {
        setPlaying(false);
        return;
    }
    const int steps = m_steps->value();
    m_decoder.decodeInto(kChannelInterpolation, m_view, interpolationPath(m_a, m_b, steps, spherical()), steps, m_last.condition);
}

} // namespace latentlab::ui
