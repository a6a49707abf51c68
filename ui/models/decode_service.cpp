// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/decode_service.h"

#include "core/image.h"
#include "ui/models/image_convert.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace latentlab::ui {

namespace {
// One thread for interactive work: a single image decodes in a few milliseconds, and training keeps
// the other cores.
constexpr int kDecodeThreads = 1;
} // namespace

DecodeService::DecodeService(QObject* parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("decode"));
    m_runner.moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(&m_runner, [] { setComputeThreadsForThisThread(kDecodeThreads); }, Qt::QueuedConnection);
}

DecodeService::~DecodeService() { shutdown(); }

void DecodeService::shutdown()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_pending.clear();
    }
    m_released.notify_all();
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void DecodeService::setModel(const Model& snapshot)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (snapshot.sharedState() != m_model.sharedState())
        ++m_generation;
    m_model = snapshot;
}

Model DecodeService::model() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_model;
}

bool DecodeService::jobsWaiting() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_pending.empty();
}

quint64 DecodeService::droppedJobs() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_dropped;
}

void DecodeService::submit(int channel, QObject* receiver, Job job)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_stopping)
        return;
    auto [it, inserted] = m_pending.insert_or_assign(channel, Pending {receiver, std::move(job)});
    (void)it;
    ++m_submitted;
    if (!inserted) {
        ++m_dropped;
        ++m_settled; // the replaced job is done with
    }
    if (!m_scheduled) {
        m_scheduled = true;
        QMetaObject::invokeMethod(&m_runner, [this] { drain(); }, Qt::QueuedConnection);
    }
}

QImage decodeToImage(const Model& model, const std::vector<float>& codes, int columns, const std::vector<float>& condition)
{
    const int count = int(codes.size() / size_t(model.info().latentDim()));
    const auto images = model.decode(codes, count, condition);
    return toQImage(count == 1 ? images.front() : makeGrid(images, columns));
}

void DecodeService::decode(int channel, std::vector<float> codes, int columns, std::vector<float> condition, const Model& own)
{
    QPointer<DecodeService> self(this);
    submit(channel, this, [codes = std::move(codes), columns, condition = std::move(condition), own, self, channel](const Model& snapshot) {
        const Model& m = own.empty() ? snapshot : own;
        const int count = int(codes.size() / size_t(m.info().latentDim()));
        DecodedImage out {channel, decodeToImage(m, codes, columns, condition), columns, (count + columns - 1) / columns};
        return std::function<void()>([self, out] {
            if (self)
                emit self->decoded(out);
        });
    });
}

void DecodeService::settle() { ++m_settled; }

bool DecodeService::waitUntilIdle(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_settled == m_submitted)
                return true;
        }
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
}

void DecodeService::setHeld(bool held)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_held = held;
    }
    m_released.notify_all();
}

void DecodeService::drain()
{
    while (!QThread::currentThread()->isInterruptionRequested()) {
        Pending next;
        Model model;
        quint64 generation = 0;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_released.wait(lock, [this] { return !m_held || m_stopping; });
            if (m_pending.empty() || m_stopping) {
                m_scheduled = false;
                return;
            }
            next = std::move(m_pending.begin()->second);
            m_pending.erase(m_pending.begin());
            model = m_model;
            generation = m_generation;
        }
        // Whatever happens to the job, the GUI thread counts it done after its result (queued first).
        struct Settle {
            DecodeService* self;
            ~Settle() { QMetaObject::invokeMethod(self, [s = self] { s->settle(); }, Qt::QueuedConnection); }
        } settle {this};
        if (model.empty() || !next.receiver)
            continue;
        try {
            std::function<void()> deliver = next.job(model);
            ++m_jobsRun;
            // A result of weights replaced meanwhile (another checkpoint) would show a stale image.
            auto current = [this, generation] {
                std::lock_guard<std::mutex> lock(m_mutex);
                return generation == m_generation;
            };
            if (deliver && next.receiver)
                QMetaObject::invokeMethod(
                    next.receiver.data(), [current, deliver = std::move(deliver)] {
                        if (current())
                            deliver();
                    },
                    Qt::QueuedConnection);
        } catch (const std::exception& e) {
            // An exception escaping into Qt's event loop is undefined behaviour: report it.
            emit failed(QString::fromStdString(e.what()));
        }
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_scheduled = false;
}

} // namespace latentlab::ui
