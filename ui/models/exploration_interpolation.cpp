// SPDX-License-Identifier: GPL-3.0-or-later
// Exploration's side of the interpolation (a point on the path is shown: Interpolation has the
// path) 
#include "ui/models/exploration.h"


namespace latentlab::ui {

// --- Interpolation -------------------------------------------------------------------------------

void Exploration::showPathPoint(double t)
{
    m_z = m_interpolation.pointAt(t);
    if (std::vector<float> condition = m_interpolation.conditionAt(t); !condition.empty())
        m_condition = std::move(condition); // each end in its own condition
    leaveSourceCode(); // a point on the path now
    m_amount = 0; // the endpoints already include any attribute edit: show the path itself
    emitPoint();
}

} // namespace latentlab::ui
