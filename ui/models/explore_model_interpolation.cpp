// SPDX-License-Identifier: GPL-3.0-or-later
// ExploreModel's interpolation (end points A and B, each in its own condition, the path between
// them, the morph slider and the player) and the recording of what the main image shows.
#include "ui/models/explore_model.h"

#include <QTimer>

#include <algorithm>

namespace latentlab::ui {

// --- Interpolation -------------------------------------------------------------------------------

void ExploreModel::setEndpoint(int which, const std::vector<float>& point, const std::vector<float>& condition)
{
    (which ? m_b : m_a) = point;
    (which ? m_bCondition : m_aCondition) = condition.size() == m_condition.size() ? condition : m_condition;
    if (!interpolationReady())
        setPlaying(false);
    interpolationEdited();
}

void ExploreModel::interpolationEdited()
{
    if (interpolationReady())
        m_decoder.decode(kChannelInterpolation, interpolationPath(m_a, m_b, m_steps, m_spherical), m_steps,
                         interpolationConditions(m_aCondition, m_bCondition, m_steps));
    emit interpolationChanged();
}

bool ExploreModel::interpolationReady() const
{
    return !m_model.empty() && !m_a.empty() && m_a.size() == m_b.size() && m_a.size() == size_t(m_model.info().latentDim());
}

void ExploreModel::setSpherical(bool spherical)
{
    if (spherical == m_spherical)
        return;
    m_spherical = spherical;
    interpolationEdited();
}

void ExploreModel::setInterpolationSteps(int steps)
{
    steps = std::clamp(steps, 2, 32);
    if (steps == m_steps)
        return;
    m_steps = steps;
    interpolationEdited();
}

std::vector<float> ExploreModel::pointAt(double t) const
{
    return m_spherical ? slerp(m_a, m_b, float(t)) : lerp(m_a, m_b, float(t));
}

void ExploreModel::morphTo(double t)
{
    if (!interpolationReady())
        return;
    m_t = std::clamp(t, 0.0, 1.0);
    m_z = pointAt(m_t);
    if (m_aCondition.size() == m_condition.size() && m_bCondition.size() == m_condition.size()) {
        m_condition = lerp(m_aCondition, m_bCondition, float(m_t)); // each end in its own condition
    }
    leaveSourceCode(); // a point on the path now
    m_amount = 0; // the endpoints already include any attribute edit: show the path itself
    emit morphed(m_t);
    emitPoint();
}

void ExploreModel::setPlaying(bool playing)
{
    const bool on = playing && interpolationReady();
    if (on == m_player->isActive())
        return;
    if (on)
        m_player->start();
    else
        m_player->stop();
    emit playingChanged(on);
}

bool ExploreModel::playing() const { return m_player->isActive(); }

// --- Recording -----------------------------------------------------------------------------------

void ExploreModel::setRecording(bool on)
{
    if (on == m_recording)
        return;
    m_recording = on;
    if (on) {
        m_recorded.clear();
        if (const QImage now = currentImage(); !now.isNull())
            m_recorded.push_back(now); // the morph starts where the image is now
    }
    emit recordingChanged(on);
    if (!on && !m_recorded.empty())
        emit recordingFinished();
}

} // namespace latentlab::ui
