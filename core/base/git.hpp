#pragma once
// Running git: argv only (never a shell), output captured. Used by the git book source,
// `diff`, `log` and `check --approvals`.
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

/// Runs `git -C dir args...` and waits for it. The environment is inherited, except that
/// git never prompts and never takes optional locks on the repository.
GitResult run_git(const std::filesystem::path& dir, const std::vector<std::string>& args);

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
