// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one exception type core throws for bad input and failed operations, and the progress
// callback long operations report to (and are cancelled through).
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace latentlab {

/// An error a user can act on: the message names the file (or thing) and the problem.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// Kind of failure, used by boundaries (the CLI) to choose an exit code.
class InputError : public Error {
public:
    explicit InputError(const std::string& message) : Error(message) {}
};

/// Work stopped because its progress callback asked so; nothing half-written is left behind.
class Cancelled : public Error {
public:
    explicit Cancelled(const std::string& what) : Error(what + ": cancelled") {}
};

/// Reports `done` of `total` steps; returning false asks the work to stop (it throws Cancelled).
using StepProgress = std::function<bool(int64_t done, int64_t total)>;

} // namespace latentlab
