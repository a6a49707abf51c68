// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one table of run parameters a user can set: their key (CLI flag, session override), label,
// unit, range and whether they may change while training or when a run resumes. The CLI's flags, preset and session
// validation, the Trainer's live setters and the GUI's spin boxes are all built from it, so a range
// is written once. Plain C++; no torch, no Qt.
#include "core/models/run_config.h"

#include <string>
#include <vector>

namespace latentlab {

struct RunParam {
    const char* key;        // "beta": --beta on the CLI, "beta" in a session's overrides
    const char* label;      // "Beta": the GUI's form label
    const char* unit;       // "" or "epochs", "images", ...
    const char* help;       // one sentence for tooltips and --help
    double min, max;        // inclusive
    bool integer;
    bool live;              // may change while training (read by the trainer at each batch)
    bool resumable;         // may change when a run continues from its checkpoint
    int decimals;           // GUI spin box (0 for integers)
    double step;            // GUI spin box single step
    double (*get)(const RunConfig&);
    void (*set)(RunConfig&, double);

    /// Throws InputError "WHO: label VALUE is out of range ("key": expected MIN to MAX)" for
    /// values outside the range, NaN, and fractions of integer parameters.
    void check(double value, const std::string& who) const;
    /// "0 to 1e+06" as the messages print it.
    std::string rangeText() const;
};

/// Every parameter, in the order the GUI shows them.
const std::vector<RunParam>& runParams();
/// The parameter with this key, or nullptr.
const RunParam* findRunParam(const std::string& key);
/// The parameter with this key; throws InputError naming the key when there is none.
const RunParam& runParam(const std::string& key);
/// Checks `value` against its parameter and stores it in `config`.
void setRunParam(RunConfig& config, const std::string& key, double value, const std::string& who);

} // namespace latentlab
