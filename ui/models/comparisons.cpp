// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/comparisons.h"

#include "ui/models/decode_service.h"
#include "ui/models/explore_state.h"

#include <QPointer>

#include <functional>

namespace latentlab::ui {

namespace {
constexpr int64_t kComparePoints = 3000; // per compared scatter: enough to see the holes, quick to encode
} // namespace

Comparisons::Comparisons(DecodeService& decoder, QObject* parent) : QObject(parent), m_decoder(decoder) {}

QString Comparisons::add(const QString& path)
{
    if (m_list.size() >= size_t(kMax))
        return tr("At most %1 checkpoints side by side: press Clear first.").arg(kMax);
    if (m_data.empty())
        return tr("Train a model or open a checkpoint first: the comparison uses its dataset.");
    Comparison c;
    c.path = path;
    try {
        c.model = Model::load(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const auto& in = c.model.info().config.model.input;
    const DatasetInfo& d = m_data.info();
    if (in[0] != d.channels || in[1] != d.height || in[2] != d.width)
        return tr("%1 was trained on %2x%3x%4 images; the dataset shown has %5x%6x%7.")
            .arg(path)
            .arg(in[0]).arg(in[1]).arg(in[2])
            .arg(d.channels).arg(d.height).arg(d.width);
    m_list.push_back(c);
    encode(m_list.size() - 1);
    emit changed();
    return {};
}

void Comparisons::encode(size_t index)
{
    // Its scatter: the model's own codes of the same test images, encoded on the decode thread.
    QPointer<Comparisons> self(this);
    const Comparison& c = m_list[index];
    m_decoder.submit(kChannelCompare + 2 * int(index) + 1, this, [model = c.model, data = m_data, self, index](const Model&) {
        LatentCodes codes = model.encode(data, true, kComparePoints);
        return std::function<void()>([codes, self, index, shared = model.sharedState()] {
            if (!self || index >= self->m_list.size() || self->m_list[index].model.sharedState() != shared)
                return;
            self->m_list[index].codes = codes;
            emit self->changed();
        });
    });
}

void Comparisons::clear()
{
    if (m_list.empty())
        return;
    m_list.clear();
    emit changed();
}

} // namespace latentlab::ui
