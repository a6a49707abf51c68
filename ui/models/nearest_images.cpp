// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/nearest_images.h"

#include "ui/models/decode_service.h"
#include "ui/models/explore_state.h"
#include "ui/models/scatter_layout.h"

#include <QPointer>

#include <functional>

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
        QPointer<NearestImages> self(this);
        const quint64 generation = m_generation;
        m_decoder.submit(kChannelNeighbours, this, [data = m_data, self, generation](const Model& m) {
            LatentCodes codes = m.encode(data, false);
            return std::function<void()>([self, generation, codes = std::move(codes)] {
                if (!self || generation != self->m_generation)
                    return; // another model came meanwhile
                self->m_trainCodes = codes;
                self->m_pending = false;
                emit self->ready();
            });
        });
    }
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
