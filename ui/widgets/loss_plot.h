// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Loss curves: train and test total, reconstruction and KL per epoch, plus the running train loss
// within the epoch. Log scale on demand.
#include "core/models/epoch_stats.h"

#include <qcustomplot.h>

namespace latentlab::ui {

class LossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);
    void clearAll();
    void addEpoch(const EpochStats& stats);
    /// Running train loss at fractional epoch `x`.
    void addBatchPoint(double x, double loss);
    void setLogScale(bool on);
    /// Whether the KL curve (and its legend entry) shows: not for a plain autoencoder, which has none.
    void setKlShown(bool shown);
    int epochCount() const { return m_epochs; }
    /// The per-epoch values shown (what "Export loss history" writes).
    const std::vector<EpochStats>& history() const { return m_history; }

    /// Legend columns that fit the plot's width (every entry readable, none cut off).
    int legendColumns() const { return legend->wrap(); }
    /// Presentation mode: the legend inside the axes, top right (where falling loss curves are not),
    /// so that the axes keep the height the legend's rows below them took. Below otherwise.
    void setLegendInside(bool inside);
    bool legendInside() const { return m_legendInside; }

private:
    void rescale();
    void fitLegend();
    QCPGraph *m_trainTotal, *m_testTotal, *m_trainRecon, *m_trainKl, *m_running;
    QCPLayoutGrid* m_below = nullptr; // the row under the axes that holds the legend
    bool m_legendInside = false;
    int m_epochs = 0;
    std::vector<EpochStats> m_history;
};

} // namespace latentlab::ui
