// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/scatter_layout.h"

#ifdef LATENTLAB_HAVE_TSNE
#include "core/latent/tsne.h"
#include "core/latent/umap.h"
#endif

#include "core/latent/pca.h"

#include <QElapsedTimer>
#include <QtNumeric>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

ScatterLayout::~ScatterLayout() { stopMap(); }

void ScatterLayout::setCodes(const LatentCodes& codes)
{
    if (codes.dim == m_codes.dim && codes.values == m_codes.values && codes.labels == m_codes.labels &&
        codes.attributes == m_codes.attributes)
        return; // the same epoch's codes, handed on by another view
    if (codes.dim != m_codes.dim)
        m_dims = {0, 0};
    m_codes = codes;
    computeProjection();
    startMap(); // the new codes' map (when on)
    emit planeChanged();
    emit changed();
}

void ScatterLayout::clear()
{
    stopMap();
    m_codes = LatentCodes();
    m_dims = {0, 0};
    m_projection = Projection2D();
    m_view.clear();
    emit planeChanged();
    emit changed();
}

void ScatterLayout::setDimensions(int dimX, int dimY)
{
    const std::pair<int, int> dims = dimX > 0 && dimY > 0 ? std::pair(dimX, dimY) : std::pair(0, 0);
    if (dims == m_dims)
        return;
    m_dims = dims;
    computeProjection();
    emit planeChanged();
    emit changed();
}

void ScatterLayout::computeProjection()
{
    const auto [x, y] = m_dims;
    const int dim = m_codes.dim;
    if (m_codes.count() == 0) {
        m_projection = Projection2D();
        return;
    }
    ++m_projections;
    if (x > 0 && y > 0 && x <= dim && y <= dim)
        m_projection = projectDims(m_codes.values, dim, x - 1, y - 1);
    else
        m_projection = projectPca(m_codes.values, dim); // deterministic sign: a reopened session matches
    computePoints3();
}

void ScatterLayout::computePoints3()
{
    m_points3.clear();
    m_basis3 = LatentBasis();
    if (!m_threeD || m_codes.count() == 0)
        return;
    const int dim = m_codes.dim;
    if (dim > 3)
        m_basis3 = principalBasis(m_codes.values, dim, 3);
    m_points3.assign(size_t(m_codes.count()) * 3, 0.0f);
    for (int64_t i = 0; i < m_codes.count(); ++i)
        linear3(m_codes.values.data() + i * dim, m_points3.data() + 3 * i);
}

// --- The 3-D view ----------------------------------------------------------------------------------

void ScatterLayout::setThreeD(bool on)
{
    if (on == m_threeD)
        return;
    m_threeD = on;
    computePoints3();
    if (mapped())
        startMap(); // in the other number of dimensions
    emit changed();
}

std::vector<float> ScatterLayout::project3(const std::vector<float>& z) const
{
    if (mapDims() == 3 && m_mapPoints.size() == size_t(m_codes.count()) * 3) { // at its nearest code's place on the map
        const int64_t i = nearestCode(z);
        if (i < 0)
            return std::vector<float>(3, qQNaN());
        return std::vector<float>(m_mapPoints.begin() + 3 * i, m_mapPoints.begin() + 3 * (i + 1));
    }
    std::vector<float> p(3, 0.0f);
    if (m_codes.dim <= 0 || z.size() != size_t(m_codes.dim) || (m_codes.dim > 3 && m_basis3.count() != 3))
        return std::vector<float>(3, qQNaN());
    linear3(z.data(), p.data());
    return p;
}

void ScatterLayout::linear3(const float* z, float* out) const
{
    if (m_codes.dim <= 3) // the code itself: "three numbers per digit" (0 in the axes a smaller code lacks)
        std::copy_n(z, m_codes.dim, out);
    else
        unscaledCoordinates(m_basis3, z, out);
}

std::vector<float> ScatterLayout::shownPoints3() const
{
    if (mapDims() == 3 && m_mapPoints.size() == size_t(m_codes.count()) * 3)
        return m_mapPoints;
    return m_points3;
}

void ScatterLayout::setCamera3(const std::vector<float>& camera)
{
    if (camera == m_camera3 || (!camera.empty() && camera.size() != 3))
        return;
    m_camera3 = camera;
    emit cameraChanged();
}

QStringList ScatterLayout::axisTitles3() const
{
    if (mapDims() == 3 && !m_mapPoints.empty()) {
        if (m_map.method == MapSettings::Method::Tsne)
            return {tr("t-SNE 1"), tr("t-SNE 2"), tr("t-SNE 3")};
        return {tr("UMAP 1"), tr("UMAP 2"), tr("UMAP 3")};
    }
    if (m_codes.dim <= 3) // a smaller code lies flat in the axes it lacks
        return {tr("z 1"), m_codes.dim >= 2 ? tr("z 2") : QString(), m_codes.dim >= 3 ? tr("z 3") : QString()};
    return {tr("PC 1"), tr("PC 2"), tr("PC 3")};
}

void ScatterLayout::setView(const std::vector<float>& view)
{
    if (view == m_view || (!view.empty() && view.size() != 4))
        return;
    m_view = view;
    emit viewChanged();
}

void ScatterLayout::setThumbnails(bool on)
{
    if (on == m_thumbnails)
        return;
    m_thumbnails = on;
    emit changed();
}

// --- What the scatter draws ------------------------------------------------------------------------

Projection2D ScatterLayout::shownProjection() const
{
    if (!mapped() || m_mapPoints.size() != size_t(m_codes.count()) * 2)
        return m_projection;
    Projection2D p;
    p.points = m_mapPoints;
    return p;
}

