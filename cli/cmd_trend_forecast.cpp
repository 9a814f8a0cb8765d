// salesops trend forecast: what the run-rate and pipeline forecasts of a period's revenue
// targets said at each point before its end, against what the period finally was.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/trend.hpp"
#include "core/base/i18n.hpp"
#include "core/trend/forecast.hpp"

namespace salesops::cli {

namespace {

std::optional<double> number(const core::Cell& c) {
  if (auto m = std::get_if<core::Money>(&c)) return static_cast<double>(m->cents) / 100.0;
  return std::nullopt;
}

/// One chart per target: both forecasts at each point, and the final actual.
std::vector<TrendChart> forecast_charts(const Trend& trend, const std::vector<core::TargetForecast>& rows) {
  std::vector<TrendChart> charts;
  for (const core::TargetForecast& r : rows) {
    auto it = std::find_if(charts.begin(), charts.end(), [&](const TrendChart& c) { return c.title == r.target; });
    if (it == charts.end()) {
      std::size_t n = trend.points.size();
      charts.push_back({r.target, "money", {{N_("run_rate_forecast"), std::vector<std::optional<double>>(n)},
                                            {N_("pipeline_forecast"), std::vector<std::optional<double>>(n)},
                                            {N_("actual"), std::vector<std::optional<double>>(n, number(r.actual))}}});
      it = charts.end() - 1;
    }
    it->series[0].values[r.point] = number(r.run_rate);
    it->series[1].values[r.point] = number(r.pipeline);
  }
  return charts;
}

void run_forecast(Context& ctx, const TrendOptions& o) {
  Trend trend = start_trend(ctx, o);
  // The points before the period's end: at its end there is nothing left to forecast.
  std::erase_if(trend.points, [&](const core::TrendPoint& p) { return p.day >= trend.period.last; });
  std::vector<core::BookAtPoint> books;
  for (const core::TrendPoint& p : trend.points) books.push_back({p.day, trend_book(ctx, trend, p)});
  const core::Book& book = trend_tip_book(ctx, trend);
  std::vector<core::TargetForecast> rows = core::forecast_history(books, book, ctx.today(), trend.period);
  if (ctx.today() < trend.period.last && !ctx.options.quiet)
    std::cerr << core::tr(fmt::format(N_("note: {} has not ended: the actual is what it holds so far"),
                                      trend.period.label))
              << '\n';
  if (o.by == "owner")
    return emit_trend(ctx, trend, core::forecast_bias_table(book, rows), N_("Forecast bias for {}"), forecast_charts(trend, rows));
  core::Table figures = core::forecast_points_table(rows);
  core::Table t;
  add_point_columns(t);
  for (const core::Column& c : figures.columns) t.columns.push_back(c);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& row = t.add_row();
    fill_point_cells(ctx, row, trend.points[rows[i].point]);
    std::copy(figures.rows[i].begin(), figures.rows[i].end(), row.begin() + kPointColumns);
  }
  t.mark_detail({"day", "commit_date", "run_rate_error", "pipeline_error"});
  emit_trend(ctx, trend, t, N_("Forecast history for {}"), forecast_charts(trend, rows));
}

}  // namespace

Run setup_trend_forecast(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TrendOptions>();
  add_trend_options(app, *o, false);
  app.add_option("--by", o->by, N_("owner: one row per target with the bias of its forecasts"))
      ->check(CLI::IsMember({"owner"}));
  return [&ctx, o] { run_forecast(ctx, *o); };
}

}  // namespace salesops::cli
