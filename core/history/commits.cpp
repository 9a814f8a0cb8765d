#include "core/history/commits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "core/base/git.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// The git log format parse_raw_log reads, with the author's date; pass it with --raw
/// --no-abbrev -z.
constexpr const char* kRawLogFormat = "--format=%x1e%H%x1f%ad%x1f%an%x1f%s%x1f";

bool absent(std::string_view oid) { return oid.find_first_not_of('0') == std::string_view::npos; }

}  // namespace

std::vector<std::string> split_nonempty(const std::string& text, char sep) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos <= text.size();) {
    auto end = std::min(text.find(sep, pos), text.size());
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::vector<CommitChanges> parse_raw_log(const std::string& text) {
  std::vector<CommitChanges> out;
  for (const std::string& chunk : split_nonempty(text, '\x1e')) {
    std::vector<std::string> f;
    std::size_t p = 0;
    for (int i = 0; i < 4; ++i) {
      auto sep = chunk.find('\x1f', p);
      if (sep == std::string::npos) break;
      f.push_back(chunk.substr(p, sep - p));
      p = sep + 1;
    }
    if (f.size() < 4) continue;
    CommitChanges c{f[0], f[1], f[2], f[3], {}};
    std::vector<std::string> raw = split_nonempty(chunk.substr(p), '\0');
    for (std::size_t i = 0; i + 1 < raw.size(); ++i) {
      std::string_view meta = raw[i];
      while (!meta.empty() && (meta.front() == '\n' || meta.front() == '\0')) meta.remove_prefix(1);
      if (!meta.starts_with(':')) continue;
      auto words = split_nonempty(std::string(meta), ' ');
      if (words.size() < 5) continue;
      c.files.push_back({raw[i + 1], absent(words[2]) ? "" : words[2], absent(words[3]) ? "" : words[3]});
      ++i;
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<std::vector<CommitChanges>> book_log(const std::filesystem::path& book_root, const std::string& revision,
                                                   const std::string& pathspec, LogDate date, std::string* error) {
  const std::string tip = revision.empty() ? "HEAD" : revision;
  const bool utc = date == LogDate::committer_utc;
  GitResult log = run_git(book_root,
                          {"log", utc ? "--format=%x1e%H%x1f%cd%x1f%an%x1f%s%x1f" : kRawLogFormat,
                           utc ? "--date=short-local" : "--date=short", "--raw", "--no-abbrev", "--no-renames", "--root",
                           "--relative", "-z", "--end-of-options", tip, "--", pathspec},
                          utc ? std::vector<std::string>{"TZ=UTC"} : std::vector<std::string>{});
  if (!log.ok()) {
    // A repository with no commit has no history to read.
    if (revision.empty() && !run_git(book_root, {"rev-parse", "--verify", "--quiet", tip}).ok())
      return std::vector<CommitChanges>{};
    if (error) *error = fmt::format(N_("git log failed: {}"), git_reason(log));
    return std::nullopt;
  }
  return parse_raw_log(log.out);
}

}  // namespace salesops::core
