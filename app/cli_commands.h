// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one list of latentlab-cli's commands: each command's usage lines and the options it accepts.
// The parser (Args), --help, the man page and the bash completion all read it, so none can drift.
#include <string>
#include <vector>

namespace latentlab::cli {

struct CliCommand {
    std::string name;                // "train", "datasets check"
    std::string usage;               // its lines of the usage text, the first starting "  NAME"
    std::vector<std::string> valued; // options that take a value ("--name VALUE" or "--name=VALUE")
    std::vector<std::string> flags;  // switches
    std::vector<std::string> aliases = {}; // other names of the same command ("encode")
};

/// Every command, in the order the usage lists them.
const std::vector<CliCommand>& cliCommands();
/// The command named `name` (or one of its aliases); nullptr when there is none.
const CliCommand* findCliCommand(const std::string& name);
/// The command named `name`; throws UsageError when there is none.
const CliCommand& cliCommand(const std::string& name);

/// The whole usage text: commands, run parameters, dataset specs.
std::string usageText();
/// One command's usage lines (for `COMMAND --help`); for train also the run parameters.
std::string commandUsage(const CliCommand& command);
/// The run parameters' flags, meanings and ranges, a line each.
std::string runParamsText();

/// latentlab-cli(1) in roff (man(7)).
std::string cliManPage(const std::string& version);
/// A bash completion script for latentlab-cli.
std::string cliBashCompletion();

} // namespace latentlab::cli
