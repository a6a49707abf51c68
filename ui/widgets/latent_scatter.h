// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The latent scatter: test-set latent means projected by PCA (or two chosen dimensions),
// coloured by class, with a legend. setCodes' axes follow the data smoothly from epoch to epoch;
// showProjected draws a projection chosen elsewhere.
#include "core/latent/pca.h"
#include "core/models/model.h"
#include "ui/widgets/scatter_thumbnails.h"

#include <qcustomplot.h>

class QRubberBand;

namespace latentlab::ui {

/// How the scatters colour codes: by class, or by attribute `colourAttribute` (index into
/// codes.attributeNames; two groups, without and with it; -1 = by class).
struct CodeGroups {
    std::vector<int> group;              // one per code, in [0, names.size())
    std::vector<std::string> names;
    std::vector<QColor> colours;         // one per group
    bool byAttribute = false;
};
CodeGroups codeGroups(const LatentCodes& codes, const std::vector<std::string>& classNames, int colourAttribute);

class LatentScatter : public QCustomPlot {
    Q_OBJECT
public:
    explicit LatentScatter(QWidget* parent = nullptr);
    /// Shows codes (up to kMaxPoints, evenly subsampled) coloured by label, or by attribute
    /// `colourAttribute` (index into codes.attributeNames; -1 = by class).
    void setCodes(const LatentCodes& codes, const std::vector<std::string>& classNames, int colourAttribute = -1);
    /// Shows codes on a projection computed by the caller (an Exploration's): `dimX`, `dimY` are
    /// the chosen dimensions it spans (0-based), or -1 for principal directions.
    void showProjected(const LatentCodes& codes, const std::vector<std::string>& classNames, int colourAttribute,
                       const Projection2D& projection, int dimX, int dimY);
    void clearAll();
    /// Whether the class legend is drawn once there are codes (never over an empty plot).
    void setLegendShown(bool shown);
    /// PCA (dimX < 0) or two chosen latent dimensions (0-based).
    void setDimensions(int dimX, int dimY) { m_dimX = dimX; m_dimY = dimY; }
    /// More codes than this are drawn evenly subsampled. All of Fashion-MNIST's 70,000 are drawn
    /// (bench/scatter_replot: a replot of 70,000 under 30 ms); CelebA's 202,599 are subsampled.
    static constexpr int kMaxPoints = 100000;
    /// showProjected's dimX/dimY for a t-SNE or a UMAP map (axes labelled "t-SNE 1/2", "UMAP 1/2").
    static constexpr int kTsneAxes = -2, kUmapAxes = -3;

    /// The projection of the codes shown (mean and the two axes), valid once codes were set.
    const Projection2D& projection() const { return m_projection; }
    bool hasProjection() const { return !m_projection.axis1.empty(); }
    /// Whether the legend sits beside the plot (else below it, in columns).
    bool legendBeside() const { return m_legendBeside; }
    /// Where code z lands on the plot.
    QPointF project(const std::vector<float>& z) const;
    /// Shows a marker at plot coordinates (hidden when not finite).
    void setMarker(const QPointF& at);
    /// When pickable, left-clicking or dragging on the plot emits pointPicked with plot coordinates.
    void setPickable(bool pickable) { m_pickable = pickable; }

    /// When hoverable, moving the mouse near a point (within kHoverPixels) reports it.
    void setHoverable(bool hoverable) { m_hoverable = hoverable; setMouseTracking(hoverable); }
    static constexpr int kHoverPixels = 8;
    /// The point drawn nearest to a widget position (index into the codes), or -1 beyond `pixels`.
    int pointNear(const QPointF& position, double pixels) const;

