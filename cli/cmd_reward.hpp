#pragma once
// What the verbs of `salesops reward` share.
#include <string>

#include "cli/commands.hpp"
#include "core/book/book.hpp"

namespace salesops::cli {

/// The period reward commands read without --period: the quarter under way.
extern const char* const kRewardPeriodDefault;

/// The reward plan with this id, else exits 2 naming the closest id.
const core::RewardPlan* require_reward_plan(Context& ctx, const core::Book& book, const std::string& id);

/// The verbs statement, simulate and leaderboard (cmd_reward_statement.cpp) and grant
/// (cmd_reward_grant.cpp).
Run setup_reward_statement(CLI::App& app, Context& ctx);
Run setup_reward_simulate(CLI::App& app, Context& ctx);
Run setup_reward_leaderboard(CLI::App& app, Context& ctx);
Run setup_reward_grant(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
