#include "core/audit/approvals.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/audit/approval_claims.hpp"
#include "core/audit/approval_range.hpp"
#include "core/base/git.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

void add_once(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

/// Who approved each commit of the range, read once for the whole range.
struct Claims {
  std::map<std::string, std::vector<std::string>> approvers;  // commit → person ids (else the names given)
  std::map<std::string, std::vector<std::string>> unsigned_;  // commit → names whose approval is not signed

  /// The full id `value` (an Approves trailer) names among `commits`: the id or a prefix of
  /// at least 7 digits.
  static std::string named_commit(const std::vector<RangeCommit>& commits, const std::string& value) {
    if (value.size() < 7) return {};
    for (const RangeCommit& c : commits)
      if (c.id.starts_with(value)) return c.id;
    return {};
  }

  Claims(const fs::path& root, const Book& authority, const std::vector<RangeCommit>& commits) {
    bool require_signed = authority.config.approval_signed;
    for (const RangeCommit& c : commits) {
      for (const std::string& who : trailer_values(c.message, "Approved-by")) {
        std::string id = person_named(authority, who);
        add_once(require_signed ? unsigned_[c.id] : approvers[c.id], id.empty() ? who : id);
      }
      std::vector<std::string> approved = trailer_values(c.message, "Approves");
      if (approved.empty()) continue;
      // An approval commit speaks for its author in trailer mode, for its signer in signed mode.
      std::optional<std::string> signer = require_signed ? verified_signer(root, c.id) : std::optional(c.author);
      std::string who = signer.value_or(c.author), id = person_named(authority, who);
      for (const std::string& value : approved) {
        std::string target = named_commit(commits, value);
        if (!target.empty()) add_once(signer ? approvers[target] : unsigned_[target], id.empty() ? who : id);
      }
    }
  }
};

/// One finding per changed record of a commit, naming who may approve it.
void report(const RangeCommit& c, const std::vector<ApprovableChange>& changes, const Book& authority,
            const Claims& claims, Diagnostics& problems) {
  static const std::vector<std::string> kNone;
  auto get = [&](const auto& map) -> const std::vector<std::string>& {
    auto it = map.find(c.id);
    return it == map.end() ? kNone : it->second;
  };
  const std::vector<std::string>& approvers = get(claims.approvers);
  const std::vector<std::string>& not_signed = get(claims.unsigned_);
  bool merge = c.parents.size() > 1;
  std::set<std::string> reported;  // one problem per record and commit
  for (const ApprovableChange& ch : changes) {
    if (!reported.insert(ch.kind + " " + ch.id).second) continue;
    std::vector<std::string> fields;
    for (const ApprovableChange& other : changes)
      if (other.kind == ch.kind && other.id == ch.id) add_once(fields, other.field);
    std::vector<std::string> allowed = allowed_approvers(authority, ch.owner);
    if (std::any_of(approvers.begin(), approvers.end(), [&](const std::string& who) {
          return std::find(allowed.begin(), allowed.end(), who) != allowed.end();
        }))
      continue;
    std::string what = fmt::format("{} {} (\"{}\") changes {}{}", merge ? "merge" : "commit", c.id.substr(0, 10),
                                   c.subject, describe_change(ch, fields), merge ? " beyond its parents" : "");
    std::string who = allowed.empty() ? std::string("nobody: the team tree names no manager above it")
                                      : fmt::format("{}", fmt::join(allowed, ", "));
    std::string hint = fmt::format("may approve it: {}", who);
    if (authority.config.approval_signed)
      hint += fmt::format(" (require = \"signed\": `salesops approve {}`, signed by one of them)", c.id.substr(0, 10));
    Location at = ch.at;
    if (at.file.empty()) at.file = "(unknown)";
    if (!approvers.empty())
      problems.error("approval-not-allowed", at,
                     fmt::format("{}, approved by {}, who may not approve it", what, fmt::join(approvers, ", ")), hint);
    else if (!not_signed.empty())
      problems.error(
          "approval-unsigned", at,
          fmt::format("{}, approved by {} without a signature git verifies", what, fmt::join(not_signed, ", ")), hint);
    else
      problems.error(
          "approval-missing", at,
          what + (authority.config.approval_signed ? " without a signed approval" : " without an Approved-by trailer"),
          hint);
    problems.items().back().commit = c.id;
  }
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

std::map<std::string, std::vector<std::string>> commit_approvers(const fs::path& book_root, const Book& authority,
                                                                 const std::vector<RangeCommit>& commits) {
  return Claims(book_root, authority, commits).approvers;
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
  std::string reason;
  auto dir = git_book_prefix(book_root, &reason);
  if (!dir) return fail("--approvals: " + reason);
  auto a = resolve_commit(book_root, from), b = resolve_commit(book_root, to);
  if (!a) return fail(fmt::format("--approvals: no such revision '{}'", from));
  if (!b) return fail(fmt::format("--approvals: no such revision '{}'", to));
  GitResult base = run_git(book_root, {"merge-base", *a, *b});
  if (!base.ok()) return fail(fmt::format("--approvals: {} and {} share no history", from, to));
  std::string base_id = base.out.substr(0, base.out.find('\n'));

  // Authority (the team tree and [approvals]) as it stood at the range's base.
  BookHistory history(book_root, *dir);
  std::unique_ptr<Book> authority;
  {
    GitCatFile cat(book_root);
    authority = load_files_at(cat, base_id + ":" + *dir, {"team.yaml"});
  }
  auto commits = range_commits(book_root, *a, *b, error);
  if (!commits) return std::nullopt;
  Claims claims(book_root, *authority, *commits);
  ApprovalResult result;
  for (const RangeCommit& c : *commits) {
    bool counted = false;
    std::vector<ApprovableChange> changes = history.changes(c, authority->config.approval_records, &counted);
    if (counted) ++result.commits;
    report(c, changes, *authority, claims, result.problems);
  }
  return result;
}

}  // namespace salesops::core
