#pragma once
// The changes between two states of a book as records (`salesops diff`): the typed fields
// of targets, deals, customers, reviews and reward plans, matched by id (reviews by period
// and person). record_diff.hpp adds every other field and kind.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// One changed field of one record. `before` and `after` are typed cells (money, date,
/// text), Undefined where the record or field is absent.
struct Change {
  std::string kind;    // one of diff_kinds(), in their order in the output
  std::string id;      // record id; a review is "PERIOD/PERSON"
  std::string owner;   // the record's owner after the change (before it, when removed)
  std::string change;  // added | removed | changed | moved | reassigned | finalised | joined | left
  std::string field;   // an added or removed record: its main field (value, stage, owner, status, metric);
                       // a nested one as a path: interactions[2026-10-03 call].summary
  Cell before, after;
  std::string note;    // targets: whether the parent still matches its children
};

/// Every change from `before` to `after`, grouped by kind in the order above, then by id.
/// `changed_files`, when given, are the only files whose text differs between the two
/// (salesops.toml not among them): the deals and customers of the others are the same on
/// both sides and are not compared.
std::vector<Change> book_diff(const Book& before, const Book& after,
                              const std::set<std::string, std::less<>>* changed_files = nullptr);

/// The kinds in output order: target, deal, customer, review, reward_plan, plan, session,
/// training, grant, team, person, settings.
const std::vector<std::string>& diff_kinds();

/// The changes as a table: kind,id,owner,change,field,before,after,note.
Table diff_table(const std::vector<Change>& changes, bool with_kind = true);

}  // namespace salesops::core
