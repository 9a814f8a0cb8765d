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
  Change change;       // one changed field
};

/// The file of `book` that holds the record `id` (a target, deal, customer, reward plan, or
/// a review named PERIOD/PERSON), relative to the book; nullopt when there is none.
std::optional<std::string> record_file(const Book& book, std::string_view id);

/// The commits reachable from `revision` (HEAD when empty), newest first, that changed the
/// record `id` in `file`, one entry per changed field. Sets `error` when git fails.
std::vector<LogEntry> record_log(const std::filesystem::path& book_root, const std::string& revision,
                                 const std::string& file, std::string_view id, std::string* error);

}  // namespace salesops::core
