#pragma once
// `target split` (issue: targets broken down by person, team and period): the children a
// parent target is divided into, and their values, which always add up to the parent.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/base/period.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

enum class SplitTo { people, teams, months, quarters };
enum class SplitBy { equal, weights, history, seasonal };

std::optional<SplitTo> parse_split_to(std::string_view text);
std::optional<SplitBy> parse_split_by(std::string_view text);

/// Divides `total` into parts proportional to `weights`, in whole multiples of `unit`, by
/// largest remainder: each part gets the floor of its quota, then the units left over go
/// to the largest fractional remainders (ties to the earlier part). The parts add up to
/// `total` exactly. When every weight is 0 the parts are equal. `total` must be a multiple
/// of `unit` and weights must not be negative.
std::vector<std::int64_t> split_exact(std::int64_t total, std::span<const double> weights, std::int64_t unit);

struct SplitRequest {
  const Target* parent = nullptr;
  SplitTo to = SplitTo::people;
  SplitBy by = SplitBy::equal;
  std::vector<std::pair<std::string, std::string>> weights;  // --weights child=share
  bool prorate = false;
};

struct SplitChild {
  std::string owner;
  Period period;
  double weight = 0;  // the share it was given, before rounding
  Money value;
};

struct TargetSplit {
  std::vector<SplitChild> children;
  std::string error;  // why the split cannot be made; empty on success
};

/// The children of `request.parent` and their values:
/// - people: the active reps of the owner team's subtree (a person is active on some day
///   of the period and has not left before today); teams: the owner's direct sub-teams; months, quarters: the
///   sub-periods of the parent's period, same owner.
/// - equal shares; --weights (keys are the children, shares sum to 1); history: each
///   child's actual of the metric in the comparable period before (the previous period
///   for owners, the same sub-period a year earlier for periods), children without
///   history taking an equal share first; seasonal: [seasonality] month weights.
/// - prorate (people): each share × the person's active days / days in the period.
/// Values are whole numbers for count metrics, cents otherwise; rates and means, which do
/// not add up, cannot be split.
TargetSplit split_target(const Book& book, Date today, const SplitRequest& request);

}  // namespace salesops::core
