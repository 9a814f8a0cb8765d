#pragma once
// `target check` and the target rules of `salesops check`: is each target SMART, and do
// split targets agree with their parents?
#include <optional>
#include <string>
#include <vector>

#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/targets/targets.hpp"

namespace salesops::core {

/// One finding about a target.
struct TargetProblem {
  enum class Kind {
    unspecific,     // unknown metric or owner
    unmeasurable,   // value not above 0, or a count that is not whole
    unachievable,   // growth over the baseline (or the previous period's actual) above policy
    irrelevant,     // neither `why` nor `plan`
    unbounded,      // a period that moves (this-month) or does not parse
    children_sum,   // children that do not add up to the parent
    child_period,   // a child whose period is not inside its parent's
    child_owner,    // a child whose owner is not the parent's owner or under it
    child_metric,   // a child of another metric than its parent
    duplicate,      // a second target for the same owner, metric and period
  };
  Kind kind;
  std::string message;
};

struct TargetAudit {
  const Target* target = nullptr;
  /// The SMART flags; achievable is unknown (nullopt) when there is nothing to compare with.
  bool specific = true, measurable = true, relevant = true, time_bound = true;
  std::optional<bool> achievable;
  std::vector<TargetProblem> problems;
};

enum class TargetAuditScope { smart, consistency, all };

/// Every target of the book, in book order, with its SMART flags (scope smart or all; the
/// flags stay true otherwise) and its consistency problems (scope consistency or all).
std::vector<TargetAudit> audit_targets(const Book& book, Date today, TargetAuditScope scope = TargetAuditScope::all);

/// The `target check` table: target, owner, specific, measurable, achievable, relevant,
/// time_bound, problems (yes / no; achievable — when unknown; problems joined by "; ").
Table target_check_table(const Book& book, Date today, const TargetListFilter& filter);

}  // namespace salesops::core
