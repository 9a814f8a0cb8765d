// salesops trend targets: how every target's value changed after its period began, by
// whom, whether approved, with the cuts made during the period flagged.
#include <fmt/format.h>

#include <map>

#include "cli/commands.hpp"
#include "cli/trend.hpp"
#include "core/base/i18n.hpp"
#include "core/trend/targets.hpp"

namespace salesops::cli {

namespace {

double figure(core::Money m) { return static_cast<double>(m.cents) / 100.0; }

void run_targets(Context& ctx, const TrendOptions& o) {
  Trend trend = start_trend(ctx, o);
  std::string error;
  std::vector<core::TargetChange> all = core::target_changes(ctx.book_root(), trend.tip, &error);
  if (!error.empty()) ctx.fail(kBookUnreadable, error);

  core::Table t;
  t.add_column(N_("date"), core::ColumnType::date);
  t.add_column(N_("commit"));
  t.add_column(N_("author"));
  t.add_column(N_("target"));
  t.add_column(N_("owner"));
  t.add_column(N_("metric"));
  t.add_column(N_("target_period"), core::ColumnType::period);
  t.add_column(N_("before"), core::ColumnType::money);
  t.add_column(N_("after"), core::ColumnType::money);
  t.add_column(N_("change"), core::ColumnType::money);
  t.add_column(N_("cut"));
  t.add_column(N_("approved"));
  t.add_column(N_("approved_by"));
  t.mark_detail({"commit", "metric", "approved_by"});
  // Each changed target's line: its value at each point of its period that the report
  // covers, from its changes (the value before the first, then after each).
  std::map<std::string, std::vector<const core::TargetChange*>> by_target;
  std::vector<std::string> order;
  for (const core::TargetChange& c : all) {
    auto& list = by_target[c.target];
    if (list.empty()) order.push_back(c.target);
    list.push_back(&c);
    if (!trend.period.contains(c.date)) continue;
    auto& row = t.add_row();
    row[0] = c.date;
    row[1] = ctx.commit_id(c.commit);
    row[2] = c.author;
    row[3] = c.target;
    row[4] = c.owner;
    row[5] = c.metric;
    row[6] = core::PeriodCell{c.period, c.period_first, c.period_last};
    row[7] = c.before;
    row[8] = c.after ? core::Cell{*c.after} : core::Cell{core::Undefined{}};
    row[9] = core::Money{(c.after ? c.after->cents : 0) - c.before.cents};
    row[10] = c.cut ? std::string(N_("cut")) : std::string();
    row[11] = std::string(c.approved ? N_("yes") : N_("no"));
    std::string who;
    for (const std::string& a : c.approvers) who += (who.empty() ? "" : ", ") + a;
    row[12] = who;
    if (c.cut) t.set_tone(t.rows.size() - 1, 10, core::Tone::bad);
    if (!c.approved) t.set_tone(t.rows.size() - 1, 11, core::Tone::warn);
  }
  std::vector<TrendChart> charts;
  if (ctx.format() == Format::html)
    for (const std::string& id : order) {
      const auto& changes = by_target[id];
      bool shown = false;
      for (const core::TargetChange* c : changes) shown = shown || trend.period.contains(c->date);
      if (!shown) continue;
      TrendSeries line{id, {}};
      for (const core::TrendPoint& p : trend.points) {
        std::optional<double> v;
        const core::TargetChange& first = *changes.front();
        if (p.day >= first.period_first && p.unit.first <= first.period_last) {
          v = figure(first.before);
          for (const core::TargetChange* c : changes)
            if (c->date <= p.day) v = c->after ? std::optional<double>(figure(*c->after)) : std::nullopt;
        }
        line.values.push_back(v);
      }
      charts.push_back({id, changes.front()->metric, {std::move(line)}});
    }
  emit_trend(ctx, trend, t, N_("Target changes for {}"), charts);
}

}  // namespace

Run setup_trend_targets(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TrendOptions>();
  add_trend_options(app, *o, false);
  return [&ctx, o] { run_targets(ctx, *o); };
}

}  // namespace salesops::cli
