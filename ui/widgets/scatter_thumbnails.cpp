// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/scatter_thumbnails.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {
const QString kLayer = QStringLiteral("thumbnails");
}

ScatterThumbnails::ScatterThumbnails(QCustomPlot* plot) : QCPLayerable(plot)
{
    if (!plot->layer(kLayer))
        plot->addLayer(kLayer, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    setLayer(kLayer);
}

void ScatterThumbnails::setSource(Source source)
{
    m_source = std::move(source);
    clearCache();
}

void ScatterThumbnails::setPoints(const std::vector<float>& xy, std::vector<int> groups, std::vector<QColor> colours)
{
    if (xy.size() != m_xy.size())
        clearCache();
    m_xy = xy;
    m_groups = std::move(groups);
    m_colours = std::move(colours);
}

void ScatterThumbnails::clearCache()
{
    m_cache.clear();
}

void ScatterThumbnails::applyDefaultAntialiasingHint(QCPPainter* painter) const
{
    painter->setAntialiasing(false);
}

QRect ScatterThumbnails::clipRect() const
{
    return parentPlot()->axisRect()->rect();
}

const QPixmap& ScatterThumbnails::thumbnail(int index)
{
    if (m_cache.size() != m_xy.size() / 2)
        m_cache.assign(m_xy.size() / 2, QPixmap());
    QPixmap& p = m_cache[size_t(index)];
    if (p.isNull() && m_source) {
        const QImage image = m_source(index);
        if (!image.isNull()) // scaled once here, so a replot only blits
            p = QPixmap::fromImage(image.scaled(m_size - 2, m_size - 2, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    }
    return p;
}

void ScatterThumbnails::draw(QCPPainter* painter)
{
    m_drawn = 0;
    if (!m_shown || !m_source)
        return;
    QCPAxisRect* rect = parentPlot()->axisRect();
    const QCPRange xr = rect->axis(QCPAxis::atBottom)->range(), yr = rect->axis(QCPAxis::atLeft)->range();
    m_visible.clear();
    for (size_t i = 0; i + 1 < m_xy.size(); i += 2) {
        if (xr.contains(m_xy[i]) && yr.contains(m_xy[i + 1])) {
            m_visible.push_back(int(i / 2));
            if (int(m_visible.size()) > kMaxVisible)
                return; // zoomed out: the dots alone
        }
    }
    if (m_visible.empty())
        return;
    const double share = std::sqrt(double(rect->width()) * rect->height() / double(m_visible.size()));
    const int size = std::clamp(int(1.4 * share), kMinSize, kMaxSize);
    if (size != m_size) { // a new size: the cache is rebuilt, for the visible points only
        m_size = size;
        clearCache();
    }
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    for (int i : m_visible) {
        const QPixmap& p = thumbnail(i);
        if (p.isNull())
            continue;
        const QPointF at(xAxis->coordToPixel(m_xy[2 * size_t(i)]), yAxis->coordToPixel(m_xy[2 * size_t(i) + 1]));
        const QRectF frame(at.x() - p.width() / 2.0 - 1, at.y() - p.height() / 2.0 - 1, p.width() + 1, p.height() + 1);
        painter->drawPixmap(QPointF(frame.left() + 1, frame.top() + 1), p);
        const size_t group = size_t(i) < m_groups.size() ? size_t(m_groups[size_t(i)]) : 0;
        painter->setPen(QPen(group < m_colours.size() ? m_colours[group] : QColor(Qt::gray), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(frame);
        ++m_drawn;
    }
}

} // namespace latentlab::ui
