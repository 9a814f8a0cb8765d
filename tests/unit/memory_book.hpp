#pragma once
// Books built in memory for loader tests: a map of relative path to file text.
#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "core/book/book.hpp"
#include "core/load/book.hpp"

namespace salesops::test {

class MemorySource final : public core::BookSource {
 public:
  explicit MemorySource(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  std::vector<std::string> list() override {
    std::vector<std::string> out;
    for (auto& [path, text] : files_) out.push_back(path);
    return out;
  }
  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    auto it = files_.find(relative);
    if (it != files_.end()) return it->second;
    if (error) *error = "no such file";
    return std::nullopt;
  }
  std::string describe() const override { return "memory"; }

 private:
  std::map<std::string, std::string> files_;
};

/// A minimal valid book (one team, one person, one customer) plus `extra` files, which
/// replace the base ones of the same name.
inline core::LoadResult load_files(std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> files = {
      {"salesops.toml", "[org]\nname = \"Test\"\n"},
      {"team.yaml", "teams:\n  - {id: east, name: East}\npeople:\n  - {id: zhang.wei, name: 张伟, team: east, role: rep}\n"},
      {"customers/C-1.yaml", "id: C-1\nname: Acme\nowner: zhang.wei\n"},
  };
  for (auto& [path, text] : extra) files[path] = text;
  MemorySource source(std::move(files));
  return core::load_book(source, "/memory");
}

/// Each diagnostic as "rule file:line:column/length", in report order: short to compare.
inline std::vector<std::string> places(const core::Diagnostics& diags) {
  std::vector<std::string> out;
  for (auto& d : diags.items())
    out.push_back(fmt::format("{} {}:{}:{}/{}", d.rule, d.where.file, d.where.line, d.where.column, d.where.length));
  return out;
}

}  // namespace salesops::test
