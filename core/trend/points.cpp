#include "core/trend/points.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/base/git.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

std::vector<TrendPoint> trend_points(const Period& period, Every every, Date today) {
  std::vector<TrendPoint> out;
  for (const Period& unit : split_period(period, every)) {
    if (today < unit.first) break;  // not begun yet: nothing stood then
    out.push_back({unit, std::min(unit.last, today), {}, {}});
  }
  return out;
}

void place_points(const std::vector<CommitTime>& history, std::vector<TrendPoint>& points) {
  for (TrendPoint& p : points) {
    const std::int64_t end = static_cast<std::int64_t>(p.day.time_since_epoch().count()) * 86400 + 86399;
    const CommitTime* best = nullptr;
    for (const CommitTime& c : history)
      if (c.time <= end && (!best || c.time > best->time)) best = &c;
    p.commit = best ? best->id : std::string();
    p.commit_date = best ? format_date(Date{std::chrono::days{best->time >= 0 ? best->time / 86400
                                                                              : (best->time - 86399) / 86400}})
                         : std::string();
  }
}

std::vector<CommitTime> first_parent_history(const fs::path& book_root, const std::string& revision,
                                             std::string* error) {
  GitResult log = run_git(book_root, {"log", "--first-parent", "--format=%H %ct", "--end-of-options",
                                      revision.empty() ? "HEAD" : revision, "--"});
  std::vector<CommitTime> out;
  if (!log.ok()) {
    // A repository with no commit yet has no history: every point is before it.
    GitResult head = run_git(book_root, {"rev-parse", "--verify", "--quiet", "HEAD"});
    if (revision.empty() && !head.ok() && run_git(book_root, {"rev-parse", "--git-dir"}).ok()) return out;
    if (error) *error = fmt::format("git log failed: {}", git_reason(log));
    return out;
  }
  for (std::size_t pos = 0; pos < log.out.size();) {
    auto end = log.out.find('\n', pos);
    if (end == std::string::npos) end = log.out.size();
    std::string_view line(log.out.data() + pos, end - pos);
    pos = end + 1;
    auto space = line.find(' ');
    if (space == std::string_view::npos) continue;
    CommitTime c{std::string(line.substr(0, space)), 0};
    std::string_view t = line.substr(space + 1);
    if (std::from_chars(t.data(), t.data() + t.size(), c.time).ec != std::errc{}) continue;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace salesops::core
