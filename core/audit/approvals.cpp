#include "core/audit/approvals.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "core/base/git.hpp"
#include "core/history/diff.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

/// The [approvals] records name a change's kind as "target" → "targets".
std::string plural(const std::string& kind) { return kind + "s"; }

/// Splits `text` at `sep`, leaving out empty pieces.
std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos <= text.size();) {
    auto end = text.find(sep, pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

/// The owner whose chain of managers approves a change: a reward plan's team, else company.
std::string approval_owner(const Change& c, const Book& before, const Book& after) {
  if (c.kind != "reward_plan") return c.owner;
  for (const Book* b : {&after, &before})
    for (const RewardPlan& p : b->reward_plans)
      if (b->text(p.id) == c.id) return p.applies_team.empty() ? "company" : b->str(p.applies_team);
  return "company";
}

Location place(const Change& c, const Book& before, const Book& after) {
  auto find = [&](const Book& b) -> std::optional<Location> {
    if (c.kind == "target")
      if (const Target* t = b.target(c.id)) return b.location(t->at);
    if (c.kind == "deal")
      if (const Deal* d = b.deal(c.id)) return b.location(d->at);
    if (c.kind == "customer")
      if (const Customer* x = b.customer(c.id)) return b.location(x->at);
    if (c.kind == "reward_plan")
      for (const RewardPlan& p : b.reward_plans)
        if (b.text(p.id) == c.id) return b.location(p.at);
    if (c.kind == "review")
      for (const Review& r : b.reviews)
        if (b.str(r.period_text) + "/" + b.str(r.person) == c.id) return b.location(r.at);
    return std::nullopt;
  };
  if (auto l = find(after)) return *l;
  if (auto l = find(before)) return *l;
  return {};
}

}  // namespace

std::vector<std::string> allowed_approvers(const Book& book, std::string_view owner) {
  std::vector<std::string> out;
  auto add = [&](Sym manager) {
    std::string m = book.str(manager);
    if (!m.empty() && m != owner && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  auto climb = [&](const Team* t) {
    for (std::size_t steps = 0; t && steps <= book.teams.size(); ++steps) {  // bounded: a cycle cannot hang
      add(t->manager);
      t = t->parent.empty() ? nullptr : book.team(book.text(t->parent));
    }
  };
  if (owner == "company") {
    for (const Team& t : book.teams)
      if (t.parent.empty() || book.text(t.parent) == "company") add(t.manager);
  } else if (const Person* p = book.person(owner)) {
    climb(book.team(book.text(p->team)));
  } else {
    climb(book.team(owner));
  }
  return out;
}

std::optional<ApprovalResult> check_approvals(const fs::path& book_root, const std::string& range, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<ApprovalResult> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  auto dots = range.find("..");
  if (dots == std::string::npos || range.find("...") != std::string::npos || dots == 0 || dots + 2 == range.size())
    return fail(fmt::format("--approvals takes a range REV..REV2, not '{}'", range));
  std::string from = range.substr(0, dots), to = range.substr(dots + 2);
  auto a = resolve_commit(book_root, from), b = resolve_commit(book_root, to);
  if (!a) return fail(fmt::format("--approvals: no such revision '{}'", from));
  if (!b) return fail(fmt::format("--approvals: no such revision '{}'", to));
  GitResult base = run_git(book_root, {"merge-base", *a, *b});
  if (!base.ok()) return fail(fmt::format("--approvals: {} and {} share no history", from, to));
  GitResult prefix = run_git(book_root, {"rev-parse", "--show-prefix"});
  std::string dir = prefix.out.substr(0, prefix.out.find('\n'));
  std::string base_id = base.out.substr(0, base.out.find('\n'));

  GitCatFile cat(book_root);
  auto authority = load_files_at(cat, base_id + ":" + dir, {"team.yaml"});
  const auto& kinds = authority->config.approval_records;

  // Oldest first: commit, subject, Approved-by values (separated by \x1d); records end with \x1e.
  GitResult log = run_git(book_root, {"log", "--reverse", "--no-merges",
                                      "--format=%H%x1f%s%x1f%(trailers:key=Approved-by,valueonly,separator=%x1d)%x1e",
                                      *a + ".." + *b, "--", "."});
  if (!log.ok()) return fail(fmt::format("git log failed: {}", log.err.substr(0, log.err.find('\n'))));
  ApprovalResult result;
  for (const std::string& raw : split(log.out, '\x1e')) {
    std::string record = trim(raw);
    if (record.empty()) continue;
    std::vector<std::string> f = split(record + '\x1f', '\x1f');
    if (f.empty()) continue;
    std::string commit = f[0], subject = f.size() > 1 ? f[1] : "";
    std::vector<std::string> approvers;
    if (f.size() > 2)
      for (auto& v : split(f[2], '\x1d'))
        if (auto id = trim(v); !id.empty()) approvers.push_back(id);
    ++result.commits;
    GitResult changed = run_git(book_root, {"diff-tree", "-r", "-z", "--name-only", "--no-commit-id", "--root",
                                            "--relative", commit, "--", "."});
    if (!changed.ok()) return fail(fmt::format("git diff-tree failed on {}", commit));
    std::vector<std::string> files;
    for (auto& file : split(changed.out, '\0'))
      if (file.ends_with(".yaml") && file.find("/.") == std::string::npos && file[0] != '.') files.push_back(file);
    if (files.empty()) continue;
    auto before = load_files_at(cat, commit + "^:" + dir, files);
    auto after = load_files_at(cat, commit + ":" + dir, files);
    std::set<std::string> reported;  // one problem per record and commit
    for (const Change& c : book_diff(*before, *after)) {
      if (std::find(kinds.begin(), kinds.end(), plural(c.kind)) == kinds.end()) continue;
      if (!reported.insert(c.kind + " " + c.id).second) continue;
      std::vector<std::string> allowed = allowed_approvers(*authority, approval_owner(c, *before, *after));
      bool ok = std::any_of(approvers.begin(), approvers.end(), [&](const std::string& who) {
        return std::find(allowed.begin(), allowed.end(), who) != allowed.end();
      });
      if (ok) continue;
      std::string what = fmt::format("commit {} (\"{}\") changes {} {}", commit.substr(0, 10), subject,
                                     c.kind == "reward_plan" ? "reward plan" : c.kind, c.id);
      std::string who = allowed.empty() ? std::string("nobody: the team tree names no manager above it")
                                        : fmt::format("{}", fmt::join(allowed, ", "));
      Location at = place(c, *before, *after);
      if (at.file.empty()) at.file = "(unknown)";
      if (approvers.empty())
        result.problems.error("approval-missing", at, what + " without an Approved-by trailer",
                              fmt::format("may approve it: {}", who));
      else
        result.problems.error("approval-not-allowed", at,
                              fmt::format("{}, approved by {}, who may not approve it", what, fmt::join(approvers, ", ")),
                              fmt::format("may approve it: {}", who));
    }
  }
  return result;
}

}  // namespace salesops::core
