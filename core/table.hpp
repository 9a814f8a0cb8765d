#pragma once
// A typed report table: what every command returns and every renderer turns into text.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace salesops::core {

struct Undefined {
  friend bool operator==(Undefined, Undefined) = default;
};
/// A ratio such as attainment or win rate: 1.05 renders as 105.0% in tables, 1.05 in csv.
struct Ratio {
  double value = 0;
  friend bool operator==(Ratio, Ratio) = default;
};
/// A plain decimal (a mean such as csat or days): two decimals in tables, full in csv.
struct Decimal {
  double value = 0;
  friend bool operator==(Decimal, Decimal) = default;
};

/// One cell: text, integer, money, ratio, decimal, date or undefined.
using Cell = std::variant<Undefined, std::string, std::int64_t, Money, Ratio, Decimal, Date>;

struct Column {
  std::string id;     // stable snake_case id: csv header and json key
  std::string label;  // table header; empty means the id
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  /// Per row, how deep its first cell sits in a tree (a child target under its parent):
  /// the table format indents it two spaces a level; other formats ignore it. Rows past
  /// the end of this vector are at depth 0.
  std::vector<std::uint8_t> depth;

  void add_column(std::string id, std::string label = {}) { columns.push_back({std::move(id), std::move(label)}); }
  std::vector<Cell>& add_row() { return rows.emplace_back(columns.size()); }
};

}  // namespace salesops::core
