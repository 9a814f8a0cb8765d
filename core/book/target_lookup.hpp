#pragma once
// Finding a target by owner, metric and period: what status, pipeline forecasts, reviews
// and rewards compare their figures with.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/period.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// The period a target's `period` expression names (relative words read against `today`);
/// nullopt when it does not parse (the loader has reported it).
std::optional<Period> target_period(const Book& book, const Target& target, Date today);

/// The target of `owner` (person id, team id or "company") for `metric` whose period is
/// exactly `period` (same first and last day); nullptr when there is none.
const Target* find_target(const Book& book, std::string_view owner, std::string_view metric, const Period& period,
                          Date today);

/// Targets by owner, metric and exact period, read once: each target's period expression
/// is parsed once, so looking up every person's targets costs no pass over all targets.
class TargetLookup {
 public:
  TargetLookup(const Book& book, Date today);
  /// The same target as find_target(book, owner, metric, period, today).
  const Target* find(std::string_view owner, std::string_view metric, const Period& period) const;

 private:
  struct Entry {
    const Target* target;
    Date first, last;
  };
  std::unordered_map<std::string, std::vector<Entry>> by_owner_metric_;
};

}  // namespace salesops::core
