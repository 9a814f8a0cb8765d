#pragma once
// `reward grant` (SPEC 7): the grant appended to rewards/<YYYY>.yaml, or why it is refused.
// Values come as given on the command line and refusals name the option. Nothing here
// writes; the caller hands the edits to BookWriter.
#include <optional>
#include <string>

#include "core/base/date.hpp"
#include "core/base/money.hpp"
#include "core/book/book.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

struct NewGrant {
  std::string person, team;  // the recipient: exactly one of them
  std::string kind;          // title, trip, gift, bonus or recognition
  std::string title, amount, reason;
  std::string date;  // YYYY-MM-DD; empty: today
  std::string id;    // empty: the next free G-<YYYY>-NNNN
};

/// Why the grant's values cannot be recorded, or nothing: not exactly one recipient, an
/// unknown kind, no title, a malformed or negative amount, a bonus without an amount, a
/// malformed date.
std::optional<std::string> grant_values_error(const NewGrant& grant);

/// The grant's amount, when it has one (`grant` passed grant_values_error()).
std::optional<Money> grant_amount(const NewGrant& grant);

/// Appends the grant to rewards/<year of its date>.yaml. `grant` passed
/// grant_values_error() and its person or team is one of team.yaml; refuses the team
/// `company`, a malformed id and an id that is taken.
WriteChange grant_change(const Book& book, const NewGrant& grant, Date today);

}  // namespace salesops::core
