// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/interpolation.h"

#include "core/latent/latent_math.h"

#include <QTimer>

#include <algorithm>

namespace latentlab::ui {

namespace {
constexpr int kPlayerIntervalMs = 33; // ~30 frames a second
constexpr double kPlayerStep = 0.02;  // of the path per frame: A to B in under two seconds
} // namespace

Interpolation::Interpolation(QObject* parent) : QObject(parent), m_player(new QTimer(this))
{
    m_player->setInterval(kPlayerIntervalMs);
    connect(m_player, &QTimer::timeout, this, [this] {
        const double t = m_t + m_direction * kPlayerStep;
        if (t >= 1 || t <= 0)
            m_direction = -m_direction;
        morphTo(std::clamp(t, 0.0, 1.0));
    });
}

void Interpolation::setLatentSize(int size)
{
    m_latentSize = size;
    if (!ready())
        setPlaying(false);
    emit pathChanged();
}

void Interpolation::setEndpoint(int which, const std::vector<float>& point, const std::vector<float>& condition)
{
    (which ? m_b : m_a) = point;
    (which ? m_bCondition : m_aCondition) = condition.size() == m_current.size() ? condition : m_current;
    if (!ready())
        setPlaying(false);
    emit pathChanged();
}

bool Interpolation::ready() const
{
    return m_latentSize > 0 && !m_a.empty() && m_a.size() == m_b.size() && m_a.size() == size_t(m_latentSize);
}

void Interpolation::clear()
{
    setPlaying(false);
    m_a.clear();
    m_b.clear();
    m_aCondition.clear();
    m_bCondition.clear();
    m_t = 0;
    m_direction = 1;
    emit pathChanged();
}

void Interpolation::setSpherical(bool spherical)
{
    if (spherical == m_spherical)
        return;
    m_spherical = spherical;
    emit pathChanged();
}

void Interpolation::setSteps(int steps)
{
    steps = std::clamp(steps, 2, 32);
    if (steps == m_steps)
        return;
    m_steps = steps;
    emit pathChanged();
}

std::vector<float> Interpolation::path() const { return interpolationPath(m_a, m_b, m_steps, m_spherical); }

std::vector<float> Interpolation::pathConditions() const { return interpolationConditions(m_aCondition, m_bCondition, m_steps); }

std::vector<float> Interpolation::pointAt(double t) const
{
    return m_spherical ? slerp(m_a, m_b, float(t)) : lerp(m_a, m_b, float(t));
}

std::vector<float> Interpolation::conditionAt(double t) const
{
    if (m_aCondition.size() != m_current.size() || m_bCondition.size() != m_current.size() || m_current.empty())
        return {};
    return lerp(m_aCondition, m_bCondition, float(t)); // each end in its own condition
}

void Interpolation::morphTo(double t)
{
    if (!ready())
        return;
    m_t = std::clamp(t, 0.0, 1.0);
    emit morphed(m_t);
}

void Interpolation::setPlaying(bool playing)
{
    const bool on = playing && ready();
    if (on == m_player->isActive())
        return;
    if (on)
        m_player->start();
    else
        m_player->stop();
    emit playingChanged(on);
}

bool Interpolation::playing() const { return m_player->isActive(); }

} // namespace latentlab::ui
