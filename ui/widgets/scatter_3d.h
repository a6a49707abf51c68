// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The rotatable 3-D scatter (Qt Data Visualization's Q3DScatter): codes in three dimensions,
// coloured like the 2-D scatter, with a legend, the current point as a larger black sphere and a
// click on a point to pick it. Without OpenGL (the offscreen platform, a bare X server) it says so
// in words instead of crashing. Its OpenGL window is not part of QWidget::grab: windowImage() adds it.
#include <QColor>
#include <QStringList>
#include <QWidget>

#include <array>
#include <vector>

class QLabel;
class QStackedLayout;

class Q3DScatter;
class QScatter3DSeries;

namespace latentlab::ui {

class Scatter3D : public QWidget {
    Q_OBJECT
public:
    explicit Scatter3D(QWidget* parent = nullptr);
    /// Whether this display can draw it (an OpenGL context can be made).
    static bool available();
    /// More points than this are drawn evenly subsampled (software OpenGL keeps turning them).
    static constexpr int kMaxPoints = 20000;

    /// Draws xyz (count x 3) in group colours. With a flag per point in `highlighted`, the others are
    /// grey, or not drawn with `isolate` (as the 2-D scatter's search does).
    void setPoints(const std::vector<float>& xyz, const std::vector<int>& groups, const QStringList& groupNames,
                   const std::vector<QColor>& colours, const QStringList& axisTitles, const std::vector<char>& highlighted = {},
                   bool isolate = false);
    void clear();
    /// The current point (3 values; hidden when not finite).
    void setMarker(const std::vector<float>& at);
    /// Points drawn by the last setPoints (grey ones included).
    int pointsDrawn() const { return m_drawn; }

    /// The camera: rotation about the vertical axis, elevation (degrees) and zoom (%). Sessions keep it.
    std::array<float, 3> camera() const;
    void setCamera(const std::array<float, 3>& camera);
    /// The first camera again (what the view opens with; Explore's Fit button).
    void resetCamera();

    /// The Q3DScatter itself (null without OpenGL): its series, for tests.
    Q3DScatter* graph() const { return m_graph; }
    /// The graph as an image of this widget's size (null without OpenGL).
    QImage render() const;
    /// A grab() of `root` with every visible Scatter3D inside it painted in.
    static QImage windowImage(QWidget* root);

signals:
    /// A point was clicked (index into the codes).
    void pointClicked(int index);
    void cameraChanged();

private:
    void onSelected(int series, int item);

    Q3DScatter* m_graph = nullptr; // null without OpenGL
    QLabel* m_legend = nullptr;
    std::vector<QScatter3DSeries*> m_series; // one per group, then the grey one, then the marker
    std::vector<std::vector<int>> m_indices;  // the code index of each item of each series
    int m_drawn = 0;
};

} // namespace latentlab::ui
