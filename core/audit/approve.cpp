#include "core/audit/approve.hpp"

#include <fmt/format.h>

#include "core/audit/approval_claims.hpp"
#include "core/base/git.hpp"
#include "core/base/i18n.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace {

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

std::optional<Approval> approve_commit(const std::filesystem::path& book_root, const Book& book,
                                       const std::string& revision, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<Approval> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  std::string reason;
  if (!git_book_prefix(book_root, &reason)) return fail(reason);
  auto target = resolve_commit(book_root, revision);
  if (!target) return fail(fmt::format(N_("no such revision '{}'"), revision));
  std::string email = first_line(run_git(book_root, {"config", "user.email"}).out);
  if (email.empty()) return fail(N_("git has no user.email: the approver is the person of team.yaml with that email"));
  std::string approver = person_named(book, "<" + email + ">");
  if (approver.empty())
    return fail(
        fmt::format(N_("user.email {} is nobody's email in team.yaml: add `email: {}` to your person"), email, email));
  GitResult head = run_git(book_root, {"rev-parse", "--verify", "--quiet", "HEAD"});
  if (!head.ok()) return fail(N_("the repository has no commit to add an approval to"));
  std::string parent = first_line(head.out);
  std::string subject = first_line(run_git(book_root, {"log", "-1", "--format=%s", *target}).out);
  std::string message = fmt::format("approve {}: {}\n\nApproves: {}\n", target->substr(0, 10), subject, *target);
  bool sign = book.config.approval_signed;
  const Person* p = book.person(approver);
  std::string name = p->name.empty() ? approver : book.str(p->name);
  std::vector<std::string> env{"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email};
  GitResult made = run_git(
      book_root, {"commit-tree", sign ? "-S" : "--no-gpg-sign", "-p", parent, "-m", message, parent + "^{tree}"}, env);
  if (!made.ok()) return fail(fmt::format(N_("git commit-tree failed: {}"), git_reason(made)));
  std::string commit = first_line(made.out);
  // The old value makes the update fail, rather than lose a commit, if HEAD moved meanwhile.
  GitResult moved = run_git(book_root, {"update-ref", "-m", "salesops approve", "HEAD", commit, parent});
  if (!moved.ok()) return fail(fmt::format(N_("git update-ref failed: {}"), git_reason(moved)));
  return Approval{commit, *target, approver, sign};
}

}  // namespace salesops::core
