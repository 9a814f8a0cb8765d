#pragma once
// The points in time of `salesops trend`: the end of each week, month or quarter of a
// period, and the commit the book stood at on that day (the last one on or before it).
// Shared by every trend report (policy, targets, slippage, forecast).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/period.hpp"

namespace salesops::core {

/// One point of a trend: a sub-period of the report's period and the commit of its end.
struct TrendPoint {
  Period unit;               ///< the week, month or quarter (clipped to the period) the point ends
  Date day;                  ///< the unit's last day, or today for the unit under way
  std::string commit;        ///< full id of the last commit on or before `day`; empty: no commit yet
  std::string commit_date;   ///< that commit's committer date (UTC), YYYY-MM-DD; empty with no commit
  /// The commit's first 10 digits, as table and md output name it ("" with no commit).
  std::string short_id() const { return commit.substr(0, 10); }
};

/// The points of `period` every `every`: one per sub-period (split_period) that has begun
/// by `today`, dated its last day, the last one capped at `today`. Commits are not set.
std::vector<TrendPoint> trend_points(const Period& period, Every every, Date today);

/// A commit of the history the points are placed on.
struct CommitTime {
  std::string id;
  std::int64_t time = 0;  ///< committer time, seconds since 1970-01-01 UTC
};

/// Sets each point's commit to the commit of `history` (newest first, as git log gives
/// it) with the latest committer time on or before the end of the point's day (23:59:59
/// UTC); the first listed wins a tie. A point before every commit keeps an empty commit.
void place_points(const std::vector<CommitTime>& history, std::vector<TrendPoint>& points);

/// The first-parent history of `revision` (HEAD when empty) in the repository holding
/// `book_root`: the states the branch itself went through, a merged branch's commits
/// counted at the merge. Sets `error` (git's reason) and returns {} when git fails.
std::vector<CommitTime> first_parent_history(const std::filesystem::path& book_root, const std::string& revision,
                                             std::string* error);

}  // namespace salesops::core
