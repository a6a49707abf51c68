// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/recorder.h"

namespace latentlab::ui {

void Recorder::setRecording(bool on, const QImage& now)
{
    if (on == m_recording)
        return;
    m_recording = on;
    if (on) {
        m_frames.clear();
        if (!now.isNull())
            m_frames.push_back(now); // the morph starts where the image is now
    }
    emit recordingChanged(on);
    if (!on && !m_frames.empty())
        emit finished();
}

void Recorder::addFrame(const QImage& image)
{
    if (m_recording)
        m_frames.push_back(image);
}

} // namespace latentlab::ui
