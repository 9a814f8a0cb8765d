#pragma once
// The book as tidy tables (`salesops export`): one table per record kind and one per list
// inside a record, a row per record or item, the parent's id as a column. Text comes out as
// written, dates as YYYY-MM-DD, money and rates as numbers; for a data warehouse, a BI tool
// or SQL over the SQLite file.
#include <string>
#include <vector>

#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// A column's type in a database: what `export` declares for SQLite and what csv and jsonl
/// readers may take it as.
enum class TidyType : std::uint8_t { text, integer, real, date };

struct TidyTable {
  std::string name;             // snake_case, plural: deals, stage_changes, ...
  std::vector<TidyType> types;  // one per column of `table`
  Table table;
};

/// Every table, in a fixed order, with every row of the book. Rows keep the book's order.
std::vector<TidyTable> tidy_tables(const Book& book);

/// "TEXT", "INTEGER", "REAL" or "TEXT" (a date is ISO text, as SQLite's date functions read it).
std::string_view sql_type(TidyType type);

}  // namespace salesops::core
