#pragma once
// Plots follow the application palette, so they read well in light and dark themes.
#include <qcustomplot.h>

#include <algorithm>

namespace latentlab::ui {

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
    plot->legend->setBorderPen(QPen(text));
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

} // namespace latentlab::ui