QPointF ScatterLayout::project(const std::vector<float>& z) const
{
    if (mapped()) {
        const int64_t i = m_mapPoints.size() == size_t(m_codes.count()) * 2 ? nearestCode(z) : -1;
        return i < 0 ? QPointF(qQNaN(), qQNaN()) : QPointF(m_mapPoints[size_t(2 * i)], m_mapPoints[size_t(2 * i + 1)]);
    }
    double x = 0, y = 0;
    if (!projectPoint(m_projection, z, x, y))
        return {qQNaN(), qQNaN()};
    return {x, y};
}

int64_t ScatterLayout::nearestCode(const std::vector<float>& z) const
{
    const auto found = nearestRows(m_codes.values, m_codes.dim, z, 1);
    return found.empty() ? -1 : found.front().first;
}

int64_t ScatterLayout::codeOnMapAt(const QPointF& at, const std::vector<char>& among) const
{
    if (m_mapPoints.size() != size_t(m_codes.count()) * 2)
        return -1;
    const auto found = nearestRows(m_mapPoints, 2, {float(at.x()), float(at.y())}, 1, among);
    return found.empty() ? -1 : found.front().first;
}

// --- The neighbour map -----------------------------------------------------------------------------

#ifdef LATENTLAB_HAVE_TSNE
namespace {
struct MapRun {
    std::vector<float> points;
    int steps = 0;        // iterations or epochs done
    bool stopped = false; // `frame` said stop
};

// The chosen map of `codes`, its frames handed to `frame` as it converges.
MapRun runMap(const MapSettings& settings, int steps, int mapDims, const std::vector<float>& codes, int dim,
              const std::function<bool(int, const std::vector<float>&)>& frame)
{
    if (settings.method == MapSettings::Method::Umap) {
        UmapOptions o;
        o.dims = mapDims;
        o.neighbours = settings.neighbours;
        o.minDist = settings.minDist;
        o.epochs = steps;
        UmapResult r = runUmap(codes, dim, o, frame);
        return {std::move(r.embedding), r.epochs, r.stopped};
    }
    TsneOptions o;
    o.dims = mapDims;
    o.perplexity = settings.perplexity;
    o.iterations = steps;
    TsneResult r = runTsne(codes, dim, o, frame);
    return {std::move(r.embedding), r.iterations, r.stopped};
}
} // namespace
#endif

void ScatterLayout::setMap(const MapSettings& settings)
{
#ifndef LATENTLAB_HAVE_TSNE
    if (settings.method != MapSettings::Method::Plane) {
        emit status(tr("This build has no t-SNE or UMAP (they need libnanoflann-dev)"), true);
        return;
    }
#endif
    if (settings == m_map)
        return;
    m_map = settings;
    startMap(); // stops the old one; starts none on the plane
    emit changed();
}

int ScatterLayout::mapSteps() const
{
#ifdef LATENTLAB_HAVE_TSNE
    return m_map.method == MapSettings::Method::Umap ? umapDefaultEpochs(m_codes.count()) : TsneOptions().iterations;
#else
    return 0; // no map can be chosen
#endif
}

void ScatterLayout::stopMap()
{
    ++m_mapGeneration;
    if (m_mapCancel)
        *m_mapCancel = true;
    if (m_mapThread.joinable())
        m_mapThread.join();
    m_mapCancel.reset();
    m_mapPoints.clear();
    m_mapStep = 0;
}

void ScatterLayout::startMap()
{
    stopMap();
    if (!mapped() || m_codes.count() < 4)
        return;
    if (m_codes.count() > kMaxMapCodes) { // all of CelebA's codes: minutes and gigabytes on a laptop
        emit status(tr("A map of %1 codes would take too long here: maps take at most %2 codes (latentlab-cli map does any "
                       "number)").arg(m_codes.count()).arg(kMaxMapCodes), true);
        return;
    }
#ifdef LATENTLAB_HAVE_TSNE
    const quint64 generation = m_mapGeneration;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_mapCancel = cancel;
    const bool umap = m_map.method == MapSettings::Method::Umap;
    emit status((umap ? tr("UMAP: mapping %1 codes…") : tr("t-SNE: mapping %1 codes…")).arg(m_codes.count()), false);
    m_mapThread = std::thread([this, cancel, generation, umap, settings = m_map, steps = mapSteps(), mapDims = mapDims(),
                               codes = m_codes.values, dim = m_codes.dim] {
        QElapsedTimer clock;
        clock.start();
        const auto post = [this, generation](int step, std::vector<float> map, const QString& text) {
            // Queued to the GUI thread; dropped there when a newer job (or none) is current, and by
            // Qt when this model is gone.
            QMetaObject::invokeMethod(this, [this, generation, step, map = std::move(map), text] {
                if (generation != m_mapGeneration)
                    return;
                m_mapPoints = map;
                m_mapStep = step;
                if (!text.isEmpty())
                    emit status(text, false);
                emit changed();
                emit mapProgressed(step);
            }, Qt::QueuedConnection);
        };
        const auto frame = [&](int step, const std::vector<float>& map) {
            if (*cancel)
                return false;
            post(step, map, QString());
            return true;
        };
        try {
            MapRun r = runMap(settings, steps, mapDims, codes, dim, frame);
            const QString summary = (umap ? tr("UMAP map of %1 codes: %2 epochs in %3 s") : tr("t-SNE map of %1 codes: %2 iterations in %3 s"))
                                      .arg(codes.size() / size_t(dim)).arg(r.steps).arg(clock.elapsed() / 1000.0, 0, 'f', 1);
            if (!r.stopped)
                post(r.steps, std::move(r.points), summary);
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            QMetaObject::invokeMethod(this, [this, generation, message] {
                if (generation == m_mapGeneration)
                    emit status(message, true);
            }, Qt::QueuedConnection);
        }
    });
#endif
}

} // namespace latentlab::ui
