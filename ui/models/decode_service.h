// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Interactive decoding on its own thread, so dragging a slider never waits for training and training
// never waits for the GUI. Jobs run against a model snapshot (a CPU copy of the weights set with
// setModel). Each job names a channel; a channel keeps only its newest pending job, so while a slider
// is dragged only the latest position is decoded and older requests are dropped. Decoded images come
// back as values (the decoded signal); the views that show a channel paint them.
#include "core/models/model.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>

namespace latentlab::ui {

/// One decoded image (a single image or a grid of columns x rows cells) for a channel.
struct DecodedImage {
    int channel = 0;
    QImage image;
    int columns = 1, rows = 1;
};

/// `codes` (rows of latentDim values) decoded with `model` and laid out as a grid of `columns` (one
/// image alone when there is one row): what a DecodedImage holds, and what an export of it writes.
QImage decodeToImage(const Model& model, const std::vector<float>& codes, int columns, const std::vector<float>& condition);

class DecodeService : public QObject {
    Q_OBJECT
public:
    /// Runs on the decode thread with the current snapshot; returns what to do with the result on the
    /// GUI thread (called there in the receiver's context, skipped if the receiver is gone).
    using Job = std::function<std::function<void()>(const Model&)>;

    explicit DecodeService(QObject* parent = nullptr);
    ~DecodeService() override;

    /// The weights jobs decode with from now on (pass a CPU copy: Model::cloneToCpu()).
    void setModel(const Model& snapshot);
    Model model() const;
    /// Queues a job, replacing a job of the same channel that has not started yet. Lower channels go first.
    void submit(int channel, QObject* receiver, Job job);
    /// Decodes `codes` (rows of latentDim values; condition as for Model::decode) as a grid of
    /// `columns`, delivered by `decoded` on the GUI thread. `own` decodes with another model
    /// (Compare) instead of the snapshot.
    void decode(int channel, std::vector<float> codes, int columns, std::vector<float> condition, const Model& own = {});
    /// Whether jobs wait for the decode thread (any thread): a long job (encoding a training split)
    /// ends its part early so they go first.
    bool jobsWaiting() const;
    /// Jobs dropped because a newer one replaced them (for tests and the benchmark).
    quint64 droppedJobs() const;
    /// For tests: runs the GUI thread's event loop until every job submitted so far (and every job
    /// their results submitted in turn) has run and its result has been delivered or dropped; false
    /// after `timeoutMs`.
    bool waitUntilIdle(int timeoutMs = 30000);
    /// For tests: while held, the decode thread starts no job; pending ones wait (newest per channel
    /// still wins), so a test can make a result arrive after something it does first.
    void setHeld(bool held);
    /// Jobs the decode thread has run (any thread; a test can see a job ran before its result is
    /// delivered).
    quint64 jobsRun() const { return m_jobsRun; }
    /// Stops the thread after the running job (pending jobs are dropped).
    void shutdown();

signals:
    /// A decode() finished with the weights still current.
    void decoded(const latentlab::ui::DecodedImage& image);
    void failed(const QString& message);

private:
    struct Pending {
        QPointer<QObject> receiver;
        Job job;
    };
    void drain(); // on the decode thread

    QThread m_thread;
    QObject m_runner;            // lives on m_thread: drain() is queued to it
    void settle(); // one more job done with (on the GUI thread)

    mutable std::mutex m_mutex;  // guards everything below but m_settled
    std::condition_variable m_released; // setHeld(false), shutdown()
    bool m_held = false;
    quint64 m_submitted = 0;
    quint64 m_settled = 0;       // GUI thread only: jobs delivered, dropped or skipped
    Model m_model;
    std::map<int, Pending> m_pending;
    bool m_scheduled = false;
    bool m_stopping = false;
    quint64 m_dropped = 0;
    quint64 m_generation = 0;
    std::atomic<quint64> m_jobsRun {0};    // bumped when the weights change: older results are not shown
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::DecodedImage)
