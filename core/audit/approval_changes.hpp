#pragma once
// What a commit changes that needs approval: the records of the kinds [approvals] lists,
// and always the rules of supervision themselves — the [approvals] and [policy] settings
// and the team tree (a team's manager and parent, a person's team and e-mail) — so that
// switching approvals off, or making oneself a manager, is a change like any other.
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// One changed field that needs approval.
struct ApprovableChange {
  std::string kind;   // target | deal | customer | review | reward_plan | setting | team | person
  std::string id;     // the record's id; a setting's key, such as "policy.one_on_one_days"
  std::string field;  // the field changed; "added" or "removed" for a team or person
  std::string owner;  // whose managers approve it: a person, a team, or "company"
  Location at;        // where the change is, after it (before it, when removed)
  /// Compared across a merge's parents: the same field of the same record.
  std::string key() const { return kind + '\x1f' + id + '\x1f' + field; }
};

/// A state of the files of a book: its records and the text of its salesops.toml.
struct BookState {
  const Book& book;
  std::string_view toml;
};

/// The approvable changes from `before` to `after`, records first (in diff order), then
/// settings, teams and people. Records count when `kinds` ([approvals] records) lists
/// their kind; settings and the team tree always count.
std::vector<ApprovableChange> approvable_changes(const BookState& before, const BookState& after,
                                                 const std::vector<std::string>& kinds);

/// How findings name a changed record: "target T-1", "reward plan P", "setting
/// policy.one_on_one_days", "team north (manager, parent)". `fields` are those changed.
std::string describe_change(const ApprovableChange& c, const std::vector<std::string>& fields);

}  // namespace salesops::core
