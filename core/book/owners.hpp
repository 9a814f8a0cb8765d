#pragma once
// Owners: a person, a team (its whole subtree) or "company", and who they stand for.
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/book/book.hpp"

namespace salesops::core {

/// Ids of the people an owner stands for: the person, a team's members (subtree), or
/// everyone for "company".
std::vector<Sym> owner_people(const Book& book, std::string_view owner);

/// The owners `owner` answers for: itself and, for a team or "company", its sub-teams and
/// the people in them. Targets of any of these belong to the owner's view.
std::unordered_set<std::string_view> owners_under(const Book& book, std::string_view owner);

}  // namespace salesops::core
