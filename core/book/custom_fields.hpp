#pragma once
// Custom fields: the fields a book adds to a record kind in salesops.toml ([fields.deal],
// [fields.customer]), each with a type. They extend the record schema (schema.hpp) at run
// time: the loaders read them instead of warning of an unknown key, `list`, `show`, custom
// KPIs and `kpi --by FIELD` read their values, and the edit verbs set them.
//
// Values are kept apart from the records, one small entry per value given, so a book that
// declares none pays nothing.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/base/strings.hpp"
#include "core/base/table.hpp"
#include "core/book/schema.hpp"

namespace salesops::core {

enum class CustomType : std::uint8_t { text, number, money, date, choice, ref };

struct CustomField {
  std::string key;
  CustomType type = CustomType::text;
  std::vector<std::string> values;  // choice: the values allowed, in the declared order
  RefKind ref = RefKind::count;     // ref: the kind of record named
  Location at;                      // the declaration in salesops.toml
};

/// The custom fields of the record kinds that can have them.
struct CustomFields {
  std::vector<CustomField> deal, customer;

  /// The fields of `kind` ("deal", "customer"; the kinds of the record schema), empty for others.
  const std::vector<CustomField>& of(std::string_view kind) const;
  /// The index of `key` among `fields`, or -1.
  static int index(const std::vector<CustomField>& fields, std::string_view key);
};

/// A custom type by its name in salesops.toml (text, number, money, date, enum), or nullopt.
std::optional<CustomType> parse_custom_type(std::string_view name);
/// The name of a type as salesops.toml writes it; a reference is "reference to KIND".
std::string custom_type_name(const CustomField& field);
/// The kinds a reference field may name ("customer", "person", "team", "deal").
std::optional<RefKind> parse_ref_kind(std::string_view name);

/// What is wrong with `value` for `field` (its type or its enum values; references are
/// checked against the book by the caller): a rule, a message and a hint, or nothing.
struct FieldProblem {
  const char* rule;
  std::string message, hint;
};
std::optional<FieldProblem> custom_value_problem(const CustomField& field, std::string_view value);

/// A value as a typed cell: money in cents, a number as a decimal, a date, else text.
Cell custom_cell(const CustomField& field, std::string_view value);
/// The column type of a field's cells: money, a decimal (whole numbers print as integers),
/// a date, else text.
inline ColumnType custom_column_type(const CustomField& field) {
  switch (field.type) {
    case CustomType::money: return ColumnType::money;
    case CustomType::number: return ColumnType::decimal;
    case CustomType::date: return ColumnType::date;
    default: return ColumnType::text;
  }
}

/// The custom values of one record kind: (record index, field index, value as written), in
/// record order. Records are appended in load order, so lookups are binary searches.
class CustomValues {
 public:
  struct Entry {
    std::uint32_t record;
    std::uint16_t field;
    Sym value;
  };
  void add(std::uint32_t record, std::uint16_t field, Sym value) { entries_.push_back({record, field, value}); }
  bool empty() const { return entries_.empty(); }
  /// The value of `field` of record `record`, or an empty Sym.
  Sym get(std::uint32_t record, std::size_t field) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), record,
                               [](const Entry& e, std::uint32_t r) { return e.record < r; });
    for (; it != entries_.end() && it->record == record; ++it)
      if (it->field == field) return it->value;
    return {};
  }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace salesops::core
