// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A long job (an export) on a worker thread while the window shows its progress with a Cancel
// button. The job gets a StepProgress: it reports steps and stops (throwing Cancelled) when the
// user cancels. The window stays responsive; the call returns when the job has ended.
#include "core/error.h"

#include <QString>

#include <functional>

class QWidget;

namespace latentlab::ui {

struct JobResult {
    QString error;          // "" when the job finished
    bool cancelled = false; // the user cancelled it (error then says so too)
};

/// Runs `job` on its own thread; a progress dialog titled `title` with `label` and Cancel shows over
/// `parent` when it takes longer than a moment. Returns when the job has returned or thrown.
JobResult runInBackground(QWidget* parent, const QString& title, const QString& label,
                          const std::function<void(const StepProgress&)>& job);

/// The same on the calling thread, with no dialog (tests, scripts): `cancelAfter` steps reported,
/// the progress asks to stop (-1: never).
JobResult runHere(const std::function<void(const StepProgress&)>& job, int64_t cancelAfter = -1);

} // namespace latentlab::ui
