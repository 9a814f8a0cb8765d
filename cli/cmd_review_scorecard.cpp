// salesops review scorecard: the monthly or quarterly scorecard in every format, html too.
#include <fmt/format.h>

#include "cli/cmd_review.hpp"
#include "cli/render.hpp"
#include "cli/sections.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

/// In table and md the change reads ▲ 12,345.00 or ▼ 3,000.00, padded to one width so
/// the column stays right-aligned; machine formats keep the signed number.
void arrows(core::Table& t, std::size_t column) {
  std::size_t width = 0;
  std::vector<std::string> texts(t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    core::Cell& c = t.rows[i][column];
    if (std::holds_alternative<core::Undefined>(c)) continue;
    std::string shown = display_text(c);
    bool down = !shown.empty() && shown.front() == '-';
    bool zero = shown.find_first_not_of("-0.,") == std::string::npos;
    if (down) shown.erase(0, 1);
    texts[i] = zero ? "= " + shown : (down ? "▼ " : "▲ ") + shown;
    width = std::max(width, display_width(texts[i]));
  }
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    if (texts[i].empty()) continue;
    t.rows[i][column] = std::string(width - display_width(texts[i]), ' ') + texts[i];
  }
}

void run_scorecard(Context& ctx, const std::string& team, const std::string& owner) {
  const core::Book& book = ctx.book();
  core::ScorecardQuery q;
  q.today = ctx.today();
  q.period = ctx.period("last-month");
  if (!team.empty()) {
    require_team(ctx, book, team, "--team");
    if (team != "company") q.team = team;
  }
  core::Scorecard card = core::build_scorecard(book, q);
  core::Table table = core::scorecard_table(card, book.config);
  keep_filtered_rows(ctx, book, table, {owner, ""}, "owner");
  // A terminal's compact view: who, the first metric against its target, the score and the rank.
  const std::string& first = card.metrics.front();
  for (core::Column& c : table.columns)
    c.detail = !(c.id == "owner" || c.id == "name" || c.id == first || c.id == first + "_attainment" ||
                 c.id == "score" || c.id == "rating" || c.id == "rank");
  Format format = ctx.format();
  if (format == Format::html) {
    std::string title = core::format_translated(
        N_("Scorecard {} — {}"), q.period.label,
        q.team.empty() ? (book.config.org_name.empty() ? core::tr(N_("company")) : book.config.org_name)
                       : book.str(book.team(q.team)->name));
    std::string generated = core::format_translated(N_("{} to {}, compared with {}; computed on {}"),
                                                    core::format_date(q.period.first), core::format_date(q.period.last),
                                                    card.previous.label, core::format_date(q.today));
    ctx.output([&](std::ostream& out, bool) { write_scorecard_html(out, card, table, title, generated); });
    return;
  }
  if (format == Format::table || format == Format::md) arrows(table, table.columns.size() - 2);  // <metric>_change
  ctx.emit_report(table, N_("Scorecard for {}"), q.period);
}

}  // namespace

Run setup_review_scorecard(CLI::App& app, Context& ctx) {
  auto team = std::make_shared<std::string>();
  auto owner = std::make_shared<std::string>();
  app.add_option("--team", *team, N_("Only this team and the teams under it"));
  app.add_option("--owner", *owner, N_("Only this person's row, or a team's people's"));
  return [&ctx, team, owner] { run_scorecard(ctx, *team, *owner); };
}

}  // namespace salesops::cli
