// SPDX-License-Identifier: GPL-3.0-or-later
// ExploreModel's side of the interpolation (a point on the path is shown: InterpolationModel has the
// path) and the recording of what the main image shows.
#include "ui/models/explore_model.h"


namespace latentlab::ui {

// --- Interpolation -------------------------------------------------------------------------------

void ExploreModel::showPathPoint(double t)
{
    m_z = m_interpolation.pointAt(t);
    if (std::vector<float> condition = m_interpolation.conditionAt(t); !condition.empty())
        m_condition = std::move(condition); // each end in its own condition
    leaveSourceCode(); // a point on the path now
    m_amount = 0; // the endpoints already include any attribute edit: show the path itself
    emitPoint();
}

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
