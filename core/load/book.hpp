#pragma once
// Loading a book: every file read and checked into one Book, problems as diagnostics.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/base/diagnostics.hpp"
#include "core/base/file_text.hpp"
#include "core/book/book.hpp"
#include "core/load/source.hpp"

namespace salesops::core {

struct LoadOptions {
  unsigned threads = 0;  // workers; 0: one per core
  bool cache = false;    // reuse parsed records from <book>/.salesops/cache (directory books only)
  /// Keep every location of a repeated finding, not only its first few (the cache, which
  /// keeps the first few, is then not read).
  bool all_locations = false;
};

struct LoadResult {
  std::unique_ptr<Book> book;
  Diagnostics diags;
  std::size_t files_read = 0;
  /// A file the book needs was refused (a link out of the book or into .git, rule
  /// book-link): the book cannot be read, whatever else its records say.
  bool refused = false;
};

/// Reads and checks every file of the book. Problems are diagnostics, never exceptions.
LoadResult load_book(BookSource& source, const std::filesystem::path& root);
/// Reads and checks every file of the book, as load_book(source, root), with `options`.
LoadResult load_book(BookSource& source, const std::filesystem::path& root, const LoadOptions& options);

/// Finds the book: `--book`, else SALESOPS_BOOK, else the nearest ancestor of `cwd` holding
/// salesops.toml. Sets `error` when none is found.
std::optional<std::filesystem::path> find_book(const std::string& flag, const char* env,
                                               const std::filesystem::path& cwd, std::string* error);

/// The text checks every record file passes before it is parsed (binary data, UTF-16,
/// merge-conflict markers); reports and returns false when one fails. With `release`, the
/// text's pages are given back behind the checks as they go (see FileText).
bool precheck_record_text(std::string_view text, const std::string& rel, Diagnostics& diags,
                          FileText* release = nullptr);

}  // namespace salesops::core
