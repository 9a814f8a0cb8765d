#pragma once
// The verbs of `salesops deal` that write (cmd_deal_write.cpp), declared for setup_deal.
#include "cli/commands.hpp"

namespace salesops::cli {

Run setup_deal_add(CLI::App& app, Context& ctx);
Run setup_deal_move(CLI::App& app, Context& ctx);
Run setup_deal_edit(CLI::App& app, Context& ctx);
Run setup_deal_disqualify(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
