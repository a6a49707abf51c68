// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Record: while on, every new main image is kept as a frame, so a slider-driven morph can be
// exported as a video or GIF. What was recorded stays when the model changes (to be exported).
#include <QImage>
#include <QObject>

#include <vector>

namespace latentlab::ui {

class Recorder : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// On: a new recording starting from `now` (the image shown, when there is one). Off: it ends.
    void setRecording(bool on, const QImage& now = QImage());
    bool recording() const { return m_recording; }
    /// A new main image: a frame while recording.
    void addFrame(const QImage& image);
    const std::vector<QImage>& frames() const { return m_frames; }

signals:
    void recordingChanged(bool on);
    /// Recording was switched off with at least one frame: offer to save it.
    void finished();

private:
    bool m_recording = false;
    std::vector<QImage> m_frames;
};

} // namespace latentlab::ui
