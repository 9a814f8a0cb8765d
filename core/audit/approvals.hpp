#pragma once
// `salesops check --approvals A..B`: every commit in the range that changes a record of a
// kind [approvals] records lists must carry an `Approved-by: <person id>` trailer naming
// someone allowed to approve it.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/approval_range.hpp"
#include "core/base/diagnostics.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// Who may approve a change to a record owned by `owner` (a person, a team or company) in
/// `book`: the managers of the owner's team and of every team above it. For a person, their
/// team; for a team, itself; for company, the managers of the teams directly under it. The
/// owner never approves their own record.
std::vector<std::string> allowed_approvers(const Book& book, std::string_view owner);

/// Who approved each of `commits`, by person id of `authority` (else the name given): the
/// Approved-by trailers of its message, and the approval commits among `commits` whose
/// Approves trailer names it; when `authority` requires signed approvals, only approval
/// commits whose signature git verifies. Commits nobody approved are absent.
std::map<std::string, std::vector<std::string>> commit_approvers(const std::filesystem::path& book_root,
                                                                 const Book& authority,
                                                                 const std::vector<RangeCommit>& commits);

struct ApprovalResult {
  std::size_t commits = 0;  // commits in the range that touch the book (merges left out)
  Diagnostics problems;     // one error per offending commit and record
};

/// Checks the commits of `range` ("A..B"). Authority (the team tree, [approvals]) comes from
/// the book at the merge base of A and B, so a commit cannot grant itself the right to
/// approve. nullopt with `error` set when the range is malformed or git fails.
std::optional<ApprovalResult> check_approvals(const std::filesystem::path& book_root, const std::string& range,
                                              std::string* error);

}  // namespace salesops::core
