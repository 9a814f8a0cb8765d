#pragma once
// A temporary git repository for tests of --at, diff, log and approvals: files are written
// and committed through git itself, with fixed author and dates.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/base/git.hpp"

namespace salesops::test {

class TempRepo {
 public:
  TempRepo() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "salesops-git-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    root_ = tmpl;
    git({"init", "-q"});
  }
  ~TempRepo() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  const std::filesystem::path& root() const { return root_; }

  void write(const std::string& relative, const std::string& text) {
    std::filesystem::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }
  void remove(const std::string& relative) { std::filesystem::remove(root_ / relative); }

  /// Commits everything as `author` (a person id: name and e-mail derive from it) on
  /// 2026-11-DAY; returns the commit id.
  std::string commit(const std::string& message, int day = 1, const std::string& author = "t") {
    git({"add", "-A"});
    std::string date = fmt::format("2026-11-{:02}T12:00:00Z", day);
    ::setenv("GIT_AUTHOR_DATE", date.c_str(), 1);
    ::setenv("GIT_COMMITTER_DATE", date.c_str(), 1);
    git({"-c", "user.name=" + author, "-c", "user.email=" + author + "@example.com", "commit", "-q",
         "--allow-empty", "-m", message});
    ::unsetenv("GIT_AUTHOR_DATE");
    ::unsetenv("GIT_COMMITTER_DATE");
    return head();
  }
  void tag(const std::string& name) { git({"tag", name}); }
  std::string head() {
    std::string out = git({"rev-parse", "HEAD"});
    return out.substr(0, out.find('\n'));
  }
  std::string git(const std::vector<std::string>& args) {
    core::GitResult r = core::run_git(root_, args);
    INFO(r.err);
    REQUIRE(r.ok());
    return r.out;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace salesops::test
