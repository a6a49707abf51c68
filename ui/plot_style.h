#pragma once
// Plots follow the application palette, so they read well in light and dark themes.
#include <qcustomplot.h>

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
    plot->legend->setTextColor(text);
    plot->legend->setBorderPen(QPen(text));
    QColor legendBase = base;
    legendBase.setAlpha(170);
    plot->legend->setBrush(legendBase);
}

} // namespace latentlab::ui
