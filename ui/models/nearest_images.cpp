// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/nearest_images.h"

#include "ui/models/decode_service.h"
#include "ui/models/explore_state.h"
#include "ui/models/scatter_layout.h"

#include <QElapsedTimer>
#include <QPointer>

#include <functional>
#include <utility>

namespace latentlab::ui {

NearestImages::NearestImages(DecodeService& decoder, const LatentCodes& testCodes, QObject* parent)
    : QObject(parent), m_decoder(decoder), m_testCodes(testCodes)
{
}

void NearestImages::reset(const Dataset& data)
{
    m_data = data;
    m_trainCodes = LatentCodes();
    m_pending = false;
    ++m_generation;
}

void NearestImages::requestTrainingCodes()
{
    if (!trainingCodesReady() && !m_pending && !m_data.empty()) {
        m_pending = true;
        m_parts = LatentCodes();
        encodePart(0);
    }
}

void NearestImages::encodePart(int64_t begin)
{
    QPointer<NearestImages> self(this);
    const quint64 generation = m_generation;
    DecodeService* decoder = &m_decoder; // outlives its jobs (its thread stops first)
    m_decoder.submit(kChannelNeighbours, this, [data = m_data, self, generation, begin, partMs = m_partMs, decoder](const Model& m) {
        // Steps of kStep images (43 ms for the faces CVAE here) until another job waits (a slider's
        // decode: it goes first) or partMs have passed (the status counts); partMs < 0: all at once.
        QElapsedTimer clock;
        clock.start();
        LatentCodes part;
        const int64_t total = data.info().trainCount;
        for (int64_t s = begin; s < total; s += kStep) {
            if (s > begin && partMs >= 0 && (clock.elapsed() >= partMs || decoder->jobsWaiting()))
                break;
            appendCodes(part, m.encodeRange(data, false, s, s + kStep));
        }
        return std::function<void()>([self, generation, begin, part = std::move(part)]() mutable {
            if (self && generation == self->m_generation) // else another model came meanwhile
                self->partDone(begin, std::move(part));
        });
    });
}

void NearestImages::partDone(int64_t begin, LatentCodes part)
{
    const int64_t total = m_data.info().trainCount, done = begin + part.count();
    appendCodes(m_parts, part);
    if (part.count() > 0 && done < total) {
        emit progressed(done, total);
        encodePart(done);
        return;
    }
    m_trainCodes = std::exchange(m_parts, LatentCodes());
    m_pending = false;
    if (begin > 0)
        emit progressed(done, total);
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
