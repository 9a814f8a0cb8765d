#include "core/trend/targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "core/audit/approvals.hpp"
#include "core/base/git.hpp"
#include "core/book/target_lookup.hpp"
#include "core/history/diff.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

/// Pieces of `text` between `sep`, empty ones kept.
std::vector<std::string> fields(std::string_view text, char sep) {
  std::vector<std::string> out;
  for (std::size_t pos = 0;;) {
    auto end = text.find(sep, pos);
    out.emplace_back(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) return out;
    pos = end + 1;
  }
}

bool absent(std::string_view oid) { return oid.find_first_not_of('0') == std::string_view::npos; }

struct FileChange {
  std::string path, before, after;  // blob ids; "" when absent on that side
};

struct TargetsCommit {
  std::string id, author, subject;
  std::int64_t time = 0;
  std::vector<FileChange> files;
};

/// `git log --raw -z` output: each commit starts with \x1e, its four fields end with \x1f,
/// then ":<mode> <mode> <old> <new> <status>\0<path>\0" per changed file.
std::vector<TargetsCommit> parse_log(const std::string& text) {
  std::vector<TargetsCommit> out;
  for (const std::string& chunk : fields(text, '\x1e')) {
    std::vector<std::string> head;
    std::size_t p = 0;
    for (int i = 0; i < 4; ++i) {
      auto sep = chunk.find('\x1f', p);
      if (sep == std::string::npos) break;
      head.push_back(chunk.substr(p, sep - p));
      p = sep + 1;
    }
    if (head.size() < 4) continue;
    TargetsCommit c{head[0], head[2], head[3], 0, {}};
    std::from_chars(head[1].data(), head[1].data() + head[1].size(), c.time);
    std::vector<std::string> raw = fields(std::string_view(chunk).substr(p), '\0');
    for (std::size_t i = 0; i + 1 < raw.size(); ++i) {
      std::string_view meta = raw[i];
      while (!meta.empty() && meta.front() == '\n') meta.remove_prefix(1);
      if (!meta.starts_with(':')) continue;
      auto words = fields(meta, ' ');
      if (words.size() < 5) continue;
      c.files.push_back({raw[i + 1], absent(words[2]) ? "" : words[2], absent(words[3]) ? "" : words[3]});
      ++i;
    }
    out.push_back(std::move(c));
  }
  return out;
}

Date day_of(std::int64_t time) {
  return Date{std::chrono::days{time >= 0 ? time / 86400 : (time - 86399) / 86400}};
}

