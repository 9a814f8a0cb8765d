// salesops deal: list, pipeline, funnel and forecast; add and move are in cmd_deal_write.cpp.
#include "cli/cmd_deal.hpp"

#include <fmt/format.h>

#include "cli/commands.hpp"
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
  ctx.emit(*table, o.query.closed_in ? o.query.closed_in->label : std::string{});
}

void run_pipeline(Context& ctx, const std::string& by_text) {
  core::PipelineBy by = core::PipelineBy::none;
  if (by_text == "owner" || by_text == "person")
    by = core::PipelineBy::owner;
  else if (by_text == "team")
    by = core::PipelineBy::team;
  else if (!by_text.empty())
    ctx.fail(kUsage, fmt::format("unknown --by '{}': use owner or team", by_text));
  const core::Book& book = ctx.book();
  core::Date as_of = ctx.today();
  std::string label = core::format_date(as_of);
  if (!ctx.options.period.empty()) {
    core::Period p = ctx.period("");
    as_of = p.last;
    label = p.label;
  }
  ctx.emit(core::pipeline_table(book, as_of, by), label);
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
      table.rows[r].push_back(std::string(funnel.stall == r ? "◀ stall: lowest conversion" : ""));
    if (funnel.stall && *funnel.stall < table.rows.size())
      for (std::size_t c = 0; c < table.columns.size(); ++c) table.set_tone(*funnel.stall, c, core::Tone::bad);
  }
  ctx.emit(table, period.label);
}

void run_forecast(Context& ctx) {
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("this-month");
  ctx.emit(core::forecast_table(book, period, ctx.today()), period.label);
}

}  // namespace

void setup_deal(CLI::App& app, Context& ctx) {
  app.require_subcommand(1);
  setup_deal_add(*app.add_subcommand("add", "Add a deal (✎)"), ctx);
  setup_deal_move(*app.add_subcommand("move", "Move a deal to a stage (✎): appends to its history"), ctx);

  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list = app.add_subcommand("list", "The deals, filtered and sorted");
  core::DealQuery& q = list_options->query;
  list->add_option("--owner", q.owner, "Only the deals of this person");
  list->add_option("--team", q.team, "Only the deals of the people of this team (and the teams under it)");
  list->add_option("--stage", q.stage, "Only the deals in this stage");
  list->add_option("--customer", q.customer, "Only the deals of this customer");
  list->add_option("--product", q.product, "Only the deals of this product");
  list->add_flag("--open", q.open_only, "Only open deals (not won or lost)");
  list->add_option("--closed-in", list_options->closed_in, "Only the deals won or lost in this period");
  list->add_option("--sort", q.sort, "Sort on a column (id, owner, amount, opened, ...); -COLUMN: decreasing")
      ->capture_default_str();
  list->callback([&ctx, list_options] {
    ctx.command = "deal list";
    run_list(ctx, *list_options);
  });

  auto by = std::make_shared<std::string>();
  CLI::App* pipeline = app.add_subcommand("pipeline", "Open deals per stage, as of today or a period's end");
  pipeline->add_option("--by", *by, "Rows per owner or team");
  pipeline->callback([&ctx, by] {
    ctx.command = "deal pipeline";
    run_pipeline(ctx, *by);
  });

  app.add_subcommand("funnel", "Per stage: deals entered, advanced, conversion, days spent")->callback([&ctx] {
    ctx.command = "deal funnel";
    run_funnel(ctx);
  });
  app.add_subcommand("forecast", "Per owner and team: won, weighted open deals, target, gap")->callback([&ctx] {
    ctx.command = "deal forecast";
    run_forecast(ctx);
  });
}

}  // namespace salesops::cli
