#pragma once
// Where a book's files come from: a directory, or a git revision (load/git_source.hpp).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/file_text.hpp"

namespace salesops::core {

/// A file list() left out because reading it would leave the book (core/base/book_path.hpp).
struct RefusedPath {
  std::string path;    ///< relative to the book, as list() would have given it
  std::string reason;  ///< names the link, never what it points at
};

/// Where a book's files come from: a directory, or a git revision (see `--at`).
class BookSource {
 public:
  virtual ~BookSource() = default;
  /// Every regular file under the root, relative, with '/' separators, sorted. A link to a
  /// regular file in the book is listed under its own name; links to directories, dangling
  /// links, FIFOs, sockets and devices are not listed; links that lead outside the book or
  /// into its .git/ are left out and given by refused().
  virtual std::vector<std::string> list() = 0;
  /// The links the last list() refused, sorted.
  virtual std::vector<RefusedPath> refused() const { return {}; }
  /// The file's bytes; nullopt with `error` set when it cannot be read.
  virtual std::optional<std::string> read(const std::string& relative, std::string* error) = 0;
  /// The same bytes, for a reader that passes through them once: a large file in a
  /// directory is mapped (FileText), so what the reader has passed can be given back.
  virtual std::optional<FileText> read_text(const std::string& relative, std::string* error) {
    auto bytes = read(relative, error);
    if (!bytes) return std::nullopt;
    return FileText(std::move(*bytes));
  }
  virtual std::string describe() const = 0;
  /// The git blob id of the file when the source reads a git revision (a key for caches
  /// of parsed files); nullopt otherwise.
  virtual std::optional<std::string> blob_id(const std::string& /*relative*/) const { return std::nullopt; }
  /// The full commit id the source reads; empty for the working tree.
  virtual std::string revision() const { return {}; }
  /// The directory the files are plain files in, so they can be stat'ed and cached by
  /// their metadata; null for a git revision, whose files have no mtime to key on.
  virtual const std::filesystem::path* directory() const { return nullptr; }
};

std::unique_ptr<BookSource> directory_source(const std::filesystem::path& root);

}  // namespace salesops::core
