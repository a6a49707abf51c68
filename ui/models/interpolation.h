// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The interpolation between two latent points: end points A and B, each in its own condition
// (a conditional model's), the path between them (linear or spherical, in steps), the position
// along it, and the player that runs there and back. Moving along the path asks the exploration to
// show that point (morphed); the strip of steps is decoded by the exploration (pathChanged).
#include <QObject>

#include <vector>

class QTimer;

namespace latentlab::ui {

class Interpolation : public QObject {
    Q_OBJECT
public:
    explicit Interpolation(QObject* parent = nullptr);

    /// The latent size of the model explored (0 without one): ends of another size are not ready.
    void setLatentSize(int size);
    /// The condition an end gets when none is given: the one shown now (kept up to date by the
    /// exploration).
    void setCurrentCondition(const std::vector<float>& condition) { m_current = condition; }

    /// End point A (0) or B (1): a latent point and, for a conditional model, the condition it is
    /// shown in (the current one when none of the right size is given).
    void setEndpoint(int which, const std::vector<float>& point, const std::vector<float>& condition = {});
    const std::vector<float>& endpoint(int which) const { return which ? m_b : m_a; }
    const std::vector<float>& endpointCondition(int which) const { return which ? m_bCondition : m_aCondition; }
    /// Both ends set, of the model's latent size.
    bool ready() const;
    /// Forgets the ends and the position (another model).
    void clear();

    void setSpherical(bool spherical);
    bool spherical() const { return m_spherical; }
    void setSteps(int steps);
    int steps() const { return m_steps; }
    /// The path's steps (steps x latent values) and their conditions (empty for an unconditional
    /// model): what the strip shows.
    std::vector<float> path() const;
    std::vector<float> pathConditions() const;

    /// The point at position t in [0, 1] along the path, and its condition (empty unless both
    /// ends have one of the current condition's size).
    std::vector<float> pointAt(double t) const;
    std::vector<float> conditionAt(double t) const;
    /// Moves to position t of the path (the morph slider and the player): morphed(t).
    void morphTo(double t);
    double position() const { return m_t; }
    void setPlaying(bool playing);
    bool playing() const;

signals:
    /// The ends, the mode or the steps changed: the strip is decoded again.
    void pathChanged();
    /// The position moved (slider or player): the exploration shows pointAt(t).
    void morphed(double t);
    void playingChanged(bool playing);

private:
    int m_latentSize = 0;
    std::vector<float> m_current;
    std::vector<float> m_a, m_b;
    std::vector<float> m_aCondition, m_bCondition; // empty for an unconditional model
    bool m_spherical = false;
    int m_steps = 10;
    double m_t = 0;
    int m_direction = 1;
    QTimer* m_player;
};

} // namespace latentlab::ui
