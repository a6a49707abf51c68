// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/loss_plot.h"

#include "ui/widgets/plot_style.h"

namespace latentlab::ui {

namespace {
QCPGraph* makeGraph(QCustomPlot* plot, const QString& name, const QColor& color, Qt::PenStyle style, bool dots)
{
    QCPGraph* g = plot->addGraph();
    g->setName(name);
    g->setPen(QPen(color, 2, style));
    if (dots)
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    return g;
}
} // namespace

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent)
{
    setToolTip(tr("Loss per epoch: total, reconstruction and KL on the training and test sets; the faint line is the "
                  "running train loss within the epoch"));
    m_trainTotal = makeGraph(this, tr("train total"), QColor(31, 119, 180), Qt::SolidLine, true);
    m_testTotal = makeGraph(this, tr("test total"), QColor(214, 39, 40), Qt::SolidLine, true);
    m_trainRecon = makeGraph(this, tr("train recon."), QColor(44, 160, 44), Qt::DashLine, false);
    m_trainKl = makeGraph(this, tr("train KL"), QColor(148, 103, 189), Qt::DashLine, false);
    m_running = makeGraph(this, tr("running"), QColor(31, 119, 180, 90), Qt::SolidLine, false);
    m_running->removeFromLegend(); // the faint line under the train curve explains itself; the tooltip names it
    xAxis->setLabel(tr("epoch"));
    yAxis->setLabel(tr("loss"));
    // The legend sits below the axes, so it never hides a curve.
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), font().pointSize() - 1));
    m_below = new QCPLayoutGrid;
    plotLayout()->addElement(1, 0, m_below);
    m_below->setMargins(QMargins(5, 0, 5, 5));
    axisRect()->insetLayout()->take(legend);
    m_below->addElement(0, 0, legend);
    legend->setWrap(3);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    plotLayout()->setRowStretchFactor(1, 0.001);
    // Before each layout: the font grows in presentation mode and the width changes with the window.
    connect(this, &QCustomPlot::beforeReplot, this, &LossPlot::fitLegend);
    setMinimumSize(240, 150);
    applyPalette(this);
    keepTickLabelsApart(this);
}

void LossPlot::fitLegend()
{
    if (!m_legendInside)
        setLegendColumns(legend, width() - 10); // less the margins of the row below the axes
}

void LossPlot::setLegendInside(bool inside)
{
    if (inside == m_legendInside)
        return;
    m_legendInside = inside;
    if (inside) {
        m_below->take(legend);
        plotLayout()->take(m_below); // no empty row under the axes
        legend->setWrap(1); // one narrow column: the axes under it are narrow too on a projector
        legend->setFillOrder(legend->fillOrder(), true); // re-flows the entries already placed
        axisRect()->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    } else {
        axisRect()->insetLayout()->take(legend);
        plotLayout()->addElement(1, 0, m_below);
        m_below->addElement(0, 0, legend);
        plotLayout()->setRowStretchFactor(1, 0.001);
    }
    plotLayout()->simplify();
    applyPalette(this); // the legend's box: over the curves only
    replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::clearAll()
{
    for (int i = 0; i < graphCount(); ++i)
        graph(i)->data()->clear();
    m_epochs = 0;
    m_history.clear();
    replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::addEpoch(const EpochStats& s)
{
    m_trainTotal->addData(s.epoch, s.trainLoss);
    m_testTotal->addData(s.epoch, s.testLoss);
    m_trainRecon->addData(s.epoch, s.trainRecon);
    m_trainKl->addData(s.epoch, s.trainKl);
    m_epochs = s.epoch;
    while (!m_history.empty() && m_history.back().epoch >= s.epoch)
        m_history.pop_back(); // a re-evaluated epoch replaces its row
    m_history.push_back(s);
    rescale();
}

void LossPlot::addBatchPoint(double x, double loss)
{
    m_running->addData(x, loss);
    rescale();
}

void LossPlot::setLogScale(bool on)
{
    yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    rescale();
}

void LossPlot::setKlShown(bool shown)
{
    if (m_trainKl->visible() == shown)
        return;
    m_trainKl->setVisible(shown);
    if (shown)
        m_trainKl->addToLegend();
    else
        m_trainKl->removeFromLegend();
    rescale();
}

void LossPlot::rescale()
{
    rescaleAxes(true); // the curves shown
    xAxis->setRange(0, std::max(1.0, xAxis->range().upper + 0.2));
    if (yAxis->scaleType() == QCPAxis::stLinear)
        yAxis->setRange(std::min(0.0, yAxis->range().lower), yAxis->range().upper * 1.05);
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace latentlab::ui
