#pragma once
// Targets (SPEC 1, 4): finding them, their periods, and the figures of `target status`.
#include <optional>
#include <string_view>
#include <vector>

#include "core/book.hpp"
#include "core/period.hpp"

namespace salesops::core {

/// The period a target's `period` expression names (relative words read against `today`);
/// nullopt when it does not parse (the loader has reported it).
std::optional<Period> target_period(const Book& book, const Target& target, Date today);

/// The target of `owner` (person id, team id or "company") for `metric` whose period is
/// exactly `period` (same first and last day); nullptr when there is none.
const Target* find_target(const Book& book, std::string_view owner, std::string_view metric, const Period& period,
                          Date today);

/// Ids of the people an owner stands for: the person, a team's members (subtree), or
/// everyone for "company".
std::vector<Sym> owner_people(const Book& book, std::string_view owner);

}  // namespace salesops::core
