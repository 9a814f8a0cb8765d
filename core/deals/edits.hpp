#pragma once
// `deal add` and `deal move` (SPEC 7): the edits that add a deal or move it to a stage, or
// why the change is refused (a WriteChange). Nothing here writes; the caller hands the edits
// to BookWriter.
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/base/money.hpp"
#include "core/book/book.hpp"
#include "core/book/field_place.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

struct NewDeal {
  std::string id;               // empty: D-YYYY-xxxx of the opened year (core/base/ids.hpp new_id)
  std::string owner;            // a person id
  std::string customer;         // optional: a customer id
  std::string title, product;   // optional, free text
  std::string stage;            // empty: the first stage of the funnel
  std::optional<Money> amount;  // optional, 0 or more
  Date opened;
  std::optional<Date> expected_close;  // not before opened
  std::vector<FieldValue> custom;      // custom fields (config [fields.deal]), after the history
};

/// Adds the deal to deals/<YYYY-MM of opened>.yaml, after the last deal of its owner
/// there (new_record_place), with the fields given, in the order of salesops-book(5), and a
/// history holding its stage on the opened date. Refuses an id that is taken or
/// malformed, an unknown owner, customer or stage, a won or lost stage (a deal starts
/// open), a negative amount, an opened date after `today` and an expected close before
/// the opened date.
WriteChange deal_add_change(const Book& book, const NewDeal& deal, Date today);

struct DealMove {
  std::string id;
  std::string stage;
  Date date;
  std::string reason;  // lost: lost_reason; other stages: the history entry's reason
  /// `deal disqualify`: to lost with lost_reason `disqualified` (Book::disqualified) and
  /// `reason` in the history entry, from an open stage, customer and amount or not.
  bool disqualify = false;
  /// Fields the same transaction gives the deal before the move (an import row that closes
  /// a lead and gives it its amount): a won or lost deal's customer and amount count as present.
  std::vector<std::string> also_set = {};
};

/// Sets the deal's stage in place and appends {date, stage} to its history (a deal without
/// history first gets the entry {opened, stage} it implied). Moving to won or lost sets
/// `closed` to the date (and, for lost, `lost_reason` to the reason); moving to an open
/// stage removes `closed` and `lost_reason`; moving from lost to won removes lost_reason.
/// Refuses an unknown deal or stage, a move to the stage the deal is in, a date before the
/// deal's last history entry or its opened date, and a date after `today`.
WriteChange deal_move_change(const Book& book, const DealMove& move, Date today);

/// `deal edit`: each field set in place (a missing key inserted after the nearest field before
/// it in schema order) or removed. Editable: customer, owner, title, product, amount,
/// expected_close. Refuses an unknown deal, field, customer or owner, an owner who has left
/// of an open deal, a malformed or negative amount or date, an expected close before the
/// opened date, and the removal of what the deal needs (owner; customer and amount of a won
/// or lost deal). A field given its current value changes nothing. An owner or customer
/// the book lacks is taken when `alongside` says the same transaction creates it.
WriteChange deal_edit_change(const Book& book, const std::string& id, const std::vector<FieldValue>& fields, Date today,
                             const CreatedAlongside& alongside = {});

}  // namespace salesops::core
