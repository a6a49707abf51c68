// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scatter's axis choice: PCA, or two chosen latent dimensions. Shared by the training and
// Explore views; applies itself to a LatentScatter and says when it changed.
#include <QWidget>

#include <utility>

class QComboBox;
class QSpinBox;

namespace latentlab::ui {

class LatentScatter;

class ScatterAxes : public QWidget {
    Q_OBJECT
public:
    /// `offerTsne`: a third choice, a t-SNE map (the Explore scatter's; its owner computes it).
    ScatterAxes(LatentScatter* scatter, const QString& toolTip, bool offerTsne = false, QWidget* parent = nullptr);
    /// Chooses two dimensions (1-based).
    void setDimensions(int dimX, int dimY);
    /// Back to the top two principal directions.
    void usePrincipalDirections();
    /// The chosen dimensions (1-based), or {0, 0} for principal directions.
    std::pair<int, int> dimensions() const;
    void setLatentSize(int latent);
    bool tsne() const;
    void useTsne();

signals:
    /// The scatter's dimensions were updated: redraw it.
    void changed();

private:
    LatentScatter* m_scatter;
    QComboBox* m_mode;
    QSpinBox *m_dimX, *m_dimY;
};

} // namespace latentlab::ui
