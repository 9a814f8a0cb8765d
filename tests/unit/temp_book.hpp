#pragma once
// A book in a fresh temporary directory for the writer's tests, removed afterwards (after
// giving back the permissions a test took away).
#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace salesops::test {

class TempBook {
 public:
  /// `tag` names the directory: salesops-TAG-XXXXXX.
  explicit TempBook(const std::string& tag) {
    std::string tmpl = (std::filesystem::temp_directory_path() / ("salesops-" + tag + "-XXXXXX")).string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    root_ = tmpl;
  }
  ~TempBook() {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(root_, ec))
      fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(root_, ec);
  }
  TempBook(const TempBook&) = delete;
  TempBook& operator=(const TempBook&) = delete;

  const std::filesystem::path& root() const { return root_; }
  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root_ / rel, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  /// Whether anything, a dangling link included, is at `rel`.
  bool has(const std::string& rel) const { return std::filesystem::exists(std::filesystem::symlink_status(root_ / rel)); }
  /// Every entry of a directory, hidden ones included: no temporary file may be left.
  std::vector<std::string> entries(const std::string& rel) const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(root_ / rel)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace salesops::test
