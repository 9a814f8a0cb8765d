#pragma once
// Where a book's files come from: a directory, or a git revision (load/git_source.hpp).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace salesops::core {

/// Where a book's files come from: a directory, or a git revision (see `--at`).
class BookSource {
 public:
  virtual ~BookSource() = default;
  /// Every regular file under the root, relative, with '/' separators, sorted.
  virtual std::vector<std::string> list() = 0;
  /// The file's bytes; nullopt with `error` set when it cannot be read.
  virtual std::optional<std::string> read(const std::string& relative, std::string* error) = 0;
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
