#pragma once
// The verbs of `salesops deal` that write (cmd_deal_write.cpp), declared for setup_deal.
#include "cli/context.hpp"

namespace salesops::cli {

void setup_deal_add(CLI::App& app, Context& ctx);
void setup_deal_move(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
