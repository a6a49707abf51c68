// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A bundled lesson's own run, trained as the lesson file says (preset, overrides, seed, data):
// the tests that check what a lesson claims measure exactly what a class sees. Tests only.
#include "core/data/dataset.h"
#include "core/session/session_file.h"
#include "core/training/trainer.h"

#include <QtGlobal>

#include <string>

namespace latentlab::testing {

struct LessonRun {
    SessionFile session; // the lesson file, with the beta it was trained at
    Model model;
    Dataset data;
    LatentCodes codes; // test set
    EpochStats last;
};

/// Trains resources/lessons/FILE for its epochs; fails the test program if training stops early.
/// beta >= 0 replaces the lesson's beta: the run its text tells the class to compare with.
inline LessonRun trainLesson(const std::string& file, double beta = -1)
{
    keepFreedMemoryForReuse(); // as both programs do first thing: conv epochs after a test pass ran 2.5x slower
    SessionFile s = readSession(std::string(LATENTLAB_SOURCE_DIR) + "/resources/lessons/" + file);
    if (beta >= 0)
        s.config.loss.beta = beta;
    LessonRun r;
    r.session = s;
    r.data = Dataset::load(s.config.dataset, s.config.training.testFraction, s.config.training.seed);
    TrainerOptions o;
    o.snapshots = false;
    Trainer t(s.config, r.data, o);
    const TrainResult result = t.train(s.config.training.epochs);
    if (result.reason != StopReason::Finished)
        qFatal("lesson %s: training stopped: %s", file.c_str(), result.message.c_str());
    r.model = t.model().cloneToCpu();
    r.codes = r.model.encode(r.data, true);
    r.last = t.history().back();
    return r;
}

} // namespace latentlab::testing
