// The KPI catalogue (SPEC 4): each built-in KPI's description and computation in one row, in
// SPEC order; the book's custom KPIs follow them.
#include "core/kpi/catalogue.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/base/i18n.hpp"
#include "core/kpi/custom.hpp"

namespace salesops::core {

namespace {

using enum KpiUnit;

// The rows' yes/no columns by name.
constexpr bool kAdds = true, kAverages = false;  // additive: a team's figure is its people's sum
constexpr bool kLowerIsBetter = true, kHigherIsBetter = false;
constexpr bool kShown = true, kOnRequest = false;  // a column of `salesops kpi` without --kpi

/// A share: undefined when there is nothing to share.
Cell share(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return Undefined{};
  return Ratio{static_cast<double>(part) / static_cast<double>(whole)};
}

/// A mean: undefined over nothing.
Cell mean(double sum, std::int64_t n) {
  if (n == 0) return Undefined{};
  return Decimal{sum / static_cast<double>(n)};
}

constexpr KpiSpec kKpis[] = {
    {"revenue", N_("Revenue"), money, kAdds, kHigherIsBetter, kShown, kEveryGrouping, WonDealAdds::amount,
     N_("sum of amount of deals won and closed in the period"),
     [](const KpiSums& s) -> Cell { return Money{s.revenue}; }},
    {"deals_won", N_("Deals won"), count, kAdds, kHigherIsBetter, kShown, kEveryGrouping, WonDealAdds::one,
     N_("count of deals won and closed in the period"), [](const KpiSums& s) -> Cell { return s.won; }},
    {"deals_lost", N_("Deals lost"), count, kAdds, kLowerIsBetter, kOnRequest, kEveryGrouping, WonDealAdds::nothing,
     N_("count of deals lost and closed in the period, disqualified leads left out"),
     [](const KpiSums& s) -> Cell { return s.lost; }},
    {"win_rate", N_("Win rate"), ratio, kAverages, kHigherIsBetter, kShown, kEveryGrouping, WonDealAdds::nothing,
     N_("deals_won / (deals_won + deals_lost); undefined when both are 0"),
     [](const KpiSums& s) { return share(s.won, s.won + s.lost); }},
    {"avg_deal_size", N_("Avg deal size"), money, kAverages, kHigherIsBetter, kShown, kEveryGrouping,
     WonDealAdds::nothing, N_("revenue / deals_won; undefined when deals_won is 0"),
     [](const KpiSums& s) -> Cell {
       if (s.won == 0) return Undefined{};
       return Money{div_round_half_away(s.revenue, s.won)};
     }},
    {"sales_cycle_days", N_("Sales cycle (days)"), decimal, kAverages, kLowerIsBetter, kOnRequest, kEveryGrouping,
     WonDealAdds::nothing, N_("mean of (closed - opened) in days over deals won in the period"),
     [](const KpiSums& s) { return mean(static_cast<double>(s.cycle_days), s.cycle_n); }},
    {"new_customers", N_("New customers"), count, kAdds, kHigherIsBetter, kShown, kEveryGrouping, WonDealAdds::nothing,
     N_("customers whose first won deal (by closed date, ties by id) closes in the period, credited to that deal's "
        "owner"),
     [](const KpiSums& s) -> Cell { return s.new_customers; }},
    {"pipeline", N_("Pipeline"), money, kAdds, kHigherIsBetter, kOnRequest, kEveryGrouping, WonDealAdds::nothing,
     N_("sum of amount of deals open at the period's end"), [](const KpiSums& s) -> Cell { return Money{s.pipeline}; }},
    {"weighted_pipeline", N_("Weighted pipeline"), money, kAdds, kHigherIsBetter, kOnRequest, kEveryGrouping,
     WonDealAdds::nothing, N_("sum of amount x probability of the stage each open deal was in at the period's end"),
     [](const KpiSums& s) -> Cell {
       if (!fits_cents(s.weighted)) throw std::overflow_error(N_("the weighted pipeline overflows"));
       return money_from_cents_real(s.weighted);
     }},
    {"activities", N_("Activities"), count, kAdds, kHigherIsBetter, kShown, kCustomerGroupings, WonDealAdds::nothing,
     N_("count of interactions dated in the period, by `by`"), [](const KpiSums& s) -> Cell { return s.activities; }},
    {"visits", N_("Visits"), count, kAdds, kHigherIsBetter, kOnRequest, kCustomerGroupings, WonDealAdds::nothing,
     N_("count of interactions of type visit dated in the period, by `by`"),
     [](const KpiSums& s) -> Cell { return s.visits; }},
    {"csat", "CSAT", decimal, kAverages, kHigherIsBetter, kShown, kCustomerGroupings, WonDealAdds::nothing,
     N_("mean csat of surveys dated in the period, by customer owner"),
     [](const KpiSums& s) { return mean(static_cast<double>(s.csat_sum), s.csat_n); }},
    {"nps", "NPS", decimal, kAverages, kHigherIsBetter, kOnRequest, kCustomerGroupings, WonDealAdds::nothing,
     N_("% of nps answers 9-10 minus % of answers 0-6, in the period, by customer owner"),
     [](const KpiSums& s) { return mean(100.0 * static_cast<double>(s.promoters - s.detractors), s.nps_n); }},
    {"followups_overdue", N_("Follow-ups overdue"), count, kAdds, kLowerIsBetter, kOnRequest, kCustomerGroupings,
     WonDealAdds::nothing, N_("interactions whose `next` is before today with no later interaction with that customer"),
     [](const KpiSums& s) -> Cell { return s.followups_overdue; }},
    {"training_hours", N_("Training hours"), decimal, kAdds, kHigherIsBetter, kOnRequest, kPeopleGroupings,
     WonDealAdds::nothing, N_("sum of hours of trainings attended in the period"),
     [](const KpiSums& s) -> Cell { return Decimal{s.training_hours}; }},
    {"coaching_sessions", N_("Coaching sessions"), count, kAdds, kHigherIsBetter, kOnRequest, kPeopleGroupings,
     WonDealAdds::nothing, N_("count of coaching sessions received in the period"),
     [](const KpiSums& s) -> Cell { return s.coaching; }},
    {"plan_completion", N_("Plan completion"), ratio, kAverages, kHigherIsBetter, kOnRequest, kPeopleGroupings,
     WonDealAdds::nothing,
     N_("actions due in the period with status done / actions due in the period (dropped ones left out)"),
     [](const KpiSums& s) { return share(s.actions_done, s.actions_due); }},
};

KpiDef definition_of(const KpiSpec& k) {
  return {std::string(k.id), std::string(k.label), k.unit, std::string(k.definition), false,
          k.additive, k.lower_is_better, k.scopes, k.won_deal_adds};
}

const CustomKpi* find_custom_kpi(const Config& config, std::string_view id) {
  for (const CustomKpi& k : config.custom_kpis)
    if (k.id == id) return &k;
  return nullptr;
}

}  // namespace

std::span<const KpiSpec> builtin_kpis() { return kKpis; }

const KpiSpec* find_builtin_kpi(std::string_view id) {
  auto it = std::find_if(std::begin(kKpis), std::end(kKpis), [&](const KpiSpec& k) { return k.id == id; });
  return it == std::end(kKpis) ? nullptr : it;
}

Cell ResolvedKpi::value(const KpiSums& sums) const {
  if (builtin) return builtin->value(sums);
  // A total over no one has no custom sums: nothing was counted, so nothing is known.
  if (slot >= sums.custom_sum.size()) return Undefined{};
  return custom_kpi_cell(*custom, sums.custom_sum[slot], sums.custom_n[slot]);
}

std::optional<ResolvedKpi> resolve_kpi(const Config& config, std::string_view id) {
  if (const KpiSpec* k = find_builtin_kpi(id)) return ResolvedKpi{k, nullptr, 0, k->scopes};
  if (const CustomKpi* k = find_custom_kpi(config, id))
    return ResolvedKpi{nullptr, k, static_cast<std::size_t>(k - config.custom_kpis.data()), custom_kpi_scopes(*k)};
  return std::nullopt;
}

std::vector<KpiDef> kpi_definitions(const Config& config) {
  std::vector<KpiDef> out;
  for (const KpiSpec& k : kKpis) out.push_back(definition_of(k));
  for (const CustomKpi& k : config.custom_kpis) out.push_back(custom_kpi_def(k));
  return out;
}

bool is_known_kpi(const Config& config, std::string_view id) {
  return find_builtin_kpi(id) || find_custom_kpi(config, id);
}

std::optional<KpiDef> find_kpi(const Config& config, std::string_view id) {
  if (const KpiSpec* k = find_builtin_kpi(id)) return definition_of(*k);
  if (const CustomKpi* k = find_custom_kpi(config, id)) return custom_kpi_def(*k);
  return std::nullopt;
}

const std::vector<std::string>& default_kpis() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const KpiSpec& k : kKpis)
      if (k.shown) out.emplace_back(k.id);
    return out;
  }();
  return ids;
}

}  // namespace salesops::core
