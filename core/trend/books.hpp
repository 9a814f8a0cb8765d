#pragma once
// The book at each commit a trend visits, each commit loaded once: two points that share a
// commit share its book. Loads go through the git book source and its blob-keyed record
// cache (load/git_source.hpp, load/cache.hpp), so a file unchanged between two revisions is
// parsed once across runs as well.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/load/book.hpp"

namespace salesops::core {

class TrendBooks {
 public:
  /// `skip`: folders of the book ("deals/") a report does not need, left unread at every
  /// revision (the book then has none of their records).
  TrendBooks(std::filesystem::path book_root, LoadOptions options, std::vector<std::string> skip = {});
  /// The book as it stood at `commit` (a full id), with the problems its load found; null
  /// with `error` set when git cannot give it. Loaded on first use, then kept.
  const LoadResult* at(const std::string& commit, std::string* error);
  /// How many distinct commits were loaded.
  std::size_t loads() const { return books_.size(); }

 private:
  std::filesystem::path root_;
  LoadOptions options_;
  std::vector<std::string> skip_;
  std::map<std::string, LoadResult> books_;  // by full commit id
};

}  // namespace salesops::core
