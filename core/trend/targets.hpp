#pragma once
// `salesops trend targets`: every change to a target's value made after its period began,
// from the git history of the book's targets/ files: who made it, when, whether a manager
// allowed to approve it did (core/audit/approvals.hpp), and whether it cut the target while
// its period ran.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/money.hpp"
#include "core/base/period.hpp"

namespace salesops::core {

struct TargetChange {
  std::string commit;      ///< full id
  Date date;               ///< the commit's committer date (UTC)
  std::string author;      ///< the commit's author name
  std::string subject;
  std::string target, owner, metric;
  std::string period;      ///< the target's period label
  Date period_first, period_last;
  Money before;                  ///< the value before the commit
  std::optional<Money> after;    ///< after it; nullopt when the commit removed the target
  /// A cut during the period: the value went down (or the target was removed) on a day
  /// within the target's period.
  bool cut = false;
  /// Who approved the commit (person ids), and whether one of them may approve a change to
  /// this target (allowed_approvers of its owner, in the team tree before the commit).
  std::vector<std::string> approvers;
  bool approved = false;
};

/// The changes to targets' values (a value changed, or the target removed) that commits
/// reachable from `revision` (HEAD when empty) made on or after the first day of the
/// target's period, oldest first (in commit order, then by target id). Every commit that
/// changed a file under targets/ is compared with its first parent (a merge: what it brings
/// to the first parent's line). Sets `error` when git fails.
std::vector<TargetChange> target_changes(const std::filesystem::path& book_root, const std::string& revision,
                                         std::string* error);

}  // namespace salesops::core
