#include "core/trend/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/base/i18n.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

namespace {

TargetFilter revenue_targets_of(const Period& period) {
  TargetFilter f;
  f.metric = "revenue";
  f.period = period;
  return f;
}

Cell money_or_undefined(const std::optional<Money>& m) { return m ? Cell{*m} : Cell{Undefined{}}; }
Cell ratio_or_undefined(const std::optional<double>& v) { return v ? Cell{Ratio{*v}} : Cell{Undefined{}}; }

/// The mean of the defined values, and of their absolute values.
struct Mean {
  double sum = 0, abs_sum = 0;
  int n = 0;
  void add(const std::optional<double>& v) {
    if (!v) return;
    sum += *v;
    abs_sum += std::fabs(*v);
    ++n;
  }
  Cell mean() const { return n ? Cell{Ratio{sum / n}} : Cell{Undefined{}}; }
  Cell abs_mean() const { return n ? Cell{Ratio{abs_sum / n}} : Cell{Undefined{}}; }
};

}  // namespace

std::optional<Money> forecast_error(const Cell& forecast, const Cell& actual) {
  auto f = std::get_if<Money>(&forecast);
  auto a = std::get_if<Money>(&actual);
  if (!f || !a) return std::nullopt;
  std::int64_t diff = 0;
  if (__builtin_sub_overflow(f->cents, a->cents, &diff)) return std::nullopt;
  return Money{diff};
}

std::optional<double> relative_error(const Cell& forecast, const Cell& actual) {
  auto error = forecast_error(forecast, actual);
  auto a = std::get_if<Money>(&actual);
  if (!error || !a || a->cents == 0) return std::nullopt;
  return static_cast<double>(error->cents) / static_cast<double>(a->cents);
}

std::vector<TargetForecast> forecast_history(const std::vector<BookAtPoint>& points, const Book& final_book,
                                             Date today, const Period& period) {
  std::vector<TargetForecast> out;
  std::vector<TargetStatus> finals = target_statuses(final_book, today, revenue_targets_of(period));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const BookAtPoint& point = points[i];
    if (!point.book) continue;
    std::map<std::string, const TargetStatus*> then;
    std::vector<TargetStatus> statuses = target_statuses(*point.book, point.day, revenue_targets_of(period));
    for (const TargetStatus& s : statuses) then.emplace(point.book->str(s.target->id), &s);
    for (const TargetStatus& f : finals) {
      auto it = then.find(final_book.str(f.target->id));
      if (it == then.end()) continue;  // not set yet at that point: target status said nothing
      out.push_back({i, it->first, final_book.str(f.target->owner), it->second->run_rate_forecast,
                     it->second->pipeline_forecast, f.actual});
    }
  }
  return out;
}

Table forecast_points_table(const std::vector<TargetForecast>& rows) {
  Table t;
  for (const char* c : {N_("target"), N_("owner")}) t.add_column(c);
  t.add_column(N_("actual"), ColumnType::money);
  for (const char* c : {N_("run_rate_forecast"), N_("run_rate_error")}) t.add_column(c, ColumnType::money);
  t.add_column(N_("run_rate_relative_error"), ColumnType::ratio);
  for (const char* c : {N_("pipeline_forecast"), N_("pipeline_error")}) t.add_column(c, ColumnType::money);
  t.add_column(N_("pipeline_relative_error"), ColumnType::ratio);
  for (const TargetForecast& r : rows)
    t.add_row() = {r.target,
                   r.owner,
                   r.actual,
                   r.run_rate,
                   money_or_undefined(forecast_error(r.run_rate, r.actual)),
                   ratio_or_undefined(relative_error(r.run_rate, r.actual)),
                   r.pipeline,
                   money_or_undefined(forecast_error(r.pipeline, r.actual)),
                   ratio_or_undefined(relative_error(r.pipeline, r.actual))};
  return t;
}

Table forecast_bias_table(const Book& book, const std::vector<TargetForecast>& rows) {
  Table t;
  for (const char* c : {N_("target"), N_("owner"), N_("name")}) t.add_column(c);
  t.add_column(N_("actual"), ColumnType::money);
  t.add_column(N_("points"), ColumnType::integer);
  for (const char* c : {N_("run_rate_bias"), N_("run_rate_abs_error"), N_("pipeline_bias"), N_("pipeline_abs_error")})
    t.add_column(c, ColumnType::ratio);
  t.add_column(N_("tendency"));
  std::vector<std::string> order;
  for (const TargetForecast& r : rows)
    if (std::find(order.begin(), order.end(), r.target) == order.end()) order.push_back(r.target);
  for (const std::string& target : order) {
    Mean run_rate, pipeline;
    std::int64_t points = 0;
    const TargetForecast* any = nullptr;
    for (const TargetForecast& r : rows)
      if (r.target == target) {
        any = &r;
        ++points;
        run_rate.add(relative_error(r.run_rate, r.actual));
        pipeline.add(relative_error(r.pipeline, r.actual));
      }
    Cell name = Undefined{};
    if (const Person* p = book.person(any->owner)) name = book.str(p->name);
    else if (const Team* tm = book.team(any->owner)) name = book.str(tm->name);
    Cell tendency = Undefined{};
    if (pipeline.n) {
      double bias = pipeline.sum / pipeline.n;
      tendency = std::string(bias > kAccurateBias ? N_("optimistic") : bias < -kAccurateBias ? N_("sandbagging") : N_("accurate"));
    }
    t.add_row() = {target, any->owner, name, any->actual, points, run_rate.mean(), run_rate.abs_mean(),
                   pipeline.mean(), pipeline.abs_mean(), tendency};
  }
  return t;
}

}  // namespace salesops::core
