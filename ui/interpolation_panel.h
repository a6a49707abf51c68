#pragma once
// Interpolation between two points A and B (taken from the current point: an encoded image, a
// scatter click, slider settings): a strip of N steps, linear or spherical, and a play button that
// morphs the main image back and forth along the path.
#include "ui/explore_state.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace latentlab::ui {

class DecodeService;
class ImageView;

class InterpolationPanel : public QWidget {
    Q_OBJECT
public:
    InterpolationPanel(DecodeService& decoder, QWidget* parent = nullptr);
    void refresh(const ExploreState& state);
    /// Forgets the endpoints, the strip and the model (another model is coming).
    void clear();
    void setEndpoint(int which, const std::vector<float>& point); // 0 = A, 1 = B
    const std::vector<float>& endpoint(int which) const { return which ? m_b : m_a; }
    bool spherical() const;
    void setSpherical(bool spherical);
    /// The point at position t in [0, 1] along the path.
    std::vector<float> pointAt(double t) const;
    void setPlaying(bool playing);
    bool playing() const;
    ImageView* view() const { return m_view; }

signals:
    /// The morph slider (or the player) moved to this point: show it as the current point.
    void morphed(const std::vector<float>& point);

private:
    void updateStrip();
    DecodeService& m_decoder;
    ExploreState m_last;
    std::vector<float> m_a, m_b;
    ImageView* m_view;
    QComboBox* m_mode;
    QSpinBox* m_steps;
    QSlider* m_t;
    QPushButton* m_play;
    QLabel* m_status;
    QTimer* m_timer;
    int m_direction = 1;
};

} // namespace latentlab::ui
