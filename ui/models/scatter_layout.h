// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The latent codes the scatters show and how they are laid out: on a plane (the top two principal
// directions, PCA with a deterministic sign, or two chosen latent dimensions), or as a t-SNE or
// UMAP map that converges on a worker thread; plus the Explore scatter's zoomed view and
// thumbnails mode.
// One per window, shared by the Train tab's scatter and the Explore tab's, so an epoch's codes are
// projected once and both tabs show the same map on the same axes.
#include "core/latent/latent_math.h"
#include "core/latent/map_settings.h"
#include "core/latent/pca.h"
#include "core/models/model.h"

#include <QObject>
#include <QPointF>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace latentlab::ui {

class ScatterLayout : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ScatterLayout() override;

    /// New codes (an epoch's, an opened checkpoint's), projected now (and mapped again when a
    /// map is on); the same codes again are not. Another latent size goes back to the
    /// principal directions.
    void setCodes(const LatentCodes& codes);
    const LatentCodes& codes() const { return m_codes; }
    /// Forgets the codes, the axes and the view (another model is coming); the map stays chosen.
    void clear();

    // --- The plane ---------------------------------------------------------------------------------
    /// Two chosen latent dimensions (1-based), or {0, 0} for the top two principal directions.
    void setDimensions(int dimX, int dimY);
    std::pair<int, int> dimensions() const { return m_dims; }
    /// The codes' projection onto the plane (empty without codes).
    const Projection2D& projection() const { return m_projection; }
    /// Projections computed so far: one per new codes or new axes (tests count them).
    quint64 projectionCount() const { return m_projections; }

    // --- The neighbour map (t-SNE or UMAP) ------------------------------------------------------------
    /// Lays the codes out by Barnes-Hut t-SNE or UMAP instead, with their settings (on a worker
    /// thread: the map animates as it converges; new codes or settings restart it; Plane stops it).
    /// Points go through their nearest code.
    void setMap(const MapSettings& settings);
    /// More codes than this are not mapped (the status says so): Fashion-MNIST's 70,000 are.
    static constexpr int64_t kMaxMapCodes = 100000;
    const MapSettings& map() const { return m_map; }
    bool mapped() const { return m_map.method != MapSettings::Method::Plane; }
    /// The map so far (codes().count() x mapDims()), empty before the first frame.
    const std::vector<float>& mapPoints() const { return m_mapPoints; }
    /// Iterations (t-SNE) or epochs (UMAP) done, and in all for these codes.
    int mapStep() const { return m_mapStep; }
    int mapSteps() const;
    /// The map's dimensions: 3 under the 3-D view, else 2.
    int mapDims() const { return m_threeD ? 3 : 2; }

    // --- The 3-D view ---------------------------------------------------------------------------------
    /// The Explore scatter in three dimensions: a 3-D code as it is, a larger one along its top three
    /// principal directions, or a 3-D t-SNE or UMAP map. A map on starts again in the other number
    /// of dimensions.
    void setThreeD(bool on);
    bool threeD() const { return m_threeD; }
    /// What the 3-D view draws (codes().count() x 3; empty while off or without codes).
    std::vector<float> shownPoints3() const;
    /// Where latent point z lands in the 3-D view (NaN when it does not fit).
    std::vector<float> project3(const std::vector<float>& z) const;
    /// The 3-D view's axis titles ("z 1", "PC 1" or "UMAP 1", ...).
    QStringList axisTitles3() const;
    /// The 3-D view's camera (rotation, elevation, zoom %; empty: its default), kept for sessions.
    void setCamera3(const std::vector<float>& camera);
    const std::vector<float>& camera3() const { return m_camera3; }

    // --- What the scatter draws ----------------------------------------------------------------------
    /// The map when on and begun, else projection().
    Projection2D shownProjection() const;
    /// Where latent point z lands: on the plane, or on the map at its nearest code (NaN when it
    /// does not fit the codes).
    QPointF project(const std::vector<float>& z) const;
    /// The code nearest to z (in latent space), or -1.
    int64_t nearestCode(const std::vector<float>& z) const;
    /// The code drawn nearest to `at` on the map, or -1 (no map yet); only among the flagged codes
    /// when `among` has a flag per code (the others hidden by Isolate).
    int64_t codeOnMapAt(const QPointF& at, const std::vector<char>& among = {}) const;
    /// The Explore scatter's zoomed view (x0, x1, y0, y1), empty for the whole cloud.
    void setView(const std::vector<float>& view);
    const std::vector<float>& view() const { return m_view; }
    /// Thumbnails mode: the Explore scatter draws each visible point's test image once zoomed in.
    void setThumbnails(bool on);
    bool thumbnails() const { return m_thumbnails; }

signals:
    /// New codes or new axes: the plane the Train tab draws (changed() follows).
    void planeChanged();
    /// New codes, axes, a map's frame or thumbnails mode: the Explore scatter draws again.
    void changed();
    void viewChanged();
    /// The 3-D view's camera was set (a session): the view turns to it.
    void cameraChanged();
    /// The map moved on (a frame of its convergence, or done at mapSteps()).
    void mapProgressed(int step);
    /// What the map's worker has to say (its progress, its time, an error).
    void status(const QString& text, bool error);

private:
    void computeProjection();
    void computePoints3();
    /// The code (dim values), or its top three principal coordinates, into out (3 values, zeroed).
    void linear3(const float* z, float* out) const;
    void startMap();
    void stopMap();

    LatentCodes m_codes;
    std::pair<int, int> m_dims {0, 0};
    Projection2D m_projection;
    quint64 m_projections = 0;
    std::vector<float> m_view;
    bool m_thumbnails = false;
    bool m_threeD = false;
    std::vector<float> m_camera3;
    std::vector<float> m_points3; // the codes in 3-D while the view is on (count x 3)
    LatentBasis m_basis3;         // a code larger than 3-D: its top three principal directions

    MapSettings m_map;
    std::vector<float> m_mapPoints;
    int m_mapStep = 0;
    quint64 m_mapGeneration = 0; // frames of an older job are dropped
    std::shared_ptr<std::atomic<bool>> m_mapCancel;
    std::thread m_mapThread;
};

} // namespace latentlab::ui
