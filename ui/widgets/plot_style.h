// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plots follow the application palette, so they read well in light and dark themes.
#include <qcustomplot.h>

#include <algorithm>

namespace latentlab::ui {

/// Fewer ticks where their labels would run into each other (a narrow plot, a projector's font):
/// after each layout, an axis whose labels (as wide as its widest) do not fit asks its ticker for
/// fewer, one whose labels would fit three times over asks for more (2 to 5; the ticker rounds to
/// nice steps), and the plot draws again until that settles.
inline void keepTickLabelsApart(QCustomPlot* plot)
{
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] {
        bool changed = false;
        for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
            const QFontMetrics fm(axis->tickLabelFont());
            const bool across = axis->orientation() == Qt::Horizontal;
            int widest = 0, shown = 0;
            const QVector<double> ticks = axis->tickVector();
            const QVector<QString> labels = axis->tickVectorLabels();
            for (int i = 0; i < ticks.size() && i < labels.size(); ++i)
                if (axis->range().contains(ticks[i])) {
                    widest = std::max(widest, fm.horizontalAdvance(labels[i]));
                    ++shown;
                }
            const int need = across ? widest + 2 * fm.averageCharWidth() : 2 * fm.height();
            const int length = across ? axis->axisRect()->width() : axis->axisRect()->height();
            const int fits = length / std::max(1, need), asked = axis->ticker()->tickCount();
            // More only with room for three times the labels: a nice step at most ~2.5 times finer
            // than the last, so the count cannot swing back and forth between two replots.
            const int count = shown > fits ? std::max(2, asked - 1) : shown * 3 <= fits ? std::min(5, asked + 1) : asked;
            if (count != asked) {
                axis->ticker()->setTickCount(count);
                changed = true;
            }
        }
        if (changed)
            plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

inline void applyPalette(QCustomPlot* plot)
{
    const QPalette pal = plot->palette();
    const QColor text = pal.color(QPalette::WindowText), base = pal.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(50);
    plot->setBackground(base);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    if (!plot->legend)
        return;
    plot->legend->setTextColor(text);
    // A box only for a legend over the curves; a row of names above or below the axes needs none
    // (its sides were cut off at the plot's edges).
    const bool overCurves = plot->legend->layout() == plot->axisRect()->insetLayout();
    plot->legend->setBorderPen(overCurves ? QPen(text) : QPen(Qt::NoPen));
    QColor legendBase = base;
    legendBase.setAlpha(170);
    plot->legend->setBrush(legendBase);
}

/// Axis labels, tick labels and the legend in the plot's current font (the window's, which grows
/// in presentation mode); QCustomPlot copies fonts when it is built and never follows them.
inline void applyFonts(QCustomPlot* plot)
{
    const QFont f = plot->font();
    QFont small = f;
    small.setPointSizeF(std::max(6.0, f.pointSizeF() - 2));
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        axis->setTickLabelFont(small);
        axis->setLabelFont(f);
    }
    if (plot->legend)
        plot->legend->setFont(small);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

/// A distinct colour for class i (tab10, then cycling hues).
inline QColor classColor(int i)
{
    static const QColor tab10[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40}, {148, 103, 189},
                                   {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    if (i >= 0 && i < 10)
        return tab10[i];
    return QColor::fromHsv((i * 47) % 360, 200, 200);
}

/// The widest entry of a legend and how many entries it has (its grid may hold empty cells).
inline QSize legendEntries(const QCPLegend* legend)
{
    int widest = 1, items = 0;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = legend->item(i)) {
            widest = std::max(widest, item->minimumOuterSizeHint().width());
            ++items;
        }
    return {widest, items};
}

/// How many columns of a legend's entries fit in `room` pixels (every entry whole).
inline int legendColumnsIn(const QCPLegend* legend, int room)
{
    const QSize e = legendEntries(legend);
    const QMargins m = legend->margins();
    const int spacing = legend->columnSpacing();
    return std::clamp((room - m.left() - m.right() + spacing) / (e.width() + spacing), 1, std::max(1, e.height()));
}

/// How tall a legend is with its entries in as many columns as fit in `room` pixels.
inline int legendHeightIn(const QCPLegend* legend, int room)
{
    const int columns = legendColumnsIn(legend, room);
    const int rows = (legendEntries(legend).height() + columns - 1) / columns;
    const QCPAbstractLegendItem* first = legend->itemCount() > 0 ? legend->item(0) : nullptr;
    return rows * ((first ? first->minimumOuterSizeHint().height() : 0) + legend->rowSpacing());
}

/// Lays a legend's entries out in as many columns as fit in `room` pixels (every entry whole).
inline void setLegendColumns(QCPLegend* legend, int room)
{
    const int columns = legendColumnsIn(legend, room);
    if (columns != legend->wrap()) {
        legend->setWrap(columns);
        legend->setFillOrder(legend->fillOrder(), true); // re-flows the entries already there
    }
}

} // namespace latentlab::ui
