// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The latent codes the scatters show and their plane: the top two principal directions (PCA with a
// deterministic sign) or two chosen latent dimensions. One per window, shared by the Train tab's
// scatter and the Explore tab's, so an epoch's codes are projected once and both tabs show the same
// map on the same axes. (The Explore tab's t-SNE map is its own layout on top: ExploreModel.)
#include "core/latent/pca.h"
#include "core/models/model.h"

#include <QObject>
#include <QPointF>

#include <utility>

namespace latentlab::ui {

class ScatterModel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// New codes (an epoch's, an opened checkpoint's), projected now; the same codes again are not.
    /// Codes of another latent size go back to the principal directions.
    void setCodes(const LatentCodes& codes);
    const LatentCodes& codes() const { return m_codes; }
    /// Forgets the codes (another model is coming); the axes go back to principal directions.
    void clear();

    /// Two chosen latent dimensions (1-based), or {0, 0} for the top two principal directions.
    void setDimensions(int dimX, int dimY);
    std::pair<int, int> dimensions() const { return m_dims; }
    /// The codes' projection onto the plane (empty without codes).
    const Projection2D& projection() const { return m_projection; }
    /// Where a latent point lands on the plane (NaN when it does not fit the codes).
    QPointF project(const std::vector<float>& z) const;
    /// Projections computed so far: one per new codes or new axes (tests count them).
    quint64 projectionCount() const { return m_projections; }

signals:
    /// New codes or new axes: the scatters draw again.
    void changed();

private:
    void computeProjection();

    LatentCodes m_codes;
    std::pair<int, int> m_dims {0, 0};
    Projection2D m_projection;
    quint64 m_projections = 0;
};

} // namespace latentlab::ui
