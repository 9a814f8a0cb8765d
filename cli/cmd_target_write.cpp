// salesops target set and target split: targets written through the safe writer.
#include <fmt/format.h>

#include <array>
#include <map>

#include "cli/target_write.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"
#include "core/kpi/kpi.hpp"
#include "core/targets/split.hpp"
#include "core/targets/status.hpp"
#include "core/targets/targets.hpp"

namespace salesops::cli {

namespace {

using core::YamlEdit;
using core::YamlField;
using core::YamlPath;
using core::YamlValue;

struct SetOptions {
  std::string owner, metric, period, value, why, baseline, plan, id;
  bool replace = false;
};

struct SplitOptions {
  std::string target, to, by = "equal";
  std::vector<std::string> weights;
  bool replace = false, prorate = false;
};

std::string hint_for(std::string_view word, const std::vector<std::string>& candidates) {
  auto m = core::closest_match(word, candidates);
  return m ? fmt::format(" (did you mean '{}'?)", *m) : std::string{};
}

void require_owner(Context& ctx, const core::Book& book, const std::string& owner) {
  if (owner == "company" || book.person(owner) || book.team(owner)) return;
  std::vector<std::string> ids{"company"};
  for (auto& p : book.people) ids.push_back(book.str(p.id));
  for (auto& t : book.teams) ids.push_back(book.str(t.id));
  ctx.fail(kWriteRefused, fmt::format("unknown owner '{}'{}: a target's owner is a person, a team or company", owner,
                                      hint_for(owner, ids)));
}

core::KpiDef require_metric(Context& ctx, const core::Book& book, const std::string& metric) {
  if (auto kpi = core::find_kpi(book.config, metric)) return *kpi;
  std::vector<std::string> ids;
  for (auto& d : core::kpi_definitions(book.config)) ids.push_back(d.id);
  ctx.fail(kWriteRefused, fmt::format("unknown metric '{}'{}: `salesops kpi list` shows the KPIs", metric, hint_for(metric, ids)));
}

core::Money parse_amount(Context& ctx, const std::string& text, const char* what) {
  core::MoneyError error{};
  auto m = core::parse_money(text, &error);
  if (!m) ctx.fail(kUsage, fmt::format("{} '{}': {}", what, text, core::money_error_text(error)));
  return *m;
}

/// The file a target whose period ends in `p` belongs to.
std::string targets_file(const core::Period& p) {
  return fmt::format("targets/{}.yaml", static_cast<int>(std::chrono::year_month_day{p.last}.year()));
}

/// T-<period>-<owner>-<metric>, with -2, -3, ... when another record holds that id.
std::string target_id(const core::Book& book, const core::Period& p, std::string_view owner, std::string_view metric) {
  std::string id = fmt::format("T-{}-{}-{}", p.label, owner, metric);
  std::string candidate = id;
  for (int n = 2; book.target(candidate); ++n) candidate = fmt::format("{}-{}", id, n);
  return candidate;
}

YamlPath at_target(const core::Book& book, const core::Target& t) {
  return YamlPath{}.item_with_id(book.str(t.id));
}

std::string file_of(const core::Book& book, const core::Target& t) { return book.files[t.at.file]; }

void run_set(Context& ctx, const SetOptions& o) {
  const core::Book& book = ctx.book();
  require_owner(ctx, book, o.owner);
  core::KpiDef kpi = require_metric(ctx, book, o.metric);
  std::string error;
  auto period = core::parse_period(o.period, ctx.today(), book.config.calendar, &error);
  if (!period) ctx.fail(kUsage, error);
  core::Money value = parse_amount(ctx, o.value, "value");
  if (value.cents <= 0) ctx.fail(kWriteRefused, fmt::format("a target's value must be more than 0, not {}", o.value));
  if (kpi.unit == core::KpiUnit::count && value.cents % 100 != 0)
    ctx.fail(kWriteRefused, fmt::format("{} counts: its target is a whole number, not {}", kpi.id, o.value));
  std::optional<core::Money> baseline;
  if (!o.baseline.empty()) {
    baseline = parse_amount(ctx, o.baseline, "--baseline");
    if (baseline->cents < 0) ctx.fail(kWriteRefused, fmt::format("--baseline must not be negative, not {}", o.baseline));
  }
  if (!o.plan.empty() && !book.plan(o.plan)) ctx.fail(kWriteRefused, fmt::format("unknown plan '{}'", o.plan));

  if (const core::Target* old = core::find_target(book, o.owner, o.metric, *period, ctx.today())) {
    auto where = book.location(old->at);
    if (!o.replace)
      ctx.fail(kWriteRefused, fmt::format("{} already sets {} of {} for {} ({}:{}); --replace changes its value",
                                          book.text(old->id), o.metric, o.owner, period->label, where.file, where.line));
    std::vector<YamlEdit> edits{YamlEdit::set(at_target(book, *old).key("value"), YamlValue::literal(core::format_money_short(value)))};
    if (baseline) edits.push_back(YamlEdit::set(at_target(book, *old).key("baseline"), YamlValue::literal(core::format_money_short(*baseline)), "value"));
    if (!o.why.empty()) edits.push_back(YamlEdit::set(at_target(book, *old).key("why"), YamlValue::text(o.why)));
    if (!o.plan.empty()) edits.push_back(YamlEdit::set(at_target(book, *old).key("plan"), YamlValue::text(o.plan)));
    ctx.write({{file_of(book, *old), edits}},
              fmt::format("{} in {}: value {} (was {})", book.text(old->id), where.file, core::format_money_short(value),
                          core::format_money_short(old->value)));
    return;
  }
  std::string id = o.id.empty() ? target_id(book, *period, o.owner, o.metric) : o.id;
  if (book.target(id)) ctx.fail(kWriteRefused, fmt::format("the id {} is taken", id));
  std::vector<YamlField> fields = {{"id", YamlValue::text(id)},
                                   {"owner", YamlValue::text(o.owner)},
                                   {"metric", YamlValue::text(o.metric)},
                                   {"period", YamlValue::literal(period->label)},
                                   {"value", YamlValue::literal(core::format_money_short(value))}};
  if (baseline) fields.push_back({"baseline", YamlValue::literal(core::format_money_short(*baseline))});
  if (!o.why.empty()) fields.push_back({"why", YamlValue::text(o.why)});
  if (!o.plan.empty()) fields.push_back({"plan", YamlValue::text(o.plan)});
  std::string file = targets_file(*period);
  ctx.write({{file, {YamlEdit::append(YamlPath{}, YamlValue::map(std::move(fields)))}}},
            fmt::format("{} added to {}", id, file));
}

void run_split(Context& ctx, const SplitOptions& o) {
  auto to = core::parse_split_to(o.to);
  if (!to) ctx.fail(kUsage, fmt::format("unknown --to '{}': use people, teams, months or quarters", o.to));
  auto by = core::parse_split_by(o.by);
  if (!by) ctx.fail(kUsage, fmt::format("unknown --by '{}': use equal, weights, history or seasonal", o.by));
  core::SplitRequest request{nullptr, *to, *by, {}, o.prorate};
  std::string error;
  if (!core::parse_key_values(o.weights, &request.weights, &error)) ctx.fail(kUsage, "--weights: " + error);
  if ((*by == core::SplitBy::weights) != !request.weights.empty())
    ctx.fail(kUsage, "--weights goes with --by weights, and --by weights needs --weights");

  const core::Book& book = ctx.book();
  const core::Target* parent = book.target(o.target);
  if (!parent) {
    std::vector<std::string> ids;
    for (auto& t : book.targets) ids.push_back(book.str(t.id));
    ctx.fail(kWriteRefused, fmt::format("unknown target '{}'{}", o.target, hint_for(o.target, ids)));
  }
  request.parent = parent;
  core::SplitPlan plan = core::plan_split(book, ctx.today(), request);
  if (!plan.error.empty()) ctx.fail(kWriteRefused, fmt::format("cannot split {}: {}", o.target, plan.error));

  // Children written before: the targets naming this one as parent.
  std::vector<const core::Target*> old_children;
  for (const core::Target& t : book.targets)
    if (t.parent == parent->id) old_children.push_back(&t);
  if (!old_children.empty() && !o.replace)
    ctx.fail(kWriteRefused, fmt::format("{} already has {} ({}{}); --replace sets their values anew", o.target,
                                        old_children.size() == 1 ? "a child" : fmt::format("{} children", old_children.size()),
                                        book.text(old_children[0]->id), old_children.size() == 1 ? "" : ", ..."));

  std::string metric = book.str(parent->metric);
  std::string why = fmt::format("{} split of {}", o.by, o.target);
  auto kpi = core::find_kpi(book.config, metric);
  bool counts = kpi && kpi->unit == core::KpiUnit::count;
  auto shown = [counts](core::Money m) { return counts ? fmt::format("{}", m.cents / 100) : core::format_money_grouped(m); };
  std::map<std::string, std::vector<YamlEdit>> by_file;
  std::vector<const core::Target*> kept;
  std::vector<std::array<std::string, 3>> lines;  // id, value, share
  auto line = [&](std::string_view id, const core::SplitChild& c) {
    lines.push_back({std::string(id), shown(c.value), fmt::format("{:.2f}%", c.weight * 100)});
  };
  std::size_t skipped = 0;
  for (const core::SplitChild& c : plan.children) {
    const core::Target* old = core::find_target(book, c.owner, metric, c.period, ctx.today());
    if (old) {
      if (!o.replace)
        ctx.fail(kWriteRefused, fmt::format("{} already sets {} of {} for {}; --replace makes it a child of {}",
                                            book.text(old->id), metric, c.owner, c.period.label, o.target));
      kept.push_back(old);
      auto& edits = by_file[file_of(book, *old)];
      edits.push_back(YamlEdit::set(at_target(book, *old).key("value"), YamlValue::literal(core::format_money_short(c.value))));
      if (old->parent != parent->id) edits.push_back(YamlEdit::set(at_target(book, *old).key("parent"), YamlValue::text(o.target)));
      // A why this command wrote says how the value was made: it follows the new split.
      if (book.text(old->why).ends_with(" split of " + o.target) && book.text(old->why) != why)
        edits.push_back(YamlEdit::set(at_target(book, *old).key("why"), YamlValue::text(why)));
      line(book.text(old->id), c);
      continue;
    }
    if (c.value.cents == 0) {
      ++skipped;
      continue;
    }
    std::string id = target_id(book, c.period, c.owner, metric);
    std::vector<YamlField> fields = {{"id", YamlValue::text(id)},
                                     {"owner", YamlValue::text(c.owner)},
                                     {"metric", YamlValue::text(metric)},
                                     {"period", YamlValue::literal(c.period.label)},
                                     {"value", YamlValue::literal(core::format_money_short(c.value))},
                                     {"why", YamlValue::text(why)},
                                     {"parent", YamlValue::text(o.target)}};
    if (!parent->plan.empty()) fields.push_back({"plan", YamlValue::text(book.str(parent->plan))});
    by_file[targets_file(c.period)].push_back(YamlEdit::append(YamlPath{}, YamlValue::map(std::move(fields))));
    line(id, c);
  }
  for (const core::Target* t : old_children)
    if (std::find(kept.begin(), kept.end(), t) == kept.end())
      ctx.fail(kWriteRefused, fmt::format("{} is a child of {} that this split would not keep; remove it, or its parent "
                                          "key, by hand first", book.text(t->id), o.target));
  std::size_t id_width = 0, value_width = 0;
  for (auto& l : lines) id_width = std::max(id_width, l[0].size()), value_width = std::max(value_width, l[1].size());
  std::string report = fmt::format("{} ({}) split to {} by {}:", o.target, shown(parent->value), o.to, o.by);
  for (auto& l : lines) report += fmt::format("\n  {:<{}}  {:>{}}  {:>7}", l[0], id_width, l[1], value_width, l[2]);
  if (skipped) report += fmt::format("\n  ({} child{} with a share of 0 not written)", skipped, skipped == 1 ? "" : "ren");
  std::vector<core::FileEdit> edits;
  for (auto& [file, list] : by_file) edits.push_back({file, std::move(list)});
  ctx.write(edits, report);
}

}  // namespace

Run setup_target_set(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SetOptions>();
  app.add_option("owner", o->owner, "A person id, a team id or company")->required();
  app.add_option("metric", o->metric, "A KPI id (salesops kpi list)")->required();
  app.add_option("period", o->period, "A period expression: 2026, 2026-Q4, 2026-11, ...")->required();
  app.add_option("value", o->value, "The target value (money with at most two decimals, a count, or a rate such as 0.35)")->required();
  app.add_option("--why", o->why, "Why this target matters (relevance)");
  app.add_option("--baseline", o->baseline, "The comparable actual of the previous period");
  app.add_option("--plan", o->plan, "The plan this target belongs to");
  app.add_option("--id", o->id, "The new target's id (default T-<period>-<owner>-<metric>)");
  app.add_flag("--replace", o->replace, "Change the value of an existing target for the same owner, metric and period");
  return [&ctx, o] { run_set(ctx, *o); };
}

Run setup_target_split(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SplitOptions>();
  app.add_option("target", o->target, "The id of the target to split")->required();
  app.add_option("--to", o->to, "people, teams, months or quarters")->required();
  app.add_option("--by", o->by, "equal, weights, history or seasonal")->capture_default_str();
  app.add_option("--weights", o->weights, "Shares per child, summing to 1: zhang.wei=0.4,li.na=0.6 (with --by weights)");
  app.add_flag("--prorate", o->prorate, "Weight people by the days of the period they are active");
  app.add_flag("--replace", o->replace, "Set the values of children written before");
  return [&ctx, o] { run_split(ctx, *o); };
}

}  // namespace salesops::cli
