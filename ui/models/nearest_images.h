// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The real images whose codes lie nearest a latent point, among the test images (the scatter's
// codes) or the training images ("is the model copying its training data?"), whose codes are
// encoded once per model on the decode thread, in parts: a part ends when another job waits (a
// slider's decode goes first, so CelebA's 162,770 faces do not freeze the view for minutes) or
// after half a second (the status counts).
#include "core/data/dataset.h"
#include "core/models/model.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>

#include <vector>

namespace latentlab::ui {

class DecodeService;

struct Neighbour {
    int64_t index = -1; // in the split searched
    float distance = 0; // Euclidean, in latent space
};

class NearestImages : public QObject {
    Q_OBJECT
public:
    NearestImages(DecodeService& decoder, const LatentCodes& testCodes, QObject* parent = nullptr);

    /// Another model (or none): the training images' codes are encoded again when asked for; parts
    /// of the last model's encoding still queued or running stop at their next step.
    void reset(const Dataset& data);
    /// The k images nearest `point`, nearest first; among the training images empty (and their
    /// encoding started) until ready.
    std::vector<Neighbour> find(const std::vector<float>& point, int k, bool training);
    bool trainingCodesReady() const { return m_trainCodes.count() > 0; }
    /// Starts encoding the training images (once per model; again after a failure); ready() says
    /// when they are.
    void requestTrainingCodes();
    /// The training images' codes (empty until ready).
    const LatentCodes& trainingCodes() const { return m_trainCodes; }
    /// The longest part of the encoding, in milliseconds (tests: 0, a part per kStep images; the
    /// benchmark: -1, the whole split by one Model::encode that lets no other job go first).
    void setPartMilliseconds(int ms) { m_partMs = ms; }
    static constexpr int64_t kStep = 64;
    /// At most one progressed() per this many milliseconds, besides the last.
    static constexpr int kProgressMs = 500;

signals:
    /// The training images' codes are encoded: find(..., true) has answers.
    void ready();
    /// A longer encoding goes on (at most one per kProgressMs), or is done (done == total; only
    /// after earlier progress).
    void progressed(qint64 done, qint64 total);
    /// The encoding stopped on an error (requestTrainingCodes tries again).
    void failed(const QString& message);

private:
    void encodePart(int64_t begin);
    void partDone(int64_t begin, LatentCodes part);

    DecodeService& m_decoder;
    const LatentCodes& m_testCodes;
    Dataset m_data;
    LatentCodes m_trainCodes;
    LatentCodes m_parts; // encoded so far
    int m_partMs = 500;
    bool m_pending = false;
    bool m_reported = false; // progress shown for this encoding
    QElapsedTimer m_sinceProgress;
    // This model's number, read by its jobs on the decode thread: an older model's part stops, and
    // its result is dropped.
    std::shared_ptr<std::atomic<quint64>> m_generation = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace latentlab::ui
