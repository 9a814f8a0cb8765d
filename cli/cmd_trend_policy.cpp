// salesops trend policy: the findings of each supervision rule at each point, overall or per
// responsible manager: is the system being followed better or worse?
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.hpp"
#include "cli/trend.hpp"
#include "core/base/i18n.hpp"
#include "core/trend/policy.hpp"

namespace salesops::cli {

namespace {

void run_policy(Context& ctx, const TrendOptions& o) {
  // No rule counted looks at deals: the largest folder of a book is left unread.
  Trend trend = start_trend(ctx, o, {"deals/"});
  const bool by = o.by == "owner";
  auto rules = core::trend_policy_rules();
  // Each point's counts, and every manager met at any point (in the order first met), so
  // that each manager has a row at every point and a line across the whole chart.
  std::vector<std::optional<core::PolicyCounts>> at(trend.points.size());
  std::vector<std::string> managers;
  for (std::size_t i = 0; i < trend.points.size(); ++i) {
    const core::Book* book = trend_book(ctx, trend, trend.points[i]);
    if (!book) continue;
    at[i] = core::policy_counts(*book, trend.points[i].day, by);
    for (const core::PolicyCount& c : at[i]->entries)
      if (std::find(managers.begin(), managers.end(), c.manager) == managers.end()) managers.push_back(c.manager);
  }
  // Findings no manager answers for come last.
  std::stable_partition(managers.begin(), managers.end(), [](const std::string& m) { return !m.empty(); });
  if (!by) managers = {""};

  core::Table t;
  add_point_columns(t);
  if (by) t.add_column(N_("manager"));
  const std::size_t first = t.columns.size();
  for (const core::TrendRule& r : rules) t.add_column(r.column, core::ColumnType::integer);
  t.add_column(N_("total"), core::ColumnType::integer);
  t.mark_detail({"day", "commit_date"});

  std::vector<TrendChart> charts;
  for (const core::TrendRule& r : rules) {
    TrendChart chart{r.column, "count", {}};
    for (const std::string& m : managers)
      chart.series.push_back({by ? (m.empty() ? std::string(N_("no manager")) : m) : std::string(N_("all")), {}});
    charts.push_back(std::move(chart));
  }
  charts.push_back({N_("total"), "count", {}});
  for (const std::string& m : managers)
    charts.back().series.push_back({by ? (m.empty() ? std::string(N_("no manager")) : m) : std::string(N_("all")), {}});

  for (std::size_t i = 0; i < trend.points.size(); ++i)
    for (std::size_t k = 0; k < managers.size(); ++k) {
      auto& row = t.add_row();
      fill_point_cells(ctx, row, trend.points[i]);
      if (by) row[kPointColumns] = managers[k].empty() ? core::Cell{core::Undefined{}} : core::Cell{managers[k]};
      std::vector<std::optional<std::int64_t>> counts(rules.size());
      if (at[i]) {
        counts = at[i]->none();
        for (const core::PolicyCount& c : at[i]->entries)
          if (c.manager == managers[k]) counts = c.counts;
      }
      std::optional<std::int64_t> total;
      for (std::size_t r = 0; r < rules.size(); ++r) {
        std::optional<std::int64_t> n = counts[r];
        row[first + r] = n ? core::Cell{*n} : core::Cell{core::Undefined{}};
        if (n) total = total.value_or(0) + *n;
        charts[r].series[k].values.push_back(n ? std::optional<double>(static_cast<double>(*n)) : std::nullopt);
      }
      row[first + rules.size()] = total ? core::Cell{*total} : core::Cell{core::Undefined{}};
      charts.back().series[k].values.push_back(total ? std::optional<double>(static_cast<double>(*total)) : std::nullopt);
    }
  emit_trend(ctx, trend, t, by ? N_("Policy findings per manager for {}") : N_("Policy findings for {}"), charts);
}

}  // namespace

Run setup_trend_policy(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TrendOptions>();
  add_trend_options(app, *o, true);
  return [&ctx, o] { run_policy(ctx, *o); };
}

}  // namespace salesops::cli
