#pragma once
// Running git: argv only (never a shell), output captured. Used by the git book source,
// `diff`, `log`, `check --approvals` and `approve`.
//
// Every call is hardened here, in one place: a book may sit in a repository whose
// .git/config names programs (an fsmonitor, a pager, hooks, a signature display's gpg
// program), and reading the book must never run them. Diff-producing commands add
// `kNoDiffPrograms` themselves (textconv and external diff are options of those commands).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace salesops::core {

struct GitResult {
  int status = -1;  // git's exit status; -1 when it could not be started or was killed
  std::string out, err;
  bool ok() const { return status == 0; }
};

/// Options for a command that compares content (diff, log -p, show): no textconv filter
/// and no external diff program, whatever the repository configures.
inline const std::vector<std::string> kNoDiffPrograms{"--no-textconv", "--no-ext-diff"};

/// Runs `git -C dir args...` and waits for it, with no pager, no fsmonitor, no hooks and no
/// signature display (log.showSignature) whatever the repository configures. The environment
/// is inherited plus `env` ("NAME=value"), except that git never prompts and never takes
/// optional locks on the repository.
GitResult run_git(const std::filesystem::path& dir, const std::vector<std::string>& args,
                  const std::vector<std::string>& env = {});

/// git's own reason for a failure: the first "fatal:" or "error:" line of its stderr
/// (such as "detected dubious ownership in repository at ..."), without the prefix.
std::string git_reason(const GitResult& r);

/// The book's directory relative to the top of its work tree ("" or "sub/dir/"), or
/// nullopt with `error` set: "the book 'DIR' is not in a git repository" when it is not,
/// else git's own reason (a repository git refuses to read).
std::optional<std::string> git_book_prefix(const std::filesystem::path& dir, std::string* error);

/// A long-running `git cat-file --batch`: object contents by id, one request at a time.
class GitCatFile {
 public:
  /// Starts the process; `ok()` is false when it could not be started.
  explicit GitCatFile(const std::filesystem::path& dir);
  ~GitCatFile();
  GitCatFile(const GitCatFile&) = delete;
  GitCatFile& operator=(const GitCatFile&) = delete;
  bool ok() const { return pid_ > 0; }
  /// The contents of the object `oid` (an id, or a name such as "<commit>:<path>"); nullopt with `error` set when git has no such object
  /// or the process failed.
  std::optional<std::string> read(const std::string& oid, std::string* error);

 private:
  bool fill(std::size_t need);
  int pid_ = -1, to_git_ = -1, from_git_ = -1;
  std::string buffer_;
  std::size_t pos_ = 0;
};

}  // namespace salesops::core
