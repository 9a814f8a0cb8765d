#pragma once
// `target set` and `target split` (SPEC 7): the targets added or changed, or why the
// change is refused. Values come as given on the command line; refusals name the option
// where there is one. Nothing here writes; the caller hands the edits to BookWriter.
#include <optional>
#include <string>
#include <vector>

#include "core/base/money.hpp"
#include "core/book/book.hpp"
#include "core/targets/split.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

struct TargetSetting {
  std::string owner, metric, period, value, why, baseline, plan, id;
  bool replace = false;  // change the value of the target set for the same owner, metric and period
};

/// A target set: the change, and for a target replaced its file and former value.
struct TargetSetChange {
  WriteChange change;
  Money value;
  std::optional<Money> was;  // the replaced target's value
};

/// Adds the target to targets/<year its period ends>.yaml (id T-<period>-<owner>-<metric>,
/// numbered from 2 when taken), or with `replace` sets the value (and the baseline, why and
/// plan given) of the target that exists in place. Refuses an unknown owner, metric or
/// plan, a malformed period or amount, a value of 0 or less, a count that is not whole, a
/// negative baseline, an existing target without `replace` and an id that is taken.
TargetSetChange target_set_change(const Book& book, const TargetSetting& setting, Date today);

/// One child of a split, as reported: its id, value and share.
struct SplitLine {
  std::string id;
  Money value;
  double weight = 0;
};

struct TargetSplitChange {
  WriteChange change;
  std::vector<SplitLine> lines;
  std::size_t skipped = 0;  // new children with a share of 0, not written
  std::vector<std::string> zero_shares;  // those children: their owners, or their periods
  bool counts = false;      // the metric counts (values are whole numbers)
};

/// The children of the target `parent_id` (split_target()) added to the targets file of
/// their period, and the children written before set anew (with `replace`). Refuses an
/// unknown parent, a split that cannot be made, children written before without `replace`,
/// and children written before that the split would not keep. `request.parent` is set here.
TargetSplitChange target_split_change(const Book& book, Date today, const std::string& parent_id,
                                      SplitRequest request, const std::string& by_label, bool replace);

}  // namespace salesops::core
