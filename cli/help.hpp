#pragma once
// `salesops help [COMMAND [SUBCOMMAND]]`, and the words of a command line that name no
// command: said with the closest command's name instead of CLI11's "A subcommand is required".
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "cli/commands.hpp"

namespace salesops::cli {

/// When the command line's command (or, for a command that only groups subcommands, its
/// subcommand) is unknown or missing: the message of the usage error, with "did you mean".
std::optional<std::string> command_word_error(const CLI::App& root, int argc, char** argv);

/// The command and subcommand the command line names ("target set", "kpi", or "").
std::string command_path(const CLI::App& root, int argc, char** argv);

/// `salesops help WORDS...`: the help of the command WORDS name (the whole program's when
/// there are none) printed to stdout. False, with `error` set, when they name none.
bool print_help(const CLI::App& root, const std::vector<std::string>& words, std::string* error);

/// The footer of each command's --help: the global options every command takes.
std::string global_options_footer();

}  // namespace salesops::cli
