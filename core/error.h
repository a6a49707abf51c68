// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one exception type core throws for bad input and failed operations.
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

} // namespace latentlab