/// Every commit reachable from `tip`, with its message, for the approvals.
std::optional<std::vector<RangeCommit>> all_commits(const fs::path& root, const std::string& tip, std::string* error) {
  GitResult log = run_git(root, {"log", "--format=%H%x1f%P%x1f%an <%ae>%x1f%s%x1f%B%x1e", "--end-of-options", tip, "--"});
  if (!log.ok()) {
    if (error) *error = fmt::format("git log failed: {}", git_reason(log));
    return std::nullopt;
  }
  std::vector<RangeCommit> out;
  for (const std::string& raw : fields(log.out, '\x1e')) {
    std::string_view r = raw;
    while (!r.empty() && r.front() == '\n') r.remove_prefix(1);
    std::vector<std::string> f = fields(r, '\x1f');
    if (f.size() < 5) continue;
    RangeCommit c;
    c.id = f[0];
    for (std::string& parent : fields(f[1], ' '))
      if (!parent.empty()) c.parents.push_back(std::move(parent));
    c.author = f[2];
    c.subject = f[3];
    c.message = f[4];
    for (std::size_t i = 5; i < f.size(); ++i) c.message += '\x1f' + f[i];
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<TargetChange> target_changes(const fs::path& book_root, const std::string& revision, std::string* error) {
  std::vector<TargetChange> out;
  std::optional<std::string> prefix = git_book_prefix(book_root, error);
  if (!prefix) return out;
  const std::string& dir = *prefix;
  const std::string tip = revision.empty() ? "HEAD" : revision;
  // Renames are read as a removal and an addition: targets are matched by id across files.
  GitResult log = run_git(book_root, {"log", "--reverse", "--format=%x1e%H%x1f%ct%x1f%an%x1f%s%x1f", "--raw",
                                      "--no-abbrev", "--no-renames", "--root", "--relative", "-z", "--end-of-options",
                                      tip, "--", "targets/"});
  if (!log.ok()) {
    // A repository with no commit has no history to read.
    if (!run_git(book_root, {"rev-parse", "--verify", "--quiet", tip}).ok() && revision.empty()) return out;
    if (error) *error = fmt::format("git log failed: {}", git_reason(log));
    return out;
  }
  GitCatFile cat(book_root);
  std::string read_error;
  auto texts = [&](const TargetsCommit& c, bool after) {
    std::map<std::string, std::string> files;
    std::string rev = after ? c.id : c.id + "^";
    if (auto toml = cat.read(rev + ":" + dir + "salesops.toml", &read_error)) files["salesops.toml"] = *toml;
    for (const FileChange& f : c.files) {
      const std::string& oid = after ? f.after : f.before;
      if (oid.empty()) continue;
      if (auto text = cat.read(oid, &read_error)) files[f.path] = std::move(*text);
    }
    return files;
  };
  std::map<std::string, std::unique_ptr<Book>> authority;  // commit -> team tree before it
  for (const TargetsCommit& c : parse_log(log.out)) {
    auto before = load_texts(texts(c, false)), after = load_texts(texts(c, true));
    const Date day = day_of(c.time);
    for (const Change& ch : book_diff(*before, *after)) {
      if (ch.kind != "target" || ch.field != "value" || (ch.change != "changed" && ch.change != "removed")) continue;
      const Book& side = ch.change == "removed" ? *before : *after;
      const Target* t = side.target(ch.id);
      if (!t) continue;
      auto period = target_period(side, *t, day);
      if (!period || day < period->first) continue;  // set before its period began: planning, not a change
      TargetChange tc;
      tc.commit = c.id;
      tc.date = day;
      tc.author = c.author;
      tc.subject = c.subject;
      tc.target = ch.id;
      tc.owner = side.str(t->owner);
      tc.metric = side.str(t->metric);
      tc.period = period->label;
      tc.period_first = period->first;
      tc.period_last = period->last;
      if (const Target* old = before->target(ch.id)) tc.before = old->value;
      if (ch.change == "changed") tc.after = t->value;
      tc.cut = day <= period->last && (!tc.after || *tc.after < tc.before);
      out.push_back(std::move(tc));
    }
  }
  if (out.empty()) return out;
  auto commits = all_commits(book_root, tip, error);
  if (!commits) return {};
  auto tip_book = load_files_at(cat, tip + ":" + dir, {"team.yaml"});
  auto approvers = commit_approvers(book_root, *tip_book, *commits);
  for (TargetChange& tc : out) {
    auto it = approvers.find(tc.commit);
    if (it == approvers.end()) continue;
    tc.approvers = it->second;
    auto& team = authority[tc.commit];
    if (!team) {
      // The team tree before the commit, so that a commit cannot make its own approver; a
      // root commit is judged by its own.
      bool root = run_git(book_root, {"rev-parse", "--verify", "--quiet", tc.commit + "^"}).status != 0;
      team = load_files_at(cat, (root ? tc.commit : tc.commit + "^") + ":" + dir, {"team.yaml"});
    }
    std::vector<std::string> allowed = allowed_approvers(*team, tc.owner);
    tc.approved = std::any_of(tc.approvers.begin(), tc.approvers.end(), [&](const std::string& who) {
      return std::find(allowed.begin(), allowed.end(), who) != allowed.end();
    });
  }
  return out;
}

}  // namespace salesops::core
