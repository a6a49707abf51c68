// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/background_job.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProgressDialog>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>

namespace latentlab::ui {

namespace {

// What the worker and the window share: the latest step and the user's Cancel.
struct Shared {
    std::atomic<int64_t> done {0}, total {0};
    std::atomic<bool> cancel {false}, finished {false};
    JobResult result; // written by the worker before `finished`, read after
};

JobResult guardedRun(const std::function<void(const StepProgress&)>& job, const StepProgress& progress)
{
    JobResult r;
    try {
        job(progress);
    } catch (const Cancelled& e) {
        r.cancelled = true;
        r.error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        r.error = QString::fromStdString(e.what());
    }
    return r;
}

} // namespace

JobResult runInBackground(QWidget* parent, const QString& title, const QString& label,
                          const std::function<void(const StepProgress&)>& job)
{
    auto shared = std::make_shared<Shared>();
    QEventLoop loop;
    QProgressDialog dialog(label, QCoreApplication::translate("BackgroundJob", "Cancel"), 0, 0, parent);
    dialog.setWindowTitle(title);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(1 << 30); // shown below, once the job has taken a moment
    dialog.setAutoReset(false);
    dialog.setAutoClose(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] {
        shared->cancel = true;
        dialog.setLabelText(QCoreApplication::translate("BackgroundJob", "Cancelling…"));
        dialog.show(); // canceled() hides it; keep it up until the job has stopped
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &dialog, [&] {
        if (shared->finished) {
            loop.quit();
            return;
        }
        const int64_t total = shared->total;
        if (total > 0) {
            dialog.setMaximum(1000);
            dialog.setValue(int(1000 * std::min<int64_t>(shared->done, total) / total));
        }
    });
    poll.start(50);
    std::thread worker([shared, job] {
        shared->result = guardedRun(job, [shared](int64_t done, int64_t total) {
            shared->done = done;
            shared->total = total;
            return !shared->cancel;
        });
        shared->finished = true;
    });
    // A quick job ends before any dialog shows; until then the window takes no clicks (no second
    // export can start inside this one).
    QElapsedTimer clock;
    clock.start();
    while (!shared->finished && clock.elapsed() < 400)
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents, 20), std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!shared->finished) {
        dialog.show(); // window-modal from here: only Cancel answers
        loop.exec();
    }
    worker.join();
    return shared->result;
}

JobResult runHere(const std::function<void(const StepProgress&)>& job, int64_t cancelAfter)
{
    int64_t steps = 0;
    return guardedRun(job, [&](int64_t, int64_t) { return cancelAfter < 0 || steps++ < cancelAfter; });
}

} // namespace latentlab::ui
