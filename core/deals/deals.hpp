#pragma once
// `deal list`: the deals of the book, filtered and sorted.
#include <optional>
#include <string>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

struct DealQuery {
  std::string owner;     // a person id
  std::string team;      // a team id (or company): deals owned by the people of its subtree
  std::string stage;     // a stage name, won and lost included
  std::string customer;  // a customer id
  std::string product;   // free text, compared exactly
  bool open_only = false;
  std::optional<Period> closed_in;  // won or lost with `closed` in the period
  /// A column id to sort on; a leading '-' sorts in decreasing order. Deals without the
  /// value come last either way; ties go by id.
  std::string sort = "id";
};

/// The column ids of `deal list`, in order.
const std::vector<std::string>& deal_list_columns();

/// `deal list`: `id,owner,customer,product,stage,amount,opened,expected_close,closed,title`,
/// then one column per custom field of deals (config [fields.deal]), in declared order;
/// one row per deal that passes every filter. Returns nullopt with `error` (a message with a
/// "did you mean" when there is a likely one) for an unknown owner, team, customer, stage or
/// sort column.
std::optional<Table> deal_list_table(const Book& book, const DealQuery& query, std::string* error);

}  // namespace salesops::core
