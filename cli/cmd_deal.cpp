// salesops deal: list, pipeline, funnel and forecast; add and move are in cmd_deal_write.cpp.
#include "cli/cmd_deal.hpp"

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "core/base/i18n.hpp"
#include "core/deals/deals.hpp"
#include "core/deals/funnel.hpp"
#include "core/deals/pipeline.hpp"

namespace salesops::cli {

namespace {

struct ListOptions {
  core::DealQuery query;
  std::string closed_in;
};

void run_list(Context& ctx, ListOptions& o) {
  const core::Book& book = ctx.book();
  if (!o.closed_in.empty()) {
    std::string error;
    o.query.closed_in = core::parse_period(o.closed_in, ctx.today(), book.config.calendar, &error);
    if (!o.query.closed_in) ctx.fail(kUsage, "--closed-in: " + error);
  }
  std::string error;
  auto table = core::deal_list_table(book, o.query, &error);
  if (!table) ctx.fail(kUsage, error);
  table->mark_detail({"product", "opened", "closed"});  // left out of a terminal's compact view
  if (o.query.closed_in) return ctx.emit_report(*table, N_("Deals closed for {}"), *o.query.closed_in);
  ctx.emit(*table);
}

void run_pipeline(Context& ctx, const std::string& by_text, const PeopleFilter& people) {
  core::PipelineBy by = core::PipelineBy::none;
  if (by_text == "owner" || by_text == "person")
    by = core::PipelineBy::owner;
  else if (by_text == "team")
    by = core::PipelineBy::team;
  else if (!by_text.empty())
    ctx.fail(kUsage, fmt::format(N_("unknown --by '{}': use owner or team"), by_text));
  // Whose deals: rows per owner (or team) narrowed to them.
  if (by == core::PipelineBy::none && (!people.owner.empty() || !people.team.empty())) by = core::PipelineBy::owner;
  const core::Book& book = ctx.book();
  core::Date as_of = ctx.today();
  std::string label = core::format_date(as_of);
  if (!ctx.options.period.empty()) {
    core::Period p = ctx.period("");
    as_of = p.last;
    label = p.label;
  }
  core::Table table = core::pipeline_table(book, as_of, by);
  keep_filtered_rows(ctx, book, table, people, "owner");
  std::string title = core::format_translated(N_("Open pipeline as of {}"), core::format_date(as_of));
  ctx.emit(table, label, ctx.with_revision(std::move(title)));
}

void run_funnel(Context& ctx) {
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("this-month");
  core::Funnel funnel = core::deal_funnel(book, period, ctx.today());
  core::Table table = core::funnel_table(book, funnel);
  // People read the table: the stalling stage gets a marker there. Machine formats keep the
  // columns of SPEC 6.
  Format format = ctx.format();
  if (format == Format::table || format == Format::md) {
    table.add_column("note");
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      table.rows[r].push_back(std::string(funnel.stall == r ? N_("◀ stall: lowest conversion") : ""));
    if (funnel.stall && *funnel.stall < table.rows.size())
      for (std::size_t c = 0; c < table.columns.size(); ++c) table.set_tone(*funnel.stall, c, core::Tone::bad);
  }
  ctx.emit_report(table, N_("Funnel for {}"), period);
}

void run_forecast(Context& ctx, const PeopleFilter& people) {
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("this-month");
  core::Table table = core::forecast_table(book, period, ctx.today());
  keep_filtered_rows(ctx, book, table, people, "owner");
  ctx.emit_report(table, N_("Forecast for {}"), period);
}

Run setup_deal_list(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ListOptions>();
  core::DealQuery& q = o->query;
  app.add_option("--owner", q.owner, N_("Only the deals of this person"));
  app.add_option("--team", q.team, N_("Only the deals of the people of this team (and the teams under it)"));
  app.add_option("--stage", q.stage, N_("Only the deals in this stage"));
  app.add_option("--customer", q.customer, N_("Only the deals of this customer"));
  app.add_option("--product", q.product, N_("Only the deals of this product"));
  app.add_flag("--open", q.open_only, N_("Only open deals (not won or lost)"));
  app.add_option("--closed-in", o->closed_in, N_("Only the deals won or lost in this period"));
  app.add_option("--sort", q.sort, N_("Sort on a column (id, owner, amount, opened, ...); -COLUMN: decreasing"))
      ->capture_default_str();
  return [&ctx, o] { run_list(ctx, *o); };
}

Run setup_deal_pipeline(CLI::App& app, Context& ctx) {
  auto by = std::make_shared<std::string>();
  auto people = std::make_shared<PeopleFilter>();
  app.add_option("--by", *by, N_("Rows per owner or team"));
  add_people_filter(app, *people);
  return [&ctx, by, people] { run_pipeline(ctx, *by, *people); };
}

Run setup_deal_funnel(CLI::App&, Context& ctx) {
  return [&ctx] { run_funnel(ctx); };
}

Run setup_deal_forecast(CLI::App& app, Context& ctx) {
  auto people = std::make_shared<PeopleFilter>();
  add_people_filter(app, *people);
  return [&ctx, people] { run_forecast(ctx, *people); };
}

constexpr Command kDealCommands[] = {
    {"add", N_("Add a deal (✎)"), kWritesBook, setup_deal_add},
    {"move", N_("Move a deal to a stage (✎): appends to its history"), kWritesBook, setup_deal_move},
    {"edit", N_("Change a deal's amount, owner, customer, ... in place (✎)"), kWritesBook, setup_deal_edit},
    {"disqualify", N_("Close a junk lead as lost, disqualified: in no revenue or win rate (✎)"), kWritesBook,
     setup_deal_disqualify},
    {"list", N_("The deals, filtered and sorted"), kReadsAtRevision, setup_deal_list},
    {"pipeline", N_("Open deals per stage, as of today or a period's end"), kReadsAtRevision, setup_deal_pipeline},
    {"funnel", N_("Per stage: deals entered, advanced, conversion, days spent"), kReadsAtRevision, setup_deal_funnel},
    {"forecast", N_("Per owner and team: won, weighted open deals, target, gap"), kReadsAtRevision, setup_deal_forecast},
};

}  // namespace

std::span<const Command> deal_commands() { return kDealCommands; }

}  // namespace salesops::cli
