#pragma once
// The commits `git log --raw -z` lists, with the blobs of every file each one changed: what
// `log` and `trend slippage` walk.
#include <string>
#include <vector>

namespace salesops::core {

/// One file a commit changed: its blob before and after ("" when absent on that side).
struct FileChange {
  std::string path, before, after;
};

struct CommitChanges {
  std::string id, date, author, subject;
  std::vector<FileChange> files;
};

/// The git log format parse_raw_log reads; pass it with --raw --no-abbrev -z.
inline constexpr const char* kRawLogFormat = "--format=%x1e%H%x1f%ad%x1f%an%x1f%s%x1f";

/// Parses `git log <kRawLogFormat> --raw --no-abbrev -z` output: each commit starts with
/// \x1e, its fields end with \x1f, then ":<mode> <mode> <old> <new> <status>\0<path>\0" per
/// changed file. A merge lists no files.
std::vector<CommitChanges> parse_raw_log(const std::string& text);

/// Pieces of `text` between `sep`, empty ones left out.
std::vector<std::string> split_nonempty(const std::string& text, char sep);

}  // namespace salesops::core
