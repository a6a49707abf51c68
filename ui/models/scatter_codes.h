// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which codes the scatter shows: the test images' (each epoch's, a checkpoint's), or all of them,
// the training images' codes after the test images' ("all codes": 70,000 for Fashion-MNIST). The
// training codes come from the decode thread (NearestImages encodes them once per model); until
// then the scatter shows the test codes, or, while a run trains, the previous epoch's training
// codes (the points and the selection stay put from epoch to epoch). Maps a code's index back to
// its image.
#include "core/data/dataset.h"
#include "core/models/model.h"

#include <QObject>

namespace latentlab::ui {

class ScatterLayout;

class ScatterCodes : public QObject {
    Q_OBJECT
public:
    explicit ScatterCodes(ScatterLayout& layout, QObject* parent = nullptr) : QObject(parent), m_layout(layout) {}

    /// A new model's dataset and test codes; its training codes are wanted again (when all are on).
    void setModel(const Dataset& data, const LatentCodes& testCodes);
    void clear();
    /// This model's training codes arrived (shown when all codes are on).
    bool hasTrainingCodes() const { return m_trainCurrent; }
    void setTrainingCodes(const LatentCodes& codes);
    const LatentCodes& testCodes() const { return m_test; }
    int64_t testCount() const { return m_test.count(); }

    /// All codes (test, then training) or the test codes only.
    void setAll(bool on);
    bool all() const { return m_all; }
    /// The image whose code is the scatter's code `index` (empty when there is none), and whether
    /// it is a training image.
    Image image(int64_t index) const;
    bool isTraining(int64_t index) const { return index >= m_test.count(); }

signals:
    /// The training codes are needed and not here: encode them (setTrainingCodes when done).
    void trainingCodesWanted();
    void status(const QString& text, bool error);

private:
    void show(); // hands the layout what is chosen

    ScatterLayout& m_layout;
    Dataset m_data;
    LatentCodes m_test, m_train;
    bool m_trainCurrent = false; // m_train is this model's (else an earlier model's, or none)
    bool m_all = false;
};

} // namespace latentlab::ui
