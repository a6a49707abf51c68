// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scatter's thumbnails mode (the Embedding Projector's sprites): when the view is zoomed in so
// far that few points are visible, each visible point is drawn as its image, framed in its class
// colour. Images come from a source function and are scaled and cached once per point.
#include "ui/widgets/hall_sizes.h"

#include <qcustomplot.h>

#include <functional>
#include <vector>

namespace latentlab::ui {

class ScatterThumbnails : public QCPLayerable {
public:
    /// Draws on its own layer above the points of `plot`'s axis rect.
    explicit ScatterThumbnails(QCustomPlot* plot);

    /// The image of point i (an index into the codes); a null image draws nothing.
    using Source = std::function<QImage(int)>;
    void setSource(Source source);
    /// Where the points are (x, y pairs in plot coordinates), each point's colour group and the
    /// groups' colours (the frames); clears the cache when the number of points changes.
    void setPoints(const std::vector<float>& xy, std::vector<int> groups, std::vector<QColor> colours);
    void setShown(bool shown) { m_shown = shown; }
    bool shown() const { return m_shown; }
    /// Drop the cached images (the source's images changed).
    void clearCache();

    /// Images are drawn only while at most this many points are visible: zoomed out, dots say more.
    static constexpr int kMaxVisible = 400;
    /// Edge of a thumbnail on screen, pixels: the fewer points are visible, the larger they are drawn
    /// (each gets about its share of the plot), between these two; never below what a lecture hall
    /// reads.
    static constexpr int kMinSize = hall::kThumbnail, kMaxSize = 48;
    /// The edge used by the last replot.
    int sizeLastTime() const { return m_size; }
    /// How many thumbnails the last replot drew.
    int drawnLastTime() const { return m_drawn; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;
    QRect clipRect() const override;

private:
    const QPixmap& thumbnail(int index);
    Source m_source;
    std::vector<float> m_xy;
    std::vector<int> m_groups;
    std::vector<QColor> m_colours;
    std::vector<QPixmap> m_cache;
    std::vector<int> m_visible; // reused between replots
    bool m_shown = false;
    int m_drawn = 0;
    int m_size = kMaxSize; // the cached pixmaps' edge
};

} // namespace latentlab::ui
