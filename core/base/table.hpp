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
#include "core/base/period.hpp"

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

/// A period as a cell: its label (`2026-11`, `2026-Q4`) and the days it covers. Tables show
/// the label; machine formats add its first and last day.
struct PeriodCell {
  std::string label;
  Date first{}, last{};
  friend bool operator==(const PeriodCell&, const PeriodCell&) = default;
};

inline PeriodCell period_cell(const Period& p) { return {p.label, p.first, p.last}; }

/// One cell: text, integer, money, ratio, decimal, date, period or undefined.
using Cell = std::variant<Undefined, std::string, std::int64_t, Money, Ratio, Decimal, Date, PeriodCell>;

/// What a column holds, declared where the table is built (json meta.columns says it).
/// `number` is a column of figures in several units (a target's value is money for revenue
/// and a count for deals_won): the column its Column::unit_column names says each row's.
/// `mixed` holds values of several kinds (a changed field's before and after: text, money or
/// a date), each cell typed as its field is.
enum class ColumnType : std::uint8_t { text, integer, money, ratio, decimal, date, period, number, mixed };

/// Integers, money, ratios, decimals and numbers are figures (right-aligned in tables).
inline bool holds_figures(ColumnType type) {
  return type != ColumnType::text && type != ColumnType::date && type != ColumnType::period && type != ColumnType::mixed;
}

struct Column {
  std::string id;        // stable snake_case id: csv header and json key
  std::string label;     // table header; empty means the id
  bool numeric = false;  // holds figures: right-aligned even when every cell is undefined
  ColumnType type = ColumnType::text;
  /// What a figure counts: "count", "ratio", "days", "hours", "rating", "points"; for money
  /// empty, which machine formats write as the book's currency.
  std::string unit;
  std::string unit_column;  // for ColumnType::number: the id of the column naming each row's unit
  /// Written by machine formats only (a per-row unit): table and md, read by people who
  /// see the unit in the figure's own format, leave it out.
  bool machine_only = false;
  /// A detail: a terminal's compact view leaves it out (--wide and --columns show it).
  bool detail = false;
};

/// A row of figures, or a row that adds up others (a team's subtotal, the company's total):
/// machine formats write it in a row_kind column so that a sum counts each figure once.
enum class RowKind : std::uint8_t { detail, subtotal, total };

/// The unit a figure of `type` has when nothing more precise is known: "count" for integers,
/// "ratio" for ratios, none for the rest.
inline std::string default_unit(ColumnType type) {
  return type == ColumnType::integer ? "count" : type == ColumnType::ratio ? "ratio" : "";
}

/// How a cell reads at a glance: the table format colours it on a terminal (green,
/// yellow, red); every other format ignores it.
enum class Tone : std::uint8_t { none, good, warn, bad };

/// The unit of one figure, for a row of a column of several units: `currency` for money,
/// "count" for an integer, "ratio" for a ratio; empty for the rest and for undefined.
inline std::string cell_unit(const Cell& cell, const std::string& currency) {
  if (std::holds_alternative<Money>(cell)) return currency;
  if (std::holds_alternative<std::int64_t>(cell)) return "count";
  if (std::holds_alternative<Ratio>(cell)) return "ratio";
  return {};
}

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  /// Per row, per column, a tone; rows and columns past the end are Tone::none.
  std::vector<std::vector<Tone>> tones;
  /// Per row, how deep its first cell sits in a tree (a child target under its parent):
  /// the table format indents it two spaces a level; other formats ignore it. Rows past
  /// the end of this vector are at depth 0.
  std::vector<std::uint8_t> depth;

  /// Marks the columns with these ids as details (see Column::detail).
  void mark_detail(std::initializer_list<std::string_view> ids) {
    for (Column& c : columns)
      for (std::string_view id : ids)
        if (c.id == id) c.detail = true;
  }
  /// Set by a table that can hold subtotal or total rows besides its detail rows: machine
  /// formats then add a row_kind column, present whether or not this table holds one.
  bool has_row_kinds = false;
  /// The columns machine formats add (period days, row_kind) are already in, or were chosen
  /// away by the reader (--columns): a renderer adds none.
  bool machine_columns = false;
  /// Per row, its kind; rows past the end are details.
  std::vector<RowKind> row_kinds;

  void add_column(std::string id, std::string label = {}) {
    columns.push_back({std::move(id), std::move(label), false, ColumnType::text, {}, {}, false, false});
  }
  /// A typed column: figures (integer, money, ratio, decimal, number) are numeric.
  void add_column(std::string id, ColumnType type, std::string unit = {}) {
    if (unit.empty()) unit = default_unit(type);
    bool figures = holds_figures(type);
    columns.push_back({std::move(id), {}, figures, type, std::move(unit), {}, false, false});
  }
  /// A column of figures in several units; `unit_column` names each row's.
  void add_mixed_column(std::string id, std::string unit_column) {
    columns.push_back({std::move(id), {}, true, ColumnType::number, {}, std::move(unit_column), false, false});
  }
  /// The column naming each row's unit for add_mixed_column's columns: machine formats only.
  void add_unit_column(std::string id) {
    columns.push_back({std::move(id), {}, false, ColumnType::text, {}, {}, true, false});
  }
  /// Types the column `id` (declared by add_column(id)); a unit other than the type's
  /// default when given.
  void set_type(std::string_view id, ColumnType type, std::string unit = {}) {
    for (Column& c : columns) {
      if (c.id != id) continue;
      c.type = type;
      c.unit = unit.empty() ? default_unit(type) : std::move(unit);
      c.numeric = holds_figures(type);
    }
  }
  std::vector<Cell>& add_row() { return rows.emplace_back(columns.size()); }
  void set_row_kind(std::size_t row, RowKind kind) {
    has_row_kinds = true;
    if (row_kinds.size() <= row) row_kinds.resize(row + 1, RowKind::detail);
    row_kinds[row] = kind;
  }
  RowKind row_kind(std::size_t row) const { return row < row_kinds.size() ? row_kinds[row] : RowKind::detail; }
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
