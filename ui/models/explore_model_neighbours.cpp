// SPDX-License-Identifier: GPL-3.0-or-later
// The images whose codes are nearest the shown point, among the test images or the training images
// (whose codes are encoded once per model, on the decode thread).
#include "ui/models/explore_model.h"

#include <QPointer>

#include <functional>

namespace latentlab::ui {

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
    std::vector<Neighbour> out;
    for (const auto& [index, distance] : nearestRows(codes.values, codes.dim, point(), k))
        out.push_back({index, distance});
    return out;
}

} // namespace latentlab::ui
