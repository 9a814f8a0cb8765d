#pragma once
// The verbs of `salesops target` that write: set and split.
#include "cli/context.hpp"

namespace salesops::cli {

void setup_target_set(CLI::App& app, Context& ctx);
void setup_target_split(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
