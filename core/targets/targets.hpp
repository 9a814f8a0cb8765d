#pragma once
// Targets (SPEC 1, 4): the `target list` tree (finding a target is in book/target_lookup.hpp).
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/book/owners.hpp"
#include "core/book/target_lookup.hpp"

namespace salesops::core {

/// Which targets `target list` shows.
struct TargetListFilter {
  std::string owner;   // see owners_under; empty: all
  std::string metric;  // empty: all
  std::optional<Period> period;  // targets whose period lies within it; none: all
};

/// `target list`: target, owner, metric, period, value, baseline, parent, with each child
/// right under its parent (Table::depth says how deep) and the roots in book order.
Table target_list_table(const Book& book, Date today, const TargetListFilter& filter);

/// Marks the rows of a table of targets (row i is `rows[i]`): a target split into targets
/// that are rows too is a subtotal of theirs, or the total when its own parent is no row;
/// the others are details. Summing the details counts every figure once.
void mark_target_tree(Table& table, const std::vector<const Target*>& rows);

}  // namespace salesops::core
