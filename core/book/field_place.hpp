#pragma once
// The fields an edit verb sets, and where it inserts a key a record lacks: after the nearest key before it, in the
// order of the record schema (salesops-book(5)), so a record keeps the order users read.
#include <functional>
#include <string>
#include <string_view>

#include <vector>

#include "core/book/custom_fields.hpp"
#include "core/book/schema.hpp"

namespace salesops::core {

/// A field an edit verb sets, by its key in the record schema (kDeal, kCustomer) and its value
/// as given on the command line; an empty value removes an optional field. Options such as
/// --amount and a future --set FIELD=VALUE both become these.
struct FieldValue {
  std::string key;
  std::string value;
};

/// Whether a record of a kind ("person", "customer") that the book lacks is created by the
/// same transaction (an import row's new owner), so an edit may name it.
using CreatedAlongside = std::function<bool(std::string_view kind, std::string_view id)>;

/// The key of `record` that a missing `key` goes after: the last one before it in schema
/// order for which `has(key)` is true, else the record's identity (or "" when it has none).
template <class Has>
std::string key_after(const schema::RecordSchema& record, std::string_view key, Has has) {
  std::string after(record.identity);
  for (const schema::FieldSpec& f : record.fields) {
    if (f.key == key) break;
    if (has(f.key)) after = f.key;
  }
  return after;
}

/// As key_after for a custom field `key` of `declared` (config [fields.*]): custom fields
/// follow every field of the schema, in declared order.
template <class Has>
std::string custom_key_after(const schema::RecordSchema& record, const std::vector<CustomField>& declared,
                             std::string_view key, Has has) {
  std::string after = key_after(record, key, has);
  for (const CustomField& f : declared) {
    if (f.key == key) break;
    if (has(f.key)) after = f.key;
  }
  return after;
}

/// The scalar a custom field's value is written as: numbers, amounts and dates plain, text
/// quoted when YAML needs it.
inline bool custom_written_plain(const CustomField& f) {
  return f.type == CustomType::number || f.type == CustomType::money || f.type == CustomType::date;
}

}  // namespace salesops::core
