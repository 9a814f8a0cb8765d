#pragma once
// A typed report table: what every command returns and every renderer turns into text.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/date.hpp"
#include "core/base/money.hpp"

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
  std::string id;        // stable snake_case id: csv header and json key
  std::string label;     // table header; empty means the id
  bool numeric = false;  // holds figures: right-aligned even when every cell is undefined
  /// A detail: a terminal's compact view leaves it out (--wide and --columns show it).
  bool detail = false;
};

/// How a cell reads at a glance: the table format colours it on a terminal (green,
/// yellow, red); every other format ignores it.
enum class Tone : std::uint8_t { none, good, warn, bad };

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  /// Per row, per column, a tone; rows and columns past the end are Tone::none.
  std::vector<std::vector<Tone>> tones;
  /// Per row, how deep its first cell sits in a tree (a child target under its parent):
  /// the table format indents it two spaces a level; other formats ignore it. Rows past
  /// the end of this vector are at depth 0.
  std::vector<std::uint8_t> depth;

  void add_column(std::string id, std::string label = {}) { columns.push_back({std::move(id), std::move(label)}); }
  /// A column of figures (see Column::numeric).
  void add_numeric_column(std::string id) { columns.push_back({std::move(id), {}, true}); }
  /// Marks the columns with these ids as details (see Column::detail).
  void mark_detail(std::initializer_list<std::string_view> ids) {
    for (Column& c : columns)
      for (std::string_view id : ids)
        if (c.id == id) c.detail = true;
  }
  std::vector<Cell>& add_row() { return rows.emplace_back(columns.size()); }
  void set_tone(std::size_t row, std::size_t column, Tone tone) {
    if (tones.size() <= row) tones.resize(row + 1);
    if (tones[row].size() <= column) tones[row].resize(column + 1, Tone::none);
    tones[row][column] = tone;
  }
  Tone tone(std::size_t row, std::size_t column) const {
    return row < tones.size() && column < tones[row].size() ? tones[row][column] : Tone::none;
  }
};

}  // namespace salesops::core
