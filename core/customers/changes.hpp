#pragma once
// `customer add`, `customer log` and `customer survey` (SPEC 7): the customer file created,
// or the interaction or survey appended to one, or why the change is refused. Values come
// as given on the command line (dates as text) and refusals name the option. Nothing here
// writes; the caller hands the edits to BookWriter.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.hpp"
#include "core/book/book.hpp"
#include "core/book/field_place.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

struct NewCustomer {
  std::string id;  // empty: the next free C-NNNN
  std::string name, owner, tier, segment, industry, region, source;
  std::string since;                  // YYYY-MM-DD; empty: today
  std::vector<std::string> contacts;  // name=...,title=...,phone=...,email=...
};

/// customers/<id>.yaml with the fields given, in the order of salesops-book(5). Refuses a
/// name another customer has (normalised_name) unless `force`, an empty name, an unknown owner, tier or segment (when salesops.toml lists segments), a
/// malformed date, contact or id, and a customer or file (under `book_root`) that exists.
WriteChange customer_add_change(const Book& book, const NewCustomer& customer, Date today,
                                const std::filesystem::path& book_root, bool force = false);

struct NewInteraction {
  std::string type;     // visit, call, email, meeting, demo or care
  std::string by;       // a person; empty: the customer's owner
  std::string summary;  // optional
  std::string next;     // optional follow-up date, not before `date`
  std::string date;     // empty: today
};

/// `customer edit`: name, owner, tier, segment, industry, region, source and since set in
/// place (a missing key inserted in schema order) or, empty, removed (but name and owner).
/// Refuses an unknown field, person, tier or listed segment, a malformed date, an owner who
/// has left, and a name another customer has (normalised_name) unless `force`.
/// An owner the book lacks is taken when `alongside` says the same transaction creates it.
WriteChange customer_edit_change(const Book& book, const Customer& customer, const std::vector<FieldValue>& fields,
                                 Date today, bool force, const CreatedAlongside& alongside = {});

/// `customer merge DUP INTO`: one transaction that appends the duplicate's contacts (those
/// INTO lacks), interactions and surveys to INTO's file, gives INTO the fields it lacks (and
/// the earlier `since`), points every deal of the duplicate at INTO, and removes the
/// duplicate's file. Refuses merging a customer into itself and a duplicate whose file holds
/// other records.
WriteChange customer_merge_change(const Book& book, const Customer& duplicate, const Customer& into);

/// Appends the interaction to the customer's file.
WriteChange interaction_add_change(const Book& book, const Customer& customer, const NewInteraction& interaction,
                              Date today);

struct NewSurvey {
  std::optional<int> csat, nps;  // 1-5 and 0-10; at least one
  std::string comment;
  std::string date;  // empty: today
};

/// Appends the survey to the customer's file.
WriteChange survey_add_change(const Book& book, const Customer& customer, const NewSurvey& survey, Date today);

}  // namespace salesops::core
