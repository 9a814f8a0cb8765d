#pragma once
// Every subcommand's setup function, and the one table that registers them.
#include <span>

#include "cli/context.hpp"

namespace salesops::cli {

void setup_init(CLI::App& app, Context& ctx);
void setup_check(CLI::App& app, Context& ctx);
void setup_kpi(CLI::App& app, Context& ctx);
void setup_customer(CLI::App& app, Context& ctx);
void setup_import(CLI::App& app, Context& ctx);
void setup_plan(CLI::App& app, Context& ctx);
void setup_coach(CLI::App& app, Context& ctx);
void setup_review(CLI::App& app, Context& ctx);
void setup_target(CLI::App& app, Context& ctx);
void setup_deal(CLI::App& app, Context& ctx);
void setup_diff(CLI::App& app, Context& ctx);
void setup_log(CLI::App& app, Context& ctx);
void setup_reward(CLI::App& app, Context& ctx);

/// The command table, in the order `salesops --help` lists them.
std::span<const Command> commands();

}  // namespace salesops::cli
