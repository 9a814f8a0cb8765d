#pragma once
// The command table: every command and subcommand, what it needs and how it is declared.
#include <functional>
#include <span>

#include "cli/context.hpp"

namespace salesops::cli {

/// Runs a command once the whole command line is parsed.
using Run = std::function<void()>;

/// A row of the command table: what `--help` says of the command, what it needs (Need
/// flags), how it declares its options, and its own subcommands. The dispatcher (app.cpp)
/// names the running command, declares --dry-run on writers and refuses them under --at, so
/// that no command does it itself.
struct Command {
  const char* name;
  const char* summary;
  unsigned needs;
  /// Declares the command's options on `app` and returns what runs it; null for a command
  /// that only groups its subcommands (one of them is then required).
  Run (*setup)(CLI::App& app, Context& ctx);
  /// The table of its subcommands, in the order `--help` lists them; null for none.
  std::span<const Command> (*subcommands)() = nullptr;
};

/// The commands, in the order `salesops --help` lists them.
std::span<const Command> commands();

Run setup_init(CLI::App& app, Context& ctx);
Run setup_check(CLI::App& app, Context& ctx);
Run setup_kpi(CLI::App& app, Context& ctx);
Run setup_import(CLI::App& app, Context& ctx);
Run setup_diff(CLI::App& app, Context& ctx);
Run setup_log(CLI::App& app, Context& ctx);
Run setup_export(CLI::App& app, Context& ctx);
Run setup_approve(CLI::App& app, Context& ctx);
Run setup_merge_file(CLI::App& app, Context& ctx);
Run setup_reassign(CLI::App& app, Context& ctx);

/// The subcommands of each command that has them, each table in its command's file.
std::span<const Command> kpi_commands();
std::span<const Command> target_commands();
std::span<const Command> customer_commands();
std::span<const Command> deal_commands();
std::span<const Command> plan_commands();
std::span<const Command> review_commands();
std::span<const Command> coach_commands();
std::span<const Command> reward_commands();
std::span<const Command> trend_commands();

}  // namespace salesops::cli
