#pragma once
// The KPI catalogue: one row per built-in KPI with its description and its computation, and
// the look-up that resolves an id (built-in, else custom) once per query.
#include <optional>
#include <span>
#include <string_view>

#include "core/kpi/accumulator.hpp"

namespace salesops::core {

/// One built-in KPI (SPEC 4).
struct KpiSpec {
  std::string_view id, label;
  KpiUnit unit;
  bool additive;         // a team's figure is the sum of its people's
  bool lower_is_better;  // a target is a ceiling
  bool shown;            // a column of `salesops kpi` without --kpi
  KpiScopes scopes;
  WonDealAdds won_deal_adds;
  std::string_view definition;  // as `salesops kpi list` shows it
  Cell (*value)(const KpiSums& sums);
};

inline constexpr KpiScopes kEveryGrouping = {GroupBy::person,  GroupBy::team,    GroupBy::company,
                                             GroupBy::product, GroupBy::segment, GroupBy::customer};
/// Figures of the people themselves (training, coaching, plans): no product, segment or customer.
inline constexpr KpiScopes kPeopleGroupings = {GroupBy::person, GroupBy::team, GroupBy::company};
/// Figures of customers (activities, surveys): no product.
inline constexpr KpiScopes kCustomerGroupings = {GroupBy::person, GroupBy::team, GroupBy::company, GroupBy::segment,
                                                 GroupBy::customer};

/// The built-in KPIs in SPEC order.
std::span<const KpiSpec> builtin_kpis();
const KpiSpec* find_builtin_kpi(std::string_view id);

/// A KPI resolved once, so that a figure costs one call and no search by id.
struct ResolvedKpi {
  const KpiSpec* builtin = nullptr;
  const CustomKpi* custom = nullptr;
  std::size_t slot = 0;  // the custom KPI's place in the config and in KpiSums
  KpiScopes scopes;

  Cell value(const KpiSums& sums) const;
};

/// `id` as a built-in KPI, else as one of the config's custom KPIs; nullopt when unknown.
std::optional<ResolvedKpi> resolve_kpi(const Config& config, std::string_view id);

}  // namespace salesops::core
