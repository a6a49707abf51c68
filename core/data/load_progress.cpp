// SPDX-License-Identifier: GPL-3.0-or-later
// A dataset load's progress and its cancellation, per thread: the loader on the training thread
// reports and checks them; the CLI and the window set them (dataset.h).
#include "core/data/dataset.h"

namespace latentlab {

namespace {
thread_local LoadProgress t_progress;
thread_local const std::atomic<bool>* t_cancel = nullptr;
} // namespace

void setLoadCancelFlag(const std::atomic<bool>* flag) { t_cancel = flag; }
const std::atomic<bool>* loadCancelFlag() { return t_cancel; }

void throwIfCancelled(const std::atomic<bool>* flag, const std::string& what)
{
    if (flag && flag->load(std::memory_order_relaxed))
        throw LoadCancelled(what + ": loading cancelled");
}

void setLoadProgressHandler(LoadProgress handler) { t_progress = std::move(handler); }

void reportLoadProgress(const std::string& what, int64_t done, int64_t total)
{
    if (t_progress)
        t_progress(what, done, total);
}

} // namespace latentlab
