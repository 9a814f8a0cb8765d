#include "core/targets/status.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "core/base/i18n.hpp"
#include "core/deals/pipeline.hpp"
#include "core/targets/targets.hpp"

namespace salesops::core {

namespace {

using Status = TargetStatus::Status;

bool selected(const Period& p, const TargetFilter& f, Date today) {
  if (!f.period) return p.contains(today);
  if (p.first == f.period->first && p.last == f.period->last) return true;
  return f.inside && f.period->first <= p.first && p.last <= f.period->last;
}

/// The figures of one target whose period and actual are known.
void compute(TargetStatus& s, const KpiDef& kpi, const OpenDeals& open, Date today, const Book& book) {
  const Period& p = s.period;
  double target = static_cast<double>(s.target->value.cents) / 100.0;
  std::optional<double> actual = cell_number(s.actual);
  if (actual && target > 0) s.attainment = *actual / target;
  int days = p.days();
  int elapsed = std::clamp(days_between(p.first, today) + 1, 0, days);
  std::string_view owner = book.text(s.target->owner);

  if (elapsed == 0) s.status = Status::not_started;
  else if (!actual) s.status = Status::unknown;
  else if (elapsed == days) {
    bool met = kpi.lower_is_better ? *actual <= target : *actual >= target;
    s.status = met ? Status::hit : Status::missed;
  } else {
    s.pace = kpi.additive ? pace_of(*actual, target, elapsed, days) : s.attainment;
    s.status = s.pace ? status_from_pace(*s.pace, kpi.lower_is_better) : Status::unknown;
  }

  // Forecasts: a run rate for sums and counts (a rate or mean forecasts itself), and the
  // weighted open deals expected from today through the period's end for revenue.
  if (actual && elapsed > 0) {
    if (!kpi.additive) s.run_rate_forecast = s.actual;
    else if (auto m = std::get_if<Money>(&s.actual)) {
      std::int64_t scaled = 0;
      s.run_rate_forecast = __builtin_mul_overflow(m->cents, days, &scaled)
                                ? money_from_cents_real(static_cast<long double>(m->cents) * days / elapsed)
                                : Money{div_round_half_away(scaled, elapsed)};
    }
    else s.run_rate_forecast = Decimal{*actual * days / elapsed};
  }
  Date from = std::max(today, p.first);
  bool remaining_days = from <= p.last;
  ExpectedDeals expected = remaining_days ? open.expected(owner, from, p.last) : ExpectedDeals{};
  if (auto m = std::get_if<Money>(&s.actual); m && kpi.won_deal_adds == WonDealAdds::amount) {
    std::int64_t sum = 0;
    s.pipeline_forecast = __builtin_add_overflow(m->cents, expected.weighted.cents, &sum)
                              ? Money{std::numeric_limits<std::int64_t>::max()}
                              : Money{sum};
  }

  // Coverage: what the open deals expected in the rest of the period bring against what
  // is left of the target; undefined when nothing is left or the period is over.
  if (actual && remaining_days && !kpi.lower_is_better) {
    double remaining = target - *actual;
    if (remaining > 0) {
      if (kpi.won_deal_adds == WonDealAdds::amount) s.coverage = static_cast<double>(expected.amount.cents) / 100.0 / remaining;
      else if (kpi.won_deal_adds == WonDealAdds::one) s.coverage = static_cast<double>(expected.deals) / remaining;
    }
  }
}

}  // namespace

std::optional<double> pace_of(double actual, double target, int elapsed_days, int period_days) {
  if (target <= 0 || elapsed_days <= 0 || period_days <= 0) return std::nullopt;
  return actual / (target * elapsed_days / period_days);
}

Status status_from_pace(double pace, bool lower_is_better) {
  if (lower_is_better) return pace <= 1.0 ? Status::on_track : pace <= 1.0 / 0.9 ? Status::cautioned : Status::off_track;
  return pace >= 1.0 ? Status::on_track : pace >= 0.9 ? Status::cautioned : Status::off_track;
}

std::string_view status_name(Status s) {
  switch (s) {
    case Status::on_track: return N_("on-track");
    case Status::cautioned: return N_("cautioned");
    case Status::off_track: return N_("off-track");
    case Status::hit: return N_("hit");
    case Status::missed: return N_("missed");
    case Status::not_started: return N_("not-started");
    case Status::unknown: break;
  }
  return N_("unknown");
}

Cell target_value_cell(Money value, KpiUnit unit) {
  switch (unit) {
    case KpiUnit::money: return value;
    case KpiUnit::count:
      if (value.cents % 100 == 0) return std::int64_t{value.cents / 100};
      return Decimal{static_cast<double>(value.cents) / 100.0};
    case KpiUnit::ratio: return Ratio{static_cast<double>(value.cents) / 100.0};
    case KpiUnit::decimal: break;
  }
  return Decimal{static_cast<double>(value.cents) / 100.0};
}

std::optional<double> cell_number(const Cell& cell) {
  if (auto m = std::get_if<Money>(&cell)) return static_cast<double>(m->cents) / 100.0;
  if (auto i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  if (auto r = std::get_if<Ratio>(&cell)) return r->value;
  if (auto d = std::get_if<Decimal>(&cell)) return d->value;
  return std::nullopt;
}

std::vector<TargetStatus> target_statuses(const Book& book, Date today, const TargetFilter& filter) {
  std::unordered_set<std::string_view> owners;
  if (!filter.owner.empty()) owners = owners_under(book, filter.owner);
  KpiCalculator kpis(book, today);
  OpenDeals open(book);
  std::vector<TargetStatus> out;
  for (const Target& t : book.targets) {
    if (!filter.owner.empty() && !owners.count(book.text(t.owner))) continue;
    if (!filter.metric.empty() && book.text(t.metric) != filter.metric) continue;
    auto period = target_period(book, t, today);
    if (!period || !selected(*period, filter, today)) continue;
    auto kpi = find_kpi(book.config, book.text(t.metric));
    if (!kpi) continue;
    TargetStatus s;
    s.target = &t;
    s.period = *period;
    s.value = target_value_cell(t.value, kpi->unit);
    s.actual = kpis.value(kpi->id, book.text(t.owner), *period);
    compute(s, *kpi, open, today, book);
    if (filter.at_risk && s.status != Status::cautioned && s.status != Status::off_track) continue;
    out.push_back(std::move(s));
  }
  return out;
}

Tone status_tone(Status s) {
  switch (s) {
    case Status::on_track:
    case Status::hit: return Tone::good;
    case Status::cautioned: return Tone::warn;
    case Status::off_track:
    case Status::missed: return Tone::bad;
    case Status::not_started:
    case Status::unknown: break;
  }
  return Tone::none;
}

Table target_status_table(const Book& book, const std::vector<TargetStatus>& rows) {
  Table t;
  for (const char* c : {N_("target"), N_("owner"), N_("metric")}) t.add_column(c);
  t.add_column(N_("period"), ColumnType::period);
  for (const char* c : {N_("value"), N_("actual")}) t.add_mixed_column(c, "unit");
  for (const char* c : {N_("attainment"), N_("pace")}) t.add_column(c, ColumnType::ratio);
  t.add_column(N_("status"));
  t.add_column(N_("coverage"), ColumnType::ratio);
  for (const char* c : {N_("run_rate_forecast"), N_("pipeline_forecast")}) t.add_mixed_column(c, "unit");
  t.add_unit_column("unit");  // last: the columns before it keep their places
  std::vector<const Target*> targets;
  auto ratio = [](const std::optional<double>& v) -> Cell { return v ? Cell{Ratio{*v}} : Cell{Undefined{}}; };
  for (const TargetStatus& s : rows) {
    auto kpi = find_kpi(book.config, book.text(s.target->metric));
    t.add_row() = {book.str(s.target->id), book.str(s.target->owner), book.str(s.target->metric), period_cell(s.period),
                   s.value, s.actual, ratio(s.attainment), ratio(s.pace), std::string(status_name(s.status)),
                   ratio(s.coverage), s.run_rate_forecast, s.pipeline_forecast,
                   kpi ? Cell{kpi_row_unit(book.config, *kpi)} : Cell{Undefined{}}};
    t.set_tone(t.rows.size() - 1, 8, status_tone(s.status));
    targets.push_back(s.target);
  }
  mark_target_tree(t, targets);
  return t;
}

}  // namespace salesops::core
