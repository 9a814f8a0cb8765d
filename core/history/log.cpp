#include "core/history/log.hpp"

#include <fmt/format.h>

#include <map>

#include "core/base/git.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

std::optional<std::string> record_file(const Book& book, std::string_view id) {
  auto file_of = [&](Mark m) -> std::optional<std::string> {
    return m.file < book.files.size() ? std::optional(book.files[m.file]) : std::nullopt;
  };
  if (const Target* t = book.target(id)) return file_of(t->at);
  if (const Deal* d = book.deal(id)) return file_of(d->at);
  if (const Customer* c = book.customer(id)) return file_of(c->at);
  for (const RewardPlan& p : book.reward_plans)
    if (book.text(p.id) == id) return file_of(p.at);
  for (const Review& r : book.reviews)
    if (book.str(r.period_text) + "/" + book.str(r.person) == id) return file_of(r.at);
  return std::nullopt;
}

std::vector<LogEntry> record_log(const fs::path& book_root, const std::string& revision, const std::string& file,
                                 std::string_view id, std::string* error) {
  std::vector<LogEntry> out;
  GitResult prefix = run_git(book_root, {"rev-parse", "--show-prefix"});
  if (!prefix.ok()) {
    if (error) *error = fmt::format("the book '{}' is not in a git repository", book_root.string());
    return out;
  }
  std::string dir = prefix.out.substr(0, prefix.out.find('\n'));
  // Fields: commit, author date, author name, subject; records end with \x1e.
  GitResult log = run_git(book_root, {"log", "--format=%H%x1f%ad%x1f%an%x1f%s%x1e", "--date=short",
                                      "--end-of-options", revision.empty() ? "HEAD" : revision, "--", file});
  if (!log.ok()) {
    if (error) *error = fmt::format("git log failed: {}", log.err.substr(0, log.err.find('\n')));
    return out;
  }
  GitCatFile cat(book_root);
  for (std::size_t pos = 0; pos < log.out.size();) {
    auto end = log.out.find('\x1e', pos);
    if (end == std::string::npos) break;
    std::string record = log.out.substr(pos, end - pos);
    pos = end + 1;
    while (!record.empty() && record.front() == '\n') record.erase(0, 1);
    std::vector<std::string> f;
    for (std::size_t p = 0;;) {
      auto sep = record.find('\x1f', p);
      f.push_back(record.substr(p, sep == std::string::npos ? std::string::npos : sep - p));
      if (sep == std::string::npos) break;
      p = sep + 1;
    }
    if (f.size() < 4) continue;
    auto after = load_files_at(cat, f[0] + ":" + dir, {file});
    auto before = load_files_at(cat, f[0] + "^:" + dir, {file});  // nothing for a root commit
    for (Change& c : book_diff(*before, *after))
      if (c.id == id) {
        c.note.clear();  // the parent check needs the whole book, not one file
        out.push_back({f[0], f[1], f[2], f[3], std::move(c)});
      }
  }
  return out;
}

}  // namespace salesops::core
