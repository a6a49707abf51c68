// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/nearest_images.h"

#include "ui/models/decode_service.h"
#include "ui/models/explore_state.h"
#include "ui/models/scatter_layout.h"

#include <QPointer>

#include <algorithm>
#include <functional>
#include <utility>

namespace latentlab::ui {

namespace {
// The training images from `begin` on, in steps of NearestImages::kStep, until the split ends or,
// after the first step, `enough()` says so.
LatentCodes encodeSteps(const Model& m, const Dataset& data, int64_t begin, const std::function<bool()>& enough)
{
    LatentCodes codes;
    for (int64_t s = begin; s < data.info().trainCount && (s == begin || !enough()); s += NearestImages::kStep)
        appendCodes(codes, m.encodeRange(data, false, s, s + NearestImages::kStep));
    return codes;
}
} // namespace

NearestImages::NearestImages(DecodeService& decoder, const LatentCodes& testCodes, QObject* parent)
    : QObject(parent), m_decoder(decoder), m_testCodes(testCodes)
{
}

void NearestImages::reset(const Dataset& data)
{
    m_data = data;
    m_trainCodes = m_parts = LatentCodes();
    m_pending = false;
    ++*m_generation;
}

void NearestImages::requestTrainingCodes()
{
    if (!trainingCodesReady() && !m_pending && !m_data.empty()) {
        m_pending = true;
        m_reported = false;
        m_sinceProgress.start();
        m_parts = LatentCodes();
        encodePart(0);
    }
}

// One part on the decode thread: steps of kStep images (43 ms for the faces CVAE here) until another
// job waits (a slider's decode: it goes first), m_partMs have passed or another model came.
void NearestImages::encodePart(int64_t begin)
{
    QPointer<NearestImages> self(this);
    const std::shared_ptr<const std::atomic<quint64>> current = m_generation;
    const quint64 generation = *m_generation;
    const DecodeService* decoder = &m_decoder; // outlives its jobs (its thread stops first)
    m_decoder.submit(kChannelNeighbours, this, [data = m_data, self, current, generation, begin, partMs = m_partMs, decoder](const Model& m) {
        if (*current != generation)
            return std::function<void()>(); // another model came while this part waited
        const auto ours = [self, generation] { return self && *self->m_generation == generation; }; // on the GUI thread
        try {
            QElapsedTimer clock;
            clock.start();
            LatentCodes part = partMs < 0 ? m.encode(data, false) // the benchmark's baseline: one job, as before parts
                                          : encodeSteps(m, data, begin, [&] {
                                                return *current != generation || clock.elapsed() >= partMs || decoder->jobsWaiting();
                                            });
            return std::function<void()>([self, ours, begin, part = std::move(part)]() mutable {
                if (ours())
                    self->partDone(begin, std::move(part));
            });
        } catch (const std::exception& e) {
            return std::function<void()>([self, ours, message = QString::fromStdString(e.what())] {
                if (!ours())
                    return;
                self->m_parts = LatentCodes();
                self->m_pending = false;
                emit self->failed(message);
            });
        }
    });
}

void NearestImages::partDone(int64_t begin, LatentCodes part)
{
    const int64_t total = m_data.info().trainCount, done = begin + part.count();
    appendCodes(m_parts, part);
    if (part.count() > 0 && done < total) {
        const quint64 generation = *m_generation;
        if (m_sinceProgress.elapsed() >= std::min(kProgressMs, m_partMs)) {
            m_sinceProgress.start();
            m_reported = true;
            emit progressed(done, total);
        }
        if (*m_generation == generation) // a slot of progressed may have brought another model
            encodePart(done);
        return;
    }
    m_trainCodes = std::exchange(m_parts, LatentCodes());
    m_pending = false;
    if (m_reported)
        emit progressed(m_trainCodes.count(), m_trainCodes.count());
    emit ready();
}

std::vector<Neighbour> NearestImages::find(const std::vector<float>& point, int k, bool training)
{
    if (training)
        requestTrainingCodes();
    const LatentCodes& codes = training ? m_trainCodes : m_testCodes;
    std::vector<Neighbour> out;
    for (const auto& [index, distance] : nearestRows(codes.values, codes.dim, point, k))
        out.push_back({index, distance});
    return out;
}

} // namespace latentlab::ui
