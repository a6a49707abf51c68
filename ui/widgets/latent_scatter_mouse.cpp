// SPDX-License-Identifier: GPL-3.0-or-later
// The latent scatter's mouse: a left click or drag picks a point, the wheel zooms, a right or middle
// drag pans, hovering reports the nearest point, and in selecting mode a left drag draws a rectangle.
#include "ui/widgets/latent_scatter.h"

#include <QRubberBand>

#include <algorithm>

namespace latentlab::ui {

void LatentScatter::pick(QMouseEvent* event)
{
    if (!m_pickable || !(event->buttons() & Qt::LeftButton) || !axisRect()->rect().contains(event->pos()))
        return;
    emit pointPicked(QPointF(xAxis->pixelToCoord(event->position().x()), yAxis->pixelToCoord(event->position().y())));
}

void LatentScatter::setZoomable(bool zoomable)
{
    m_zoomable = zoomable;
    setInteraction(QCP::iRangeZoom, zoomable);
}

void LatentScatter::wheelEvent(QWheelEvent* event)
{
    QCustomPlot::wheelEvent(event);
    if (m_zoomable) {
        m_userRange = true;
        emit userViewChanged();
    }
}

void LatentScatter::setView(const QCPRange& x, const QCPRange& y)
{
    m_userRange = true;
    xAxis->setRange(x);
    yAxis->setRange(y);
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentScatter::fitToPoints()
{
    m_userRange = false;
    if (m_projection.points.size() < 2)
        return;
    const PlaneBox box = pointBounds(m_projection.points);
    m_x = m_y = QCPRange(); // no glide: straight to the whole cloud
    fitRange(box.minX, box.maxX, box.minY, box.maxY);
    replot(QCustomPlot::rpQueuedReplot);
    emit userViewChanged();
}

bool LatentScatter::pan(QMouseEvent* event)
{
    const bool panButton = event->buttons() & (Qt::RightButton | Qt::MiddleButton);
    if (!m_zoomable || (!m_panning && !(event->type() == QEvent::MouseButtonPress && panButton)))
        return false;
    if (event->type() == QEvent::MouseButtonPress) {
        m_panning = true;
        m_panFrom = event->position();
        m_panX = xAxis->range();
        m_panY = yAxis->range();
        return true;
    }
    if (!panButton) {
        m_panning = false;
        emit userViewChanged();
        return true;
    }
    const QPointF d = event->position() - m_panFrom;
    const double kx = m_panX.size() / std::max(1, axisRect()->width()), ky = m_panY.size() / std::max(1, axisRect()->height());
    xAxis->setRange(m_panX.lower - d.x() * kx, m_panX.upper - d.x() * kx);
    yAxis->setRange(m_panY.lower + d.y() * ky, m_panY.upper + d.y() * ky);
    m_userRange = true;
    replot(QCustomPlot::rpQueuedReplot);
    return true;
}

void LatentScatter::setSelecting(bool on)
{
    m_selecting = on;
    if (!on && m_band.widget)
        m_band.widget->hide(); // turned off mid-drag: no rectangle is left behind
}

bool LatentScatter::select(QMouseEvent* event)
{
    if (!m_selecting || (event->type() == QEvent::MouseButtonPress && event->button() != Qt::LeftButton))
        return false;
    if (event->type() == QEvent::MouseButtonPress) {
        if (!m_band.widget)
            m_band.widget = new QRubberBand(QRubberBand::Rectangle, this);
        m_band.from = event->position().toPoint();
        m_band.widget->setGeometry(QRect(m_band.from, QSize()));
        m_band.widget->show();
        return true;
    }
    if (!m_band.widget || !m_band.widget->isVisible())
        return false;
    const QRect r = QRect(m_band.from, event->position().toPoint()).normalized();
    m_band.widget->setGeometry(r);
    if (event->type() == QEvent::MouseButtonRelease) {
        m_band.widget->hide();
        emit areaSelected(QRectF(QPointF(xAxis->pixelToCoord(r.left()), yAxis->pixelToCoord(r.bottom())),
                                 QPointF(xAxis->pixelToCoord(r.right()), yAxis->pixelToCoord(r.top()))));
    }
    return true;
}

void LatentScatter::mousePressEvent(QMouseEvent* event)
{
    if (pan(event) || select(event))
        return;
    QCustomPlot::mousePressEvent(event);
    pick(event);
}

void LatentScatter::mouseReleaseEvent(QMouseEvent* event)
{
    if (select(event))
        return;
    if (m_panning && !(event->buttons() & (Qt::RightButton | Qt::MiddleButton))) {
        m_panning = false;
        emit userViewChanged();
    }
    QCustomPlot::mouseReleaseEvent(event);
}

void LatentScatter::mouseMoveEvent(QMouseEvent* event)
{
    if (pan(event) || select(event))
        return;
    QCustomPlot::mouseMoveEvent(event);
    pick(event);
    if (!m_hoverable || event->buttons() != Qt::NoButton)
        return;
    const int near = pointNear(event->position(), kHoverPixels);
    if (near == m_hovered)
        return;
    m_hovered = near;
    if (near >= 0)
        emit hovered(near, event->globalPosition().toPoint());
    else
        emit hoverEnded();
}

void LatentScatter::leaveEvent(QEvent* event)
{
    QCustomPlot::leaveEvent(event);
    if (m_hovered >= 0) {
        m_hovered = -1;
        emit hoverEnded();
    }
}

int LatentScatter::pointNear(const QPointF& position, double pixels) const
{
    const auto& pts = m_projection.points;
    int best = -1;
    double bestD = pixels * pixels;
    for (size_t i = 0; i + 1 < pts.size(); i += 2) {
        if (hidden(i / 2))
            continue;
        const double dx = xAxis->coordToPixel(pts[i]) - position.x(), dy = yAxis->coordToPixel(pts[i + 1]) - position.y();
        if (dx * dx + dy * dy <= bestD) {
            bestD = dx * dx + dy * dy;
            best = int(i / 2);
        }
    }
    return best;
}

} // namespace latentlab::ui
