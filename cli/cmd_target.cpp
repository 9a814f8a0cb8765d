// salesops target: list, set, split, status and check (SMART flags) of targets.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/target_write.hpp"
#include "core/targets/check.hpp"
#include "core/targets/status.hpp"
#include "core/targets/targets.hpp"

namespace salesops::cli {

namespace {

struct ReadOptions {
  std::string owner, metric;
  bool all = false, at_risk = false;
};

void require_owner(Context& ctx, const core::Book& book, const std::string& owner) {
  if (owner.empty() || owner == "company" || book.person(owner) || book.team(owner)) return;
  ctx.fail(kUsage, fmt::format("unknown owner '{}': give a person id, a team id or company", owner));
}

void require_metric(Context& ctx, const core::Book& book, const std::string& metric) {
  if (metric.empty() || core::is_known_kpi(book.config, metric)) return;
  ctx.fail(kUsage, fmt::format("unknown metric '{}': `salesops kpi list` shows the KPIs", metric));
}

/// `target list` and `target check`: a table of the targets inside --period.
void run_listing(Context& ctx, const ReadOptions& o, core::Table (*table)(const core::Book&, core::Date, const core::TargetListFilter&)) {
  const core::Book& book = ctx.book();
  require_owner(ctx, book, o.owner);
  require_metric(ctx, book, o.metric);
  core::TargetListFilter f{o.owner, o.metric, {}};
  if (!ctx.options.period.empty()) f.period = ctx.period("");
  ctx.emit(table(book, ctx.today(), f), f.period ? f.period->label : "");
}

void run_status(Context& ctx, const ReadOptions& o) {
  const core::Book& book = ctx.book();
  require_owner(ctx, book, o.owner);
  require_metric(ctx, book, o.metric);
  core::TargetFilter f;
  f.owner = o.owner;
  f.metric = o.metric;
  f.inside = o.all;
  f.at_risk = o.at_risk;
  if (!ctx.options.period.empty()) f.period = ctx.period("");
  ctx.emit(core::target_status_table(book, core::target_statuses(book, ctx.today(), f)), f.period ? f.period->label : "");
}

}  // namespace

void setup_target(CLI::App& app, Context& ctx) {
  app.require_subcommand(1);
  auto o = std::make_shared<ReadOptions>();
  auto add_filters = [&](CLI::App* sub) {
    sub->add_option("--owner", o->owner, "A person, a team (with its sub-teams and members) or company");
    sub->add_option("--metric", o->metric, "One KPI id");
  };
  CLI::App* list = app.add_subcommand("list", "Targets as a tree: children under their parent");
  add_filters(list);
  list->callback([&ctx, o] { ctx.command = "target list"; run_listing(ctx, *o, core::target_list_table); });

  CLI::App* status = app.add_subcommand("status", "Attainment, pace, status, coverage and forecasts per target");
  add_filters(status);
  status->add_flag("--all", o->all, "With --period: also the targets whose period lies inside it");
  status->add_flag("--at-risk", o->at_risk, "Only cautioned and off-track targets");
  status->callback([&ctx, o] { ctx.command = "target status"; run_status(ctx, *o); });

  CLI::App* check = app.add_subcommand("check", "SMART flags and consistency of each target");
  add_filters(check);
  check->callback([&ctx, o] { ctx.command = "target check"; run_listing(ctx, *o, core::target_check_table); });

  setup_target_set(*app.add_subcommand("set", "Set a target (appends to targets/<YYYY>.yaml)"), ctx);
  setup_target_split(*app.add_subcommand("split", "Split a target to people, teams, months or quarters"), ctx);
}

}  // namespace salesops::cli
