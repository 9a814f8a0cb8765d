#include "core/trend/targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/audit/approvals.hpp"
#include "core/base/git.hpp"
#include "core/book/target_lookup.hpp"
#include "core/history/commits.hpp"
#include "core/history/diff.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

std::vector<TargetChange> target_changes(const fs::path& book_root, const std::string& revision, std::string* error) {
  std::vector<TargetChange> out;
  std::optional<std::string> prefix = git_book_prefix(book_root, error);
  if (!prefix) return out;
  const std::string& dir = *prefix;
  const std::string tip = revision.empty() ? "HEAD" : revision;
  // Renames are read as a removal and an addition: targets are matched by id across files.
  auto commits = book_log(book_root, revision, "targets/", LogDate::committer_utc, error);
  if (!commits) return out;
  std::reverse(commits->begin(), commits->end());
  GitCatFile cat(book_root);
  std::string read_error;
  auto load_side = [&](const CommitChanges& c, bool after) {
    std::map<std::string, std::string> files;
    for (const FileChange& f : c.files) {
      const std::string& oid = after ? f.after : f.before;
      if (oid.empty()) continue;
      if (auto text = cat.read(oid, &read_error)) files[f.path] = std::move(*text);
    }
    return load_texts_at(cat, (after ? c.id : c.id + "^") + ":" + dir, std::move(files));
  };
  std::map<std::string, std::unique_ptr<Book>> authority;  // commit -> team tree before it
  for (const CommitChanges& c : *commits) {
    auto date = parse_date(c.date);
    if (!date) continue;
    const Date day = *date;
    auto before = load_side(c, false), after = load_side(c, true);
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
  auto every = range_commits(book_root, "", tip, error);
  if (!every) return {};
  auto tip_book = load_files_at(cat, tip + ":" + dir, {"team.yaml"});
  auto approvers = commit_approvers(book_root, *tip_book, *every);
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
