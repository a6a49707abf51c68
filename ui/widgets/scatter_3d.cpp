// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/scatter_3d.h"

#include <QLabel>
#include <QOpenGLContext>
#include <QPainter>
#include <QVBoxLayout>
#include <QtDataVisualization/q3dcamera.h>
#include <QtDataVisualization/q3dscatter.h>
#include <QtDataVisualization/q3dscene.h>
#include <QtDataVisualization/q3dtheme.h>
#include <QtDataVisualization/qscatter3dseries.h>
#include <QtDataVisualization/qscatterdataproxy.h>
#include <QtDataVisualization/qvalue3daxis.h>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {
const QColor kGrey(200, 200, 200); // not matching the search, as on the 2-D scatter

QScatter3DSeries* newSeries(const QColor& colour, float size, const QString& label)
{
    auto* s = new QScatter3DSeries;
    s->setMesh(QAbstract3DSeries::MeshSphere);
    s->setMeshSmooth(false); // fewer triangles: software OpenGL turns 10,000 spheres smoothly
    s->setBaseColor(colour);
    s->setItemSize(size);
    s->setItemLabelFormat(label);
    return s;
}
} // namespace

bool Scatter3D::available()
{
    static const bool ok = [] {
        QOpenGLContext context;
        return context.create();
    }();
    return ok;
}

Scatter3D::Scatter3D(QWidget* parent) : QWidget(parent)
{
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    if (!available()) { // Q3DScatter would crash without a context (the offscreen platform)
        auto* note = new QLabel(tr("The 3-D view needs OpenGL, which this display does not offer."));
        note->setObjectName(QStringLiteral("scatter3dUnavailable"));
        note->setWordWrap(true);
        note->setAlignment(Qt::AlignCenter);
        box->addWidget(note, 1);
        return;
    }
    m_graph = new Q3DScatter;
    m_graph->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    m_graph->setSelectionMode(QAbstract3DGraph::SelectionItem);
    m_graph->activeTheme()->setType(Q3DTheme::ThemeQt);
    m_graph->activeTheme()->setLabelBackgroundEnabled(false);
    resetCamera();
    Q3DCamera* camera = m_graph->scene()->activeCamera();
    connect(camera, &Q3DCamera::xRotationChanged, this, &Scatter3D::cameraChanged);
    connect(camera, &Q3DCamera::yRotationChanged, this, &Scatter3D::cameraChanged);
    connect(camera, &Q3DCamera::zoomLevelChanged, this, &Scatter3D::cameraChanged);
    QWidget* container = QWidget::createWindowContainer(m_graph);
    container->setObjectName(QStringLiteral("scatter3dGraph"));
    container->setMinimumSize(120, 120);
    container->setFocusPolicy(Qt::StrongFocus);
    container->setAccessibleName(tr("3-D scatter of the codes: a left drag rotates, the wheel zooms, a click picks a point"));
    box->addWidget(container, 1);
    m_legend = new QLabel;
    m_legend->setWordWrap(true);
    box->addWidget(m_legend);
}

void Scatter3D::clear()
{
    if (!m_graph)
        return;
    for (QScatter3DSeries* s : m_series)
        m_graph->removeSeries(s), delete s;
    m_series.clear();
    m_indices.clear();
    m_drawn = 0;
    m_legend->clear();
}

