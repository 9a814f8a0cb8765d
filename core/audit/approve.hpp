#pragma once
// `salesops approve REV`: an approval as a commit of its own, which git can sign.
#include <filesystem>
#include <optional>
#include <string>

#include "core/book/book.hpp"

namespace salesops::core {

/// What `approve_commit` made.
struct Approval {
  std::string commit;    // the new approval commit
  std::string approves;  // the full id of the commit approved
  std::string approver;  // the person id
  bool is_signed = false;
};

/// Makes an empty commit on HEAD whose message ends in the trailer `Approves: <full id of
/// revision>`, authored by the person of `book` whose `email` is git's user.email, and
/// signed by git (`commit-tree -S`, with the signing key and format git is configured
/// with) when [approvals] require = "signed". The index and the working tree are left
/// alone, so nothing staged goes into the approval. nullopt with `error` set, and nothing
/// made, when the revision names no commit, user.email names nobody or git fails.
std::optional<Approval> approve_commit(const std::filesystem::path& book_root, const Book& book,
                                       const std::string& revision, std::string* error);

}  // namespace salesops::core
