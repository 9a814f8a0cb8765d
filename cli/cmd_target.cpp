// salesops target: list, set, split, status and check (SMART flags) of targets.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "cli/target_write.hpp"
#include "core/base/i18n.hpp"
#include "core/targets/check.hpp"
#include "core/targets/status.hpp"
#include "core/targets/targets.hpp"

namespace salesops::cli {

namespace {

/// --owner, --team and --metric: which targets a listing shows.
struct FilterOptions {
  std::string owner, team, metric;
};

/// The owner the core filter takes: --owner, else --team (a team's targets and its people's).
std::string owner_filter(Context& ctx, const core::Book& book, const FilterOptions& o) {
  if (!o.team.empty()) require_team(ctx, book, o.team, "--team");
  return o.owner.empty() ? o.team : o.owner;
}

/// With both --owner and --team, the rows of the targets inside the team.
void keep_team_rows(Context& ctx, const core::Book& book, core::Table& table, const FilterOptions& o) {
  if (!o.owner.empty() && !o.team.empty()) keep_filtered_rows(ctx, book, table, {"", o.team}, "owner");
}

struct StatusOptions : FilterOptions {
  bool all = false, at_risk = false;
};

void require_owner(Context& ctx, const core::Book& book, const std::string& owner) {
  if (owner.empty() || owner == "company" || book.person(owner) || book.team(owner)) return;
  ctx.fail(kUsage, fmt::format(N_("unknown owner '{}': give a person id, a team id or company"), owner));
}

void require_metric(Context& ctx, const core::Book& book, const std::string& metric) {
  if (metric.empty() || core::is_known_kpi(book.config, metric)) return;
  ctx.fail(kUsage, fmt::format(N_("unknown metric '{}': `salesops kpi list` shows the KPIs"), metric));
}

/// `target list` and `target check`: a table of the targets inside --period.
void run_listing(Context& ctx, const FilterOptions& o, core::Table (*table)(const core::Book&, core::Date, const core::TargetListFilter&)) {
  const core::Book& book = ctx.book();
  require_owner(ctx, book, o.owner);
  require_metric(ctx, book, o.metric);
  core::TargetListFilter f{owner_filter(ctx, book, o), o.metric, {}};
  if (!ctx.options.period.empty()) f.period = ctx.period("");
  core::Table rows = table(book, ctx.today(), f);
  keep_team_rows(ctx, book, rows, o);
  // A terminal's compact view of the check: each target's problems; the flags are details.
  rows.mark_detail({"specific", "measurable", "achievable", "relevant", "time_bound"});
  if (f.period)
    return ctx.emit_report(rows, ctx.command == "target check" ? N_("Target checks for {}") : N_("Targets for {}"),
                           *f.period);
  ctx.emit(rows);
}

void run_status(Context& ctx, const StatusOptions& o) {
  const core::Book& book = ctx.book();
  require_owner(ctx, book, o.owner);
  require_metric(ctx, book, o.metric);
  core::TargetFilter f;
  f.owner = owner_filter(ctx, book, o);
  f.metric = o.metric;
  f.inside = o.all;
  f.at_risk = o.at_risk;
  if (!ctx.options.period.empty()) f.period = ctx.period("");
  core::Table status = core::target_status_table(book, core::target_statuses(book, ctx.today(), f));
  // A terminal's compact view: the id (which names owner, metric and period), the figures, the status.
  status.mark_detail({"owner", "metric", "period", "pace", "coverage", "run_rate_forecast", "pipeline_forecast"});
  keep_team_rows(ctx, book, status, o);
  if (f.period) return ctx.emit_report(status, N_("Target status for {}"), *f.period);
  ctx.emit(status);
}

void add_filters(CLI::App& app, FilterOptions& o) {
  app.add_option("--owner", o.owner, N_("A person, a team (with its sub-teams and members) or company"));
  app.add_option("--team", o.team, N_("A team: its targets, its sub-teams' and its people's"));
  app.add_option("--metric", o.metric, N_("One KPI id"));
}

Run setup_target_list(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<FilterOptions>();
  add_filters(app, *o);
  return [&ctx, o] { run_listing(ctx, *o, core::target_list_table); };
}

Run setup_target_status(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<StatusOptions>();
  add_filters(app, *o);
  app.add_flag("--all", o->all, N_("With --period: also the targets whose period lies inside it"));
  app.add_flag("--at-risk", o->at_risk, N_("Only cautioned and off-track targets"));
  return [&ctx, o] { run_status(ctx, *o); };
}

Run setup_target_check(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<FilterOptions>();
  add_filters(app, *o);
  return [&ctx, o] { run_listing(ctx, *o, core::target_check_table); };
}

constexpr Command kTargetCommands[] = {
    {"list", N_("Targets as a tree: children under their parent"), kReadsAtRevision, setup_target_list},
    {"status", N_("Attainment, pace, status, coverage and forecasts per target"), kReadsAtRevision, setup_target_status},
    {"check", N_("SMART flags and consistency of each target"), kReadsAtRevision, setup_target_check},
    {"set", N_("Set a target (appends to targets/<YYYY>.yaml)"), kWritesBook, setup_target_set},
    {"split", N_("Split a target to people, teams, months or quarters"), kWritesBook, setup_target_split},
};

}  // namespace

std::span<const Command> target_commands() { return kTargetCommands; }

}  // namespace salesops::cli