void Scatter3D::setPoints(const std::vector<float>& xyz, const std::vector<int>& groups, const QStringList& groupNames,
                          const std::vector<QColor>& colours, const QStringList& axisTitles,
                          const std::vector<char>& highlighted, bool isolate)
{
    const size_t n = xyz.size() / 3;
    if (!m_graph || groups.size() != n || colours.empty())
        return;
    const int classes = int(colours.size());
    if (m_series.size() != size_t(classes) + 2) { // one per group, the grey, the marker
        clear();
        for (int c = 0; c < classes; ++c)
            m_series.push_back(newSeries(colours[size_t(c)], 0.03f, c < groupNames.size() ? groupNames[c] : QString()));
        m_series.push_back(newSeries(kGrey, 0.03f, tr("not matching the search")));
        m_series.push_back(newSeries(Qt::black, 0.1f, tr("the current point")));
        for (size_t s = 0; s < m_series.size(); ++s) {
            m_graph->addSeries(m_series[s]);
            connect(m_series[s], &QScatter3DSeries::selectedItemChanged, this, [this, s](int item) { onSelected(int(s), item); });
        }
    }
    const size_t step = std::max<size_t>(1, (n + kMaxPoints - 1) / kMaxPoints);
    const float size = std::clamp(0.6f / std::cbrt(float(std::max<size_t>(1, n / step))), 0.015f, 0.08f);
    const bool all = highlighted.size() != n;
    std::vector<QScatterDataArray*> arrays(size_t(classes) + 1);
    m_indices.assign(m_series.size(), {});
    for (auto& a : arrays)
        a = new QScatterDataArray;
    for (size_t i = 0; i < n; i += step) {
        const bool lit = all || highlighted[i];
        if (!lit && isolate)
            continue;
        const size_t s = lit ? size_t(std::clamp(groups[i], 0, classes - 1)) : size_t(classes);
        arrays[s]->append(QScatterDataItem(QVector3D(xyz[3 * i], xyz[3 * i + 2], xyz[3 * i + 1]))); // y up: z 3 is height
        m_indices[s].push_back(int(i));
    }
    m_drawn = 0;
    for (size_t s = 0; s < arrays.size(); ++s) {
        m_drawn += int(arrays[s]->size());
        m_series[s]->setItemSize(size);
        m_series[s]->setBaseColor(s < size_t(classes) ? colours[s] : kGrey);
        if (s < size_t(classes)) // the groups may mean something else now (another attribute)
            m_series[s]->setItemLabelFormat(int(s) < groupNames.size() ? groupNames[int(s)] : QString());
        m_series[s]->dataProxy()->resetArray(arrays[s]); // the proxy owns it
    }
    QValue3DAxis* axes[3] = {m_graph->axisX(), m_graph->axisZ(), m_graph->axisY()};
    for (int k = 0; k < 3; ++k) {
        axes[k]->setTitle(k < axisTitles.size() ? axisTitles[k] : QString());
        axes[k]->setTitleVisible(true);
        axes[k]->setLabelFormat(QStringLiteral("%.1f"));
    }
    QString legend;
    for (int c = 0; c < classes && c < groupNames.size(); ++c)
        legend += QStringLiteral("<span style='color:%1'>&#9679;</span>&nbsp;%2 &nbsp; ")
                      .arg(colours[size_t(c)].name(), groupNames[c].toHtmlEscaped());
    m_legend->setText(legend);
}

void Scatter3D::setMarker(const std::vector<float>& at)
{
    if (!m_graph || m_series.empty())
        return;
    auto* array = new QScatterDataArray;
    if (at.size() == 3 && std::isfinite(at[0]) && std::isfinite(at[1]) && std::isfinite(at[2]))
        array->append(QScatterDataItem(QVector3D(at[0], at[2], at[1])));
    m_series.back()->dataProxy()->resetArray(array);
}

void Scatter3D::onSelected(int series, int item)
{
    if (item < 0 || size_t(series) + 1 >= m_series.size() || size_t(item) >= m_indices[size_t(series)].size())
        return; // cleared, or the marker itself
    const int index = m_indices[size_t(series)][size_t(item)];
    m_series[size_t(series)]->setSelectedItem(QScatter3DSeries::invalidSelectionIndex()); // a second click on it picks it again
    emit pointClicked(index);
}

std::array<float, 3> Scatter3D::camera() const
{
    if (!m_graph)
        return {0, 0, 100};
    const Q3DCamera* c = m_graph->scene()->activeCamera();
    return {c->xRotation(), c->yRotation(), c->zoomLevel()};
}

void Scatter3D::setCamera(const std::array<float, 3>& camera)
{
    if (!m_graph)
        return;
    Q3DCamera* c = m_graph->scene()->activeCamera();
    c->setXRotation(camera[0]);
    c->setYRotation(camera[1]);
    c->setZoomLevel(camera[2]);
}

void Scatter3D::resetCamera()
{
    if (!m_graph)
        return;
    Q3DCamera* c = m_graph->scene()->activeCamera();
    c->setCameraPreset(Q3DCamera::CameraPresetIsometricRight);
    c->setZoomLevel(115); // the cube fills more of the widget, its axis titles still in view
}

QImage Scatter3D::render() const
{
    if (!m_graph || !isVisible())
        return {};
    const QWidget* container = findChild<QWidget*>(QStringLiteral("scatter3dGraph"));
    const QSize size = (container ? container->size() : this->size()) * devicePixelRatioF();
    return m_graph->renderToImage(0, size);
}

QImage Scatter3D::windowImage(QWidget* root)
{
    QImage shot = root->grab().toImage();
    QPainter p(&shot);
    for (const Scatter3D* view : root->findChildren<Scatter3D*>()) {
        if (!view->isVisible() || !view->m_graph)
            continue;
        const QWidget* container = view->findChild<QWidget*>(QStringLiteral("scatter3dGraph"));
        const QImage image = view->render();
        if (!container || image.isNull())
            continue;
        p.drawImage(QRect(container->mapTo(root, QPoint(0, 0)), container->size()), image);
    }
    p.end();
    return shot;
}

} // namespace latentlab::ui
