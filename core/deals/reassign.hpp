#pragma once
// `salesops reassign` (✎): a leaver's or a moved territory's deals, customers and targets
// handed to another person in one transaction. It lives with the deals, its main records;
// customers and targets are records of the Book it edits the same way.
#include <string>
#include <vector>

#include "core/book/book.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

struct Reassign {
  std::string from, to;  // person ids
  bool open_only = false;
  std::vector<std::string> kinds;  // deals, customers, targets; empty: all three
};

/// Sets `owner` from `from` to `to` on every record of the kinds asked: deals (with
/// open_only, those not won or lost), customers (all of them: a relationship is never
/// closed), person targets (with open_only, those whose period ends today or later). Refuses
/// an unknown person or kind, `to` equal to `from`, a `to` who left before `today`, nothing
/// to reassign, and a target `to` already has for the same metric and period (it would be a
/// duplicate). Target ids stay as they are: an id is a name, not a field.
WriteChange reassign_change(const Book& book, const Reassign& reassign, Date today);

}  // namespace salesops::core
