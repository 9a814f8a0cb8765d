#pragma once
// `salesops trend policy`: how many findings each supervision rule of `check` makes on the
// book as it stood at a point, with "today" the point's day.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/book/book.hpp"

namespace salesops::core {

/// A rule trend policy counts: its column id and the audit rule (check_rules()) behind it.
struct TrendRule {
  const char* column;  ///< one_on_ones_overdue, ...
  const char* rule;    ///< one-on-one-due, ...
};

/// The rules counted, in column order: one-on-ones overdue, coaching follow-ups overdue,
/// customer follow-ups overdue, reviews late, customers past their revisit, plan actions
/// overdue, targets missing.
std::span<const TrendRule> trend_policy_rules();

/// The findings of one responsible manager (or of everyone) at one point.
struct PolicyCount {
  std::string manager;  ///< a person id; "" for findings no manager answers for (or overall)
  /// Per rule of trend_policy_rules(): its findings; nullopt when the book's [policy.rules]
  /// switches the rule off.
  std::vector<std::optional<std::int64_t>> counts;
};

/// What the rules found at one point.
struct PolicyCounts {
  std::vector<bool> on;               ///< per rule: run (not switched off by [policy.rules])
  std::vector<PolicyCount> entries;   ///< see policy_counts
  /// The counts of a manager with no entry: 0 for each rule that ran, nullopt for the rest.
  std::vector<std::optional<std::int64_t>> none() const;
};

/// The findings of the rules on `book` with today = `day`: one entry for everything when
/// `by_manager` is false; otherwise one per responsible manager (core::responsible_manager of
/// each finding's owner) with findings, in team.yaml order, then "" for the rest.
PolicyCounts policy_counts(const Book& book, Date day, bool by_manager);

}  // namespace salesops::core
