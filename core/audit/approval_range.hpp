#pragma once
// The commits of a range and the approvable changes each makes to the book: a commit's
// against its parent; a merge's beyond what its parents give (an "evil merge": a field
// whose merged value is neither parent's nor that of a clean merge of the two).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/approval_changes.hpp"
#include "core/base/git.hpp"

namespace salesops::core {

/// One commit of a range, as `git log` gives it.
struct RangeCommit {
  std::string id, subject, author;  // author: "Name <e-mail>"
  std::vector<std::string> parents;
  std::string message;        // the whole message, subject included
  bool touches_book = false;  // a non-merge commit that changes a file under the book
};

/// The commits reachable from `to` and not from `from` (every one when `from` is empty),
/// oldest first; nullopt with `error` set when git fails.
std::optional<std::vector<RangeCommit>> range_commits(const std::filesystem::path& book_root, const std::string& from,
                                                      const std::string& to, std::string* error);

/// Reads the book's files at any commit of its repository.
class BookHistory {
 public:
  /// `dir`: the book's directory in the repository ("" or "sub/dir/").
  BookHistory(const std::filesystem::path& book_root, std::string dir);
  /// The approvable changes `commit` makes: a commit's against its parent (against nothing
  /// for a root commit); a merge's beyond its parents. `counted` is set when the commit
  /// changes the book at all (a merge: when it differs from each parent).
  std::vector<ApprovableChange> changes(const RangeCommit& commit, const std::vector<std::string>& kinds,
                                        bool* counted);

 private:
  std::vector<std::string> changed_files(const std::string& from, const std::string& to);
  std::vector<ApprovableChange> commit_changes(const RangeCommit& c, const std::vector<std::string>& kinds);
  std::vector<ApprovableChange> merge_changes(const RangeCommit& c, const std::vector<std::string>& kinds,
                                              bool* counted);
  std::optional<std::string> clean_merge(const std::optional<std::string>& base, const std::optional<std::string>& ours,
                                         const std::optional<std::string>& theirs);

  std::filesystem::path root_;
  std::string dir_;
  GitCatFile cat_;
};

}  // namespace salesops::core
