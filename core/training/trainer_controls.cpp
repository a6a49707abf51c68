// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer's controls, called from other threads while it trains (the window's, the CLI's
// signal handler): stop, pause and resume, live parameters, and what it can tell meanwhile.
#include "core/training/trainer_impl.h"

#include "core/error.h"
#include "core/models/run_params.h"

#include <mutex>

namespace latentlab {

void Trainer::requestStop()
{
    m->stopRequested = true;
    std::lock_guard<std::mutex> lock(m->mutex);
    m->wake.notify_all();
}

void Trainer::pause() { m->pauseRequested = true; }

void Trainer::resumeTraining()
{
    m->pauseRequested = false;
    std::lock_guard<std::mutex> lock(m->mutex);
    m->wake.notify_all();
}

bool Trainer::paused() const { return m->pauseRequested.load(); }

bool Trainer::holdingPause() const { return m->holding.load(); }

int64_t Trainer::batchesTrained() const { return m->batchesTrained.load(); }

void Trainer::setLiveParam(const std::string& key, double value)
{
    const RunParam& p = runParam(key);
    if (!p.live)
        throw InputError(std::string(p.label) + " cannot change while training");
    p.check(value, "live change");
    if (key == "beta")
        m->beta = value;
    else if (key == "lr")
        m->learningRate = value;
    else
        throw InputError(std::string(p.label) + " is marked live but the trainer does not read it per batch");
    p.set(m->config, value);
}

} // namespace latentlab
