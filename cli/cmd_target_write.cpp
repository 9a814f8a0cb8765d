// salesops target set and target split: targets written through the safe writer.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "cli/target_write.hpp"
#include "cli/write_change.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/targets/changes.hpp"

namespace salesops::cli {

namespace {

struct SetOptions {
  std::string owner, metric, period, value, why, baseline, plan, id;
  bool replace = false;
};

struct SplitOptions {
  std::string target, to, by = "equal";
  std::vector<std::string> weights;
  bool replace = false, prorate = false;
};

void run_set(Context& ctx, const SetOptions& o) {
  const core::Book& book = ctx.book();
  core::TargetSetChange set = core::target_set_change(
      book, {o.owner, o.metric, o.period, o.value, o.why, o.baseline, o.plan, o.id, o.replace}, ctx.today());
  const core::WriteChange& change = set.change;
  write_change(ctx, change,
               set.was ? fmt::format(N_("{} in {}: value {} (was {})"), change.id, change.file,
                                     core::format_money_short(set.value), core::format_money_short(*set.was))
                       : fmt::format(N_("{} added to {}"), change.id, change.file));
}

void run_split(Context& ctx, const SplitOptions& o) {
  auto to = core::parse_split_to(o.to);
  if (!to) ctx.fail(kUsage, fmt::format(N_("unknown --to '{}': use people, teams, months or quarters"), o.to));
  auto by = core::parse_split_by(o.by);
  if (!by) ctx.fail(kUsage, fmt::format(N_("unknown --by '{}': use equal, weights, history or seasonal"), o.by));
  core::SplitRequest request{nullptr, *to, *by, {}, o.prorate};
  std::string error;
  if (!core::parse_key_values(o.weights, &request.weights, &error)) ctx.fail(kUsage, "--weights: " + error);
  if ((*by == core::SplitBy::weights) != !request.weights.empty())
    ctx.fail(kUsage, N_("--weights goes with --by weights, and --by weights needs --weights"));

  const core::Book& book = ctx.book();
  core::TargetSplitChange split = core::target_split_change(book, ctx.today(), o.target, request, o.by, o.replace);
  if (split.change.refused) refuse(ctx, split.change);
  auto shown = [&](core::Money m) {
    return split.counts ? fmt::format("{}", m.cents / 100) : core::format_money_grouped(m);
  };
  std::vector<std::array<std::string, 3>> lines;  // id, value, share
  for (const core::SplitLine& l : split.lines)
    lines.push_back({l.id, shown(l.value), fmt::format("{:.2f}%", l.weight * 100)});
  std::size_t id_width = 0, value_width = 0;
  for (auto& l : lines) id_width = std::max(id_width, l[0].size()), value_width = std::max(value_width, l[1].size());
  std::string report = fmt::format(N_("{} ({}) split to {} by {}:"), o.target, shown(book.target(o.target)->value), o.to, o.by);
  for (auto& l : lines) report += fmt::format("\n  {:<{}}  {:>{}}  {:>7}", l[0], id_width, l[1], value_width, l[2]);
  if (split.skipped == 1)
    report += "\n  " + fmt::format(N_("({} child with a share of 0 not written: {})"), split.skipped,
                                   fmt::join(split.zero_shares, ", "));
  else if (split.skipped)
    report += "\n  " + fmt::format(N_("({} children with a share of 0 not written: {})"), split.skipped,
                                   fmt::join(split.zero_shares, ", "));
  write_change(ctx, split.change, report);
}

}  // namespace

Run setup_target_set(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SetOptions>();
  app.add_option("owner", o->owner, N_("A person id, a team id or company"))->required();
  app.add_option("metric", o->metric, N_("A KPI id (salesops kpi list)"))->required();
  app.add_option("period", o->period, N_("A period expression: 2026, 2026-Q4, 2026-11, ..."))->required();
  app.add_option("value", o->value, N_("The target value (money with at most two decimals, a count, or a rate such as 0.35)"))->required();
  app.add_option("--why", o->why, N_("Why this target matters (relevance)"));
  app.add_option("--baseline", o->baseline, N_("The comparable actual of the previous period"));
  app.add_option("--plan", o->plan, N_("The plan this target belongs to"));
  app.add_option("--id", o->id, N_("The new target's id (default T-<period>-<owner>-<metric>)"));
  app.add_flag("--replace", o->replace, N_("Change the value of an existing target for the same owner, metric and period"));
  return [&ctx, o] { run_set(ctx, *o); };
}

Run setup_target_split(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SplitOptions>();
  app.add_option("target", o->target, N_("The id of the target to split"))->required();
  app.add_option("--to", o->to, N_("people, teams, months or quarters"))->required();
  app.add_option("--by", o->by, N_("equal, weights, history or seasonal"))->capture_default_str();
  app.add_option("--weights", o->weights, N_("Shares per child, summing to 1: zhang.wei=0.4,li.na=0.6 (with --by weights)"));
  app.add_flag("--prorate", o->prorate, N_("Weight people by the days of the period they are active"));
  app.add_flag("--replace", o->replace, N_("Set the values of children written before"));
  return [&ctx, o] { run_split(ctx, *o); };
}

}  // namespace salesops::cli
