#pragma once
// `salesops check --approvals A..B`: every commit in the range that changes a record of a
// kind [approvals] records lists must carry an `Approved-by: <person id>` trailer naming
// someone allowed to approve it.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// Who may approve a change to a record owned by `owner` (a person, a team or company) in
/// `book`: the managers of the owner's team and of every team above it. For a person, their
/// team; for a team, itself; for company, the managers of the teams directly under it. The
/// owner never approves their own record.
std::vector<std::string> allowed_approvers(const Book& book, std::string_view owner);

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
