#pragma once
// `review scorecard` (cmd_review_scorecard.cpp) and its html page (scorecard_html.cpp).
#include <ostream>

#include "cli/commands.hpp"
#include "core/reviews/scorecard.hpp"

namespace salesops::cli {

Run setup_review_scorecard(CLI::App& app, Context& ctx);

/// The scorecard as one self-contained html page: the page template of
/// templates/scorecard.html filled with a sortable table, the attainment bars and the
/// teams' trend lines as inline SVG. `title` heads the page.
void write_scorecard_html(std::ostream& out, const core::Scorecard& card, const core::Table& table,
                          const std::string& title, const std::string& generated);

}  // namespace salesops::cli
