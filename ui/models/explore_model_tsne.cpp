// SPDX-License-Identifier: GPL-3.0-or-later
// The scatter as a t-SNE map (Barnes-Hut t-SNE of the codes on a worker thread, frames sent back
// to the GUI thread as it converges; the point's marker and clicks go through the nearest code),
// and the images whose codes are nearest the shown point.
#include "ui/models/explore_model.h"

#ifdef LATENTLAB_HAVE_TSNE
#include "core/latent/tsne.h"
#endif

#include <QElapsedTimer>
#include <QPointer>

#include <algorithm>
#include <cmath>
#include <functional>

namespace latentlab::ui {

namespace {
// The k rows of `values` (rows of dim) nearest z, nearest first, ties to the lower index.
std::vector<ExploreModel::Neighbour> nearestRows(const std::vector<float>& values, int dim, const std::vector<float>& z, int k)
{
    if (dim <= 0 || z.size() != size_t(dim) || k <= 0)
        return {};
    const int64_t n = int64_t(values.size()) / dim;
    std::vector<std::pair<double, int64_t>> all; // squared distance, row: ties go to the lower row
    all.reserve(size_t(n));
    for (int64_t i = 0; i < n; ++i) {
        double d = 0;
        for (int c = 0; c < dim; ++c) {
            const double t = double(values[size_t(i * dim + c)]) - z[size_t(c)];
            d += t * t;
        }
        all.push_back({d, i});
    }
    const size_t keep = std::min(all.size(), size_t(k));
    std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(keep), all.end());
    std::vector<ExploreModel::Neighbour> out;
    for (size_t i = 0; i < keep; ++i)
        out.push_back({all[i].second, float(std::sqrt(all[i].first))});
    return out;
}
} // namespace

void ExploreModel::setTsne(bool on)
{
#ifndef LATENTLAB_HAVE_TSNE
    if (on) {
        setStatus(tr("This build has no t-SNE (it needs libnanoflann-dev)"), true);
        return;
    }
#endif
    if (on == m_tsneOn)
        return;
    m_tsneOn = on;
    if (on)
        startTsne();
    else
        stopTsne();
    emit scatterChanged();
    emit pointChanged(); // the marker moves to the other map
}

void ExploreModel::setThumbnails(bool on)
{
    if (on == m_thumbnails)
        return;
    m_thumbnails = on;
    emit scatterChanged();
}

void ExploreModel::setScatterView(const std::vector<float>& view)
{
    if (view == m_scatterView || (!view.empty() && view.size() != 4))
        return;
    m_scatterView = view;
    emit scatterViewChanged();
}

void ExploreModel::stopTsne()
{
    ++m_tsneGeneration;
    if (m_tsneCancel)
        *m_tsneCancel = true;
    if (m_tsneThread.joinable())
        m_tsneThread.join();
    m_tsneCancel.reset();
    m_tsneMap.clear();
    m_tsneIteration = 0;
}

void ExploreModel::startTsne()
{
    stopTsne();
    if (!m_tsneOn || codes().count() < 4)
        return;
#ifdef LATENTLAB_HAVE_TSNE
    const quint64 generation = m_tsneGeneration;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_tsneCancel = cancel;
    setStatus(tr("t-SNE: mapping %1 codes…").arg(codes().count()), false);
    m_tsneThread = std::thread([this, cancel, generation, codes = codes().values, dim = codes().dim] {
        TsneOptions o;
        o.iterations = kTsneIterations;
        QElapsedTimer clock;
        clock.start();
        const auto post = [this, generation](int iteration, std::vector<float> map, const QString& status) {
            // Queued to the GUI thread; dropped there when a newer job (or none) is current, and by
            // Qt when this model is gone.
            QMetaObject::invokeMethod(this, [this, generation, iteration, map = std::move(map), status] {
                if (generation != m_tsneGeneration)
                    return;
                m_tsneMap = map;
                m_tsneIteration = iteration;
                if (!status.isEmpty())
                    setStatus(status, false);
                emit scatterChanged();
                emit pointChanged();
                emit tsneProgressed(iteration);
            }, Qt::QueuedConnection);
        };
        try {
            const TsneResult r = runTsne(codes, dim, o, [&](int it, const std::vector<float>& map) {
                if (*cancel)
                    return false;
                post(it, map, QString());
                return true;
            });
            if (!r.stopped)
                post(r.iterations, r.embedding,
                     tr("t-SNE map of %1 codes: %2 iterations in %3 s").arg(codes.size() / size_t(dim)).arg(r.iterations)
                         .arg(clock.elapsed() / 1000.0, 0, 'f', 1));
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            QMetaObject::invokeMethod(this, [this, generation, message] {
                if (generation == m_tsneGeneration)
                    setStatus(message, true);
            }, Qt::QueuedConnection);
        }
    });
#endif
}

Projection2D ExploreModel::shownProjection() const
{
    if (!m_tsneOn || m_tsneMap.size() != size_t(codes().count()) * 2)
        return m_scatter.projection();
    Projection2D p;
    p.points = m_tsneMap;
    return p;
}

QPointF ExploreModel::projectOnTsneMap(const std::vector<float>& z) const
{
    const int64_t i = m_tsneMap.size() == size_t(codes().count()) * 2 ? nearestCode(z) : -1;
    return i < 0 ? QPointF(qQNaN(), qQNaN()) : QPointF(m_tsneMap[size_t(2 * i)], m_tsneMap[size_t(2 * i + 1)]);
}

void ExploreModel::pickOnTsneMap(const QPointF& at)
{
    if (m_tsneMap.size() != size_t(codes().count()) * 2)
        return;
    const auto found = nearestRows(m_tsneMap, 2, {float(at.x()), float(at.y())}, 1);
    if (found.empty())
        return;
    const int64_t best = found.front().index, dim = codes().dim;
    const EditScope edit(*this, 4000); // a drag across the map is one step
    clearSource();
    setLatentPoint(std::vector<float>(codes().values.begin() + best * dim, codes().values.begin() + (best + 1) * dim));
}

int64_t ExploreModel::nearestCode(const std::vector<float>& z) const
{
    const auto found = nearestRows(codes().values, codes().dim, z, 1);
    return found.empty() ? -1 : found.front().index;
}

std::vector<ExploreModel::Neighbour> ExploreModel::neighbours(int k, bool training)
{
    if (training && !trainingCodesReady() && !m_trainCodesPending && !m_model.empty() && !m_data.empty()) {
        m_trainCodesPending = true;
        QPointer<ExploreModel> self(this);
        const Dataset data = m_data;
        const quint64 generation = m_trainCodesGeneration;
        m_decoder.submit(kChannelNeighbours, this, [data, self, generation](const Model& m) {
            LatentCodes codes = m.encode(data, false);
            return std::function<void()>([self, generation, codes = std::move(codes)] {
                if (!self || generation != self->m_trainCodesGeneration)
                    return; // another model came meanwhile
                self->m_trainCodes = codes;
                self->m_trainCodesPending = false;
                emit self->neighboursReady();
            });
        });
    }
    const LatentCodes& codes = training ? m_trainCodes : m_scatter.codes();
    return nearestRows(codes.values, codes.dim, point(), k);
}

} // namespace latentlab::ui
