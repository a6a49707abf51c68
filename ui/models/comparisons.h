// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Checkpoints compared side by side with the explored model (an AE, a VAE and a CVAE on the same
// data): each decodes the explored point with its own weights and shows its own codes of the same
// test images, encoded on the decode thread.
#include "core/data/dataset.h"
#include "core/models/model.h"

#include <QObject>
#include <QString>

#include <vector>

namespace latentlab::ui {

class DecodeService;

/// A checkpoint decoded beside the explored model, with its own codes of the same test images.
struct Comparison {
    QString path;
    Model model;
    LatentCodes codes; // empty until encoded on the decode thread
};

class Comparisons : public QObject {
    Q_OBJECT
public:
    explicit Comparisons(DecodeService& decoder, QObject* parent = nullptr);

    /// The explored data (the compared checkpoints must take its images), empty without a model.
    void setData(const Dataset& data) { m_data = data; }
    /// Adds a checkpoint; returns "" or why it cannot be compared (naming the file).
    QString add(const QString& path);
    void clear();
    const std::vector<Comparison>& list() const { return m_list; }
    static constexpr int kMax = 3;

signals:
    /// A checkpoint came or went, or its codes are in.
    void changed();

private:
    void encode(size_t index);

    DecodeService& m_decoder;
    Dataset m_data;
    std::vector<Comparison> m_list;
};

} // namespace latentlab::ui
