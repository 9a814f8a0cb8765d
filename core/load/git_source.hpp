#pragma once
// The book as it stood at a git revision (`--at REV`): files are listed with
// `git ls-tree` and read with `git cat-file --batch`, never from the working tree or index.
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "core/book/book.hpp"
#include "core/load/source.hpp"

namespace salesops::core {

/// Why a git source could not be opened.
enum class GitSourceError { none, not_a_repository, unknown_revision, unreadable };

/// The book rooted at `book_root` (a directory inside a git work tree) as of `revision`
/// (anything `git rev-parse` takes: a commit, a tag, HEAD~2, a branch). The book's place in
/// the repository is the same at every revision. On failure returns null with `error` and
/// `why` set.
std::unique_ptr<BookSource> git_source(const std::filesystem::path& book_root, const std::string& revision,
                                       std::string* error, GitSourceError* why = nullptr);

class GitCatFile;

/// The records of `files` (relative to the book) alone, as they stood at `object_prefix`
/// ("<commit>:<book's dir in the repository>"), with that revision's salesops.toml.
/// References to other files are left unchecked and every diagnostic is dropped: callers
/// compare records, they do not validate them. A file absent there contributes nothing.
std::unique_ptr<Book> load_files_at(GitCatFile& cat, const std::string& object_prefix,
                                    const std::vector<std::string>& files);

/// The texts behind load_files_at: salesops.toml and each of `files` present at
/// `object_prefix`, by path relative to the book.
std::map<std::string, std::string> read_files_at(GitCatFile& cat, const std::string& object_prefix,
                                                 const std::vector<std::string>& files);

/// The records of `texts` (path relative to the book → contents, salesops.toml among them)
/// alone, as load_files_at reads them: for a state of files that no commit holds, such as
/// the clean merge of two parents.
std::unique_ptr<Book> load_texts(const std::map<std::string, std::string>& texts);

/// As load_texts, with salesops.toml as it stood at `object_prefix` (when there) among
/// `texts`: a revision's settings for files read by their blob ids.
std::unique_ptr<Book> load_texts_at(GitCatFile& cat, const std::string& object_prefix,
                                    std::map<std::string, std::string> texts);

/// The full commit id `revision` names in the repository holding `dir`; nullopt when it
/// names no commit.
std::optional<std::string> resolve_commit(const std::filesystem::path& dir, const std::string& revision);

}  // namespace salesops::core
