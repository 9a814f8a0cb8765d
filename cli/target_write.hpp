#pragma once
// The verbs of `salesops target` that write: set and split.
#include "cli/commands.hpp"

namespace salesops::cli {

Run setup_target_set(CLI::App& app, Context& ctx);
Run setup_target_split(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
