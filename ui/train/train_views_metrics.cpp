// SPDX-License-Identifier: GPL-3.0-or-later
// The Train tab's disentanglement panel: MIG, SAP and DCI per epoch for data with ground-truth
// factors, under the KL bars (or, presenting a lesson about them, in the scatter's place).
#include "ui/train/train_views.h"

#include "ui/models/training_session.h"
#include "ui/widgets/plot_style.h"

#include <QLabel>

#include <algorithm>

namespace latentlab::ui {

QCustomPlot* TrainViews::buildMetricsPlot()
{
    m_metricsPlot = new QCustomPlot;
    m_metricsPlot->setToolTip(tr("Disentanglement of the test codes against the data's ground-truth factors, per epoch "
                                 "(MIG, SAP, DCI disentanglement; 1 = each factor in a dimension of its own)"));
    const std::pair<QString, QColor> lines[] = {{tr("MIG"), QColor(31, 119, 180)}, {tr("SAP"), QColor(255, 127, 14)},
                                                {tr("DCI-D"), QColor(44, 160, 44)}};
    for (const auto& [name, colour] : lines) {
        QCPGraph* g = m_metricsPlot->addGraph();
        g->setName(name);
        g->setPen(QPen(colour, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    }
    m_metricsPlot->xAxis->setLabel(tr("epoch"));
    m_metricsPlot->yAxis->setRange(0, 1);
    // The legend in one row above the axes: the curves stay uncovered.
    QCPLegend* legend = m_metricsPlot->legend;
    legend->setVisible(true);
    m_metricsPlot->axisRect()->insetLayout()->take(legend);
    m_metricsPlot->plotLayout()->insertRow(0);
    m_metricsPlot->plotLayout()->addElement(0, 0, legend);
    m_metricsPlot->plotLayout()->setRowStretchFactor(0, 0.001);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(3);
    m_metricsPlot->setMinimumSize(240, 110);
    applyPalette(m_metricsPlot);
    keepTickLabelsApart(m_metricsPlot);
    return m_metricsPlot;
}

void TrainViews::addMetrics(const EpochSnapshot& v)
{
    if (!v.hasMetrics)
        return;
    const DisentanglementScores& m = v.metrics;
    const double values[] = {m.mig, m.sap, m.dciDisentanglement};
    for (int g = 0; g < 3; ++g)
        m_metricsPlot->graph(g)->addData(v.stats.epoch, values[g]);
    m_metricsPlot->xAxis->setRange(0, std::max(1, v.stats.epoch) + 0.5);
    m_metricsPlot->replot(QCustomPlot::rpQueuedReplot);
    m_metricsText->setText(tr("Epoch %1: MIG %2, SAP %3, DCI %4 / %5 / %6, active units %7 of %8")
                               .arg(v.stats.epoch)
                               .arg(m.mig, 0, 'f', 3)
                               .arg(m.sap, 0, 'f', 3)
                               .arg(m.dciDisentanglement, 0, 'f', 3)
                               .arg(m.dciCompleteness, 0, 'f', 3)
                               .arg(m.dciInformativeness, 0, 'f', 3)
                               .arg(m.activeUnits)
                               .arg(v.latents.dim));
    showMetricsPanel();
}

void TrainViews::showMetricsPanel()
{
    // Under the KL bars the plot waits for its first scores; in the scatter's place it shows from
    // the start, so that the cell is never empty.
    const bool scored = m_metricsPlot->graph(0)->dataCount() > 0;
    m_metricsPanel->setVisible(m_metricsPlace == MetricsPlace::ForScatter ||
                               (m_metricsPlace == MetricsPlace::UnderKl && scored));
    m_metricsText->setVisible(scored);
}

} // namespace latentlab::ui
