#pragma once
// Who approved a commit: the Approved-by trailers of its message (a claim by its author),
// and the approval commits that name it in an `Approves:` trailer (signed by the approver
// when [approvals] require = "signed").
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/book/book.hpp"

namespace salesops::core {

/// The values of `key` trailers ("Approved-by") in a commit message, wherever a hosting
/// service put them: git's own trailers, lines indented by `git merge --squash`, bulleted
/// lines ("* Approved-by: li.na") of a squash merge's body, in any paragraph after the
/// subject. The key is matched without regard to case.
std::vector<std::string> trailer_values(std::string_view message, std::string_view key);

/// The person of `book` that `who` names: a person id, "Name <e-mail>" or an e-mail
/// address, matched against people's `email` without regard to case (the name is not
/// compared). Empty when it names nobody.
std::string person_named(const Book& book, std::string_view who);

/// The signer of `commit` when git's own `verify-commit` accepts its signature (with the
/// gpg program and allowed-signers file git is configured with): the principal or key
/// owner git reports, such as "li.na@example.com". nullopt for an unsigned commit or a
/// signature git does not accept.
std::optional<std::string> verified_signer(const std::filesystem::path& dir, const std::string& commit);

}  // namespace salesops::core
