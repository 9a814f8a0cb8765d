#pragma once
// The parts of `salesops customer` kept in separate files.
#include <string>

#include "cli/commands.hpp"

namespace salesops::cli {

/// The customer with this id; fails (exit 2) with a "did you mean" otherwise.
const core::Customer& find_customer(Context& ctx, const core::Book& book, const std::string& id);
/// `customer show ID`: the card, as text.
void show_customer(Context& ctx, const std::string& id);
/// `customer add`, `edit`, `merge`, `log`, `survey` (✎).
Run setup_customer_add(CLI::App& app, Context& ctx);
Run setup_customer_edit(CLI::App& app, Context& ctx);
Run setup_customer_merge(CLI::App& app, Context& ctx);
Run setup_customer_log(CLI::App& app, Context& ctx);
Run setup_customer_survey(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
