#pragma once
// The commits `git log --raw -z` lists, with the blobs of every file each one changed: what
// `log`, `trend slippage` and `trend targets` walk.
#include <filesystem>
#include <optional>
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

/// Parses the `git log --raw --no-abbrev -z` output book_log asks for: each commit starts with
/// \x1e, its fields end with \x1f, then ":<mode> <mode> <old> <new> <status>\0<path>\0" per
/// changed file. A merge lists no files.
std::vector<CommitChanges> parse_raw_log(const std::string& text);

/// Which day a commit of book_log carries in `date`.
enum class LogDate {
  author,         // the author's day, in the author's time zone
  committer_utc,  // the committer's day in UTC, as the trend's points place commits
};

/// The commits reachable from `revision` (HEAD when empty) that change `pathspec`, newest
/// first, with the blobs of what each changed under paths relative to the book at
/// `book_root`; a rename reads as a removal and an addition, so that records are followed by
/// their ids. A repository with no commit yet has none; nullopt, with `error` set, when git
/// fails.
std::optional<std::vector<CommitChanges>> book_log(const std::filesystem::path& book_root, const std::string& revision,
                                                   const std::string& pathspec, LogDate date, std::string* error);

/// Pieces of `text` between `sep`, empty ones left out.
std::vector<std::string> split_nonempty(const std::string& text, char sep);

}  // namespace salesops::core
