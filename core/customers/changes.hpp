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
#include "core/write/change.hpp"

namespace salesops::core {

struct NewCustomer {
  std::string id;  // empty: the next free C-NNNN
  std::string name, owner, tier, segment, industry, region, source;
  std::string since;                  // YYYY-MM-DD; empty: today
  std::vector<std::string> contacts;  // name=...,title=...,phone=...,email=...
};

/// customers/<id>.yaml with the fields given, in the order of salesops-book(5). Refuses an
/// empty name, an unknown owner, tier or segment (when salesops.toml lists segments), a
/// malformed date, contact or id, and a customer or file (under `book_root`) that exists.
WriteChange customer_add_change(const Book& book, const NewCustomer& customer, Date today,
                           const std::filesystem::path& book_root);

struct NewInteraction {
  std::string type;     // visit, call, email, meeting, demo or care
  std::string by;       // a person; empty: the customer's owner
  std::string summary;  // optional
  std::string next;     // optional follow-up date, not before `date`
  std::string date;     // empty: today
};

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