    /// When zoomable, the wheel zooms about the cursor and a right (or middle) drag pans; the view
    /// then stays where the user put it as the codes change, until fitToPoints().
    void setZoomable(bool zoomable);
    /// Axes around all points again (after a zoom or pan).
    void fitToPoints();
    /// Whether the user zoomed or panned since the last fit.
    bool zoomed() const { return m_userRange; }
    /// Shows this part of the plane and keeps it (as a zoom of the user's would be kept).
    void setView(const QCPRange& x, const QCPRange& y);
    /// Codes drawn in colour (one flag per code; empty = all, as before): the others are drawn grey
    /// beneath them, or not at all (and not hovered) when `isolate`. Takes effect at the next
    /// showProjected.
    void setHighlight(std::vector<char> highlighted, bool isolate);
    /// Selecting mode: a left drag draws a rectangle and reports it (areaSelected) instead of
    /// picking points.
    void setSelecting(bool on);
    bool selecting() const { return m_selecting; }
    /// Thumbnails mode: the image of code i for each visible point once few points are visible.
    void setThumbnailSource(ScatterThumbnails::Source source) { m_thumbnails->setSource(std::move(source)); }
    void setThumbnailsShown(bool shown);
    bool thumbnailsShown() const { return m_thumbnails->shown(); }
    /// How many thumbnails the last replot drew (0 while zoomed out or off).
    int thumbnailsDrawn() const { return m_thumbnails->drawnLastTime(); }

signals:
    void pointPicked(const QPointF& at);
    /// The mouse rests near code `index` (at `global` screen position); hoverEnded when it leaves.
    void hovered(int index, const QPoint& global);
    void hoverEnded();
    /// The user zoomed, panned or fitted (not emitted for setView).
    void userViewChanged();
    /// In selecting mode, the rectangle the user drew (plot coordinates).
    void areaSelected(const QRectF& area);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    /// The axes' titles: the chosen dimensions, the t-SNE map's, or the top principal directions.
    void labelAxes(bool chosenDimensions, int latentDim);
    void pick(QMouseEvent* event);
    /// One graph per group, each with its colour and legend entry (reused from call to call).
    void ensureGraphs(const std::vector<std::string>& classNames, bool byAttribute);
    /// Every step-th point as a dot in its group's graph, or grey beneath them (a grey graph, removed
    /// when there are none) when not highlighted, or not at all when isolated away.
    void drawDots(const std::vector<float>& xy, const std::vector<int>& groups, int classes, int64_t step);
    /// Axes around the points, blended with the previous range so they glide instead of jumping.
    void fitRange(double minX, double maxX, double minY, double maxY);
    Projection2D m_projection;
    QCPItemTracer* m_marker = nullptr;
    bool m_pickable = false;
    bool m_hoverable = false;
    int m_hovered = -1;
    QCPRange m_x, m_y;
    QString m_groupKey;
    int m_dimX = -1, m_dimY = -1;
    /// Beside the plot where it leaves the plot room, else below it in columns (before each replot).
    void placeLegend();
    bool m_legendShown = true;
    bool m_legendBeside = true;
    QCPLayoutGrid* m_side = nullptr; // holds the legend: the column beside the plot or the row below
    ScatterThumbnails* m_thumbnails;
    bool m_zoomable = false, m_userRange = false;
    bool m_panning = false;
    QPointF m_panFrom;
    QCPRange m_panX, m_panY;
    /// Pans by a right or middle drag; false for other events (they pick or hover).
    bool pan(QMouseEvent* event);
    /// Draws the selection rectangle in selecting mode; false for other events.
    bool select(QMouseEvent* event);
    bool hidden(size_t i) const { return m_highlight.isolate && i < m_highlight.flags.size() && !m_highlight.flags[i]; }
    struct {
        std::vector<char> flags; // empty: every code in colour
        bool isolate = false;
    } m_highlight;
    QCPGraph* m_dimmed = nullptr; // the codes not highlighted, grey, under the others
    bool m_selecting = false;
    struct {
        QRubberBand* widget = nullptr;
        QPoint from;
    } m_band; // the selection rectangle being drawn
};

} // namespace latentlab::ui
