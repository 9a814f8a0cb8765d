#pragma once
// `salesops log ID`: the commits that changed one record, with the fields each changed.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/book/book.hpp"
#include "core/history/diff.hpp"

namespace salesops::core {

struct LogEntry {
  std::string commit;  // full id
  std::string date;    // the author date, YYYY-MM-DD
  std::string author, subject;
  Change change;  // one changed field
};

/// A record's history, and where it stops short.
struct RecordLog {
  std::vector<LogEntry> entries;  // newest first
  /// The commit the history is cut at when the repository is a shallow clone and the walk
  /// reached its boundary; empty when the history is whole. That commit's own change is
  /// unknown (its parent is missing), so it has no entries.
  std::string cut_at;
};

/// The file of `book` that holds the record `id` (a target, deal, customer, reward plan, or
/// a review named PERIOD/PERSON), relative to the book; nullopt when there is none.
std::optional<std::string> record_file(const Book& book, std::string_view id);

/// The commits reachable from `revision` (HEAD when empty) that changed the record `id`,
/// one entry per changed field. The record is found by its id in every file of its kind's
/// folder (the folder of `file`), so its history goes on across renamed files and moves
/// from one file to another. Sets `error` when git fails.
RecordLog record_log(const std::filesystem::path& book_root, const std::string& revision, const std::string& file,
                     std::string_view id, std::string* error);

}  // namespace salesops::core
