// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scatter's axis choice: PCA, two chosen latent dimensions, or (the Explore scatter's) a t-SNE
// or UMAP map with its perplexity, or neighbours and min-dist. Shared by the training and Explore
// views; applies itself to a LatentScatter and says when it changed.
#include "core/latent/map_settings.h"

#include <QWidget>

#include <utility>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace latentlab::ui {

class LatentScatter;

class ScatterAxes : public QWidget {
    Q_OBJECT
public:
    /// `offerMaps`: two more choices, a t-SNE and a UMAP map (the Explore scatter's; its owner
    /// computes them), each with its settings beside it.
    ScatterAxes(LatentScatter* scatter, const QString& toolTip, bool offerMaps = false, QWidget* parent = nullptr);
    /// Chooses two dimensions (1-based).
    void setDimensions(int dimX, int dimY);
    /// Back to the top two principal directions.
    void usePrincipalDirections();
    /// The chosen dimensions (1-based), or {0, 0} for principal directions.
    std::pair<int, int> dimensions() const;
    void setLatentSize(int latent);
    /// The Explore scatter's 3-D view on or off: the first choice then names what the view draws (a
    /// code of up to three values as it is, a larger one along three principal directions), and two
    /// chosen dimensions cannot be picked (the view has three axes).
    void setThreeD(bool on, int latent);
    /// The map chosen (method Plane for PCA or dimensions) and its settings.
    MapSettings map() const;
    void setMap(const MapSettings& map);

signals:
    /// The scatter's dimensions were updated: redraw it.
    void changed();

private:
    LatentScatter* m_scatter;
    QComboBox* m_mode;
    QString m_toolTip;
    QSpinBox *m_dimX, *m_dimY;
    QSpinBox *m_perplexity, *m_neighbours;
    QDoubleSpinBox* m_minDist;
};

} // namespace latentlab::ui
