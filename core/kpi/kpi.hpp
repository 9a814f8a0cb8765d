#pragma once
// KPIs (SPEC 4): the exact definition of every figure, per person, team, company, product,
// segment or customer, for a period or each sub-period of it.
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

enum class KpiUnit { money, count, ratio, decimal };

/// The rows of a KPI table. Sub-periods (`--by month`) are rows of the company. `field`:
/// one row per value of a custom field (KpiQuery::field) of deals or customers.
enum class GroupBy { person, team, company, product, segment, customer, field };
std::optional<GroupBy> parse_group_by(std::string_view text);

/// The groupings a KPI means something for: activities have no product, training hours no
/// segment. In the other rows the KPI is undefined.
class KpiScopes {
 public:
  constexpr KpiScopes() = default;
  constexpr KpiScopes(std::initializer_list<GroupBy> groupings) {
    for (GroupBy g : groupings) bits_ |= bit(g);
  }
  constexpr bool has(GroupBy g) const { return (bits_ & bit(g)) != 0; }

 private:
  static constexpr unsigned bit(GroupBy g) { return 1u << static_cast<unsigned>(g); }
  unsigned bits_ = 0;
};

/// What a deal still open adds to a KPI once won: the pipeline forecasts and covers only the
/// KPIs it feeds (revenue by the deal's amount, deals_won by one deal).
enum class WonDealAdds { nothing, amount, one };

struct KpiDef {
  std::string id;
  std::string label;
  KpiUnit unit = KpiUnit::count;
  std::string definition;
  bool custom = false;
  /// The figure of a team is the sum of its people's (revenue, counts); false for rates
  /// and means (win_rate, csat, avg_deal_size), whose targets cannot be split or paced.
  bool additive = true;
  /// Smaller is better (sales_cycle_days, deals_lost, followups_overdue): a target is a
  /// ceiling, met when the actual is at or below it.
  bool lower_is_better = false;
  KpiScopes scopes;
  WonDealAdds won_deal_adds = WonDealAdds::nothing;
};

/// Built-in KPIs in SPEC order, then the book's custom KPIs.
std::vector<KpiDef> kpi_definitions(const Config& config);
bool is_known_kpi(const Config& config, std::string_view id);
/// The definition of `id`, built-in or custom; nullopt when unknown.
std::optional<KpiDef> find_kpi(const Config& config, std::string_view id);
/// The values a KPI's figure can take, when they are bounded.
struct KpiRange {
  double min = 0, max = 0;
  const char* words = "";  // "a rate from 0 to 1"
};
/// 0..1 for rates (win_rate, plan_completion), 1..5 for csat, -100..100 for nps; nullopt
/// for unbounded KPIs (amounts, counts, days).
std::optional<KpiRange> kpi_range(const KpiDef& def);
/// Why `value` lies outside `range` ("{what} 35 is not a rate from 0 to 1 (did you mean
/// 0.35?)"), or nullopt when it lies inside.
std::optional<std::string> out_of_range(const KpiRange& range, double value, std::string_view what);
/// The column type of a KPI's figures and their unit ("count", "ratio", "days", "hours",
/// "rating", "points"; money's is the book's currency, left empty here).
ColumnType kpi_column_type(const KpiDef& def);
std::string kpi_unit(const KpiDef& def);
/// A column of the KPI `def`'s figures, named `id` (the KPI's id, or `revenue_target`).
void add_kpi_column(Table& table, const KpiDef& def, std::string id);
/// The unit of a KPI's figure as a row of a table of several KPIs names it: the currency
/// for money, else kpi_unit.
std::string kpi_row_unit(const Config& config, const KpiDef& def);
/// The columns of `salesops kpi` without --kpi, in SPEC order.
const std::vector<std::string>& default_kpis();

struct KpiQuery {
  std::vector<std::string> kpis;  // ids; empty means default_kpis()
  Period period;
  std::optional<Every> every;
  GroupBy by = GroupBy::person;
  std::string field;  // by == GroupBy::field: a custom field of deals (else of customers)
  Date today;
};

/// The KPI table (SPEC 6): `owner,name,[period,]` then one column per KPI. For product,
/// segment and customer rows the first column is named after the grouping. KPIs that do not
/// apply to a grouping (activities per product) are undefined.
/// Fails (returns nullopt with `error`) for an unknown KPI id.
std::optional<Table> kpi_table(const Book& book, const KpiQuery& query, std::string* error);

/// One KPI for one owner (person id, team id or "company") and period: the figure targets,
/// reviews and rewards compare against. Undefined as SPEC 4 says.
Cell kpi_value(const Book& book, std::string_view kpi, std::string_view owner, const Period& period, Date today);

/// kpi_value for many owners and periods: each period's per-person sums are computed once
/// and kept, so a table of targets costs one pass over the records per distinct period.
class KpiCalculator {
 public:
  KpiCalculator(const Book& book, Date today);
  ~KpiCalculator();
  KpiCalculator(const KpiCalculator&) = delete;
  KpiCalculator& operator=(const KpiCalculator&) = delete;
  /// The same figure as kpi_value(book, kpi, owner, period, today).
  Cell value(std::string_view kpi, std::string_view owner, const Period& period);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace salesops::core
