#pragma once
// Targets (SPEC 1, 4): finding them, their periods, and the figures of `target status`.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "core/book.hpp"
#include "core/period.hpp"
#include "core/table.hpp"

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

/// Ids of the people an owner stands for: the person, a team's members (subtree), or
/// everyone for "company".
std::vector<Sym> owner_people(const Book& book, std::string_view owner);

/// The owners `owner` answers for: itself and, for a team or "company", its sub-teams and
/// the people in them. Targets of any of these belong to the owner's view.
std::unordered_set<std::string_view> owners_under(const Book& book, std::string_view owner);

/// Which targets `target list` shows.
struct TargetListFilter {
  std::string owner;   // see owners_under; empty: all
  std::string metric;  // empty: all
  std::optional<Period> period;  // targets whose period lies within it; none: all
};

/// `target list`: target, owner, metric, period, value, baseline, parent, with each child
/// right under its parent (Table::depth says how deep) and the roots in book order.
Table target_list_table(const Book& book, Date today, const TargetListFilter& filter);

}  // namespace salesops::core
