#pragma once
// `target status` (SPEC 4 target figures, SPEC 6 columns): where each target stands.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

struct TargetStatus {
  enum class Status { on_track, cautioned, off_track, hit, missed, not_started, unknown };
  const Target* target = nullptr;
  Period period;
  Cell value;   // the target value in the metric's unit
  Cell actual;  // the KPI for the owner and period, as `kpi` computes it
  std::optional<double> attainment, pace, coverage;
  Status status = Status::unknown;
  Cell run_rate_forecast, pipeline_forecast;
};

/// Which targets `target status` lists.
struct TargetFilter {
  /// A person, team or "company": its own targets and, for a team, those of its sub-teams
  /// and members. Empty: every owner.
  std::string owner;
  std::string metric;
  /// Targets whose period is exactly this one (or, with `inside`, lies within it); none:
  /// the targets whose period holds today.
  std::optional<Period> period;
  bool inside = false;
  /// Only cautioned and off-track targets.
  bool at_risk = false;
};

/// One row per target the filter selects, in book order.
std::vector<TargetStatus> target_statuses(const Book& book, Date today, const TargetFilter& filter);

/// on-track, cautioned, off-track, hit, missed, not-started, unknown.
std::string_view status_name(TargetStatus::Status status);

/// Pace of an open period: actual / (target × elapsed / days), elapsed counting the first
/// day through today; nullopt when the target is not positive.
std::optional<double> pace_of(double actual, double target, int elapsed_days, int period_days);

/// The status of a current period from its pace: on-track at or above 1, cautioned from 0.9,
/// off-track below (mirrored for metrics where lower is better: on-track at or below 1,
/// cautioned up to 1/0.9).
TargetStatus::Status status_from_pace(double pace, bool lower_is_better);

/// Green for on-track and hit, yellow for cautioned, red for off-track and missed.
Tone status_tone(TargetStatus::Status status);

/// A target value in its metric's unit: money, a whole count, a ratio or a decimal.
Cell target_value_cell(Money value, KpiUnit unit);

/// A KPI figure as a number (money in currency units); nullopt when undefined or text.
std::optional<double> cell_number(const Cell& cell);

/// The `target status` table (SPEC 6 columns).
Table target_status_table(const Book& book, const std::vector<TargetStatus>& rows);

}  // namespace salesops::core
