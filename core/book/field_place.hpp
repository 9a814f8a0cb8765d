#pragma once
// The fields an edit verb sets, and where it inserts a key a record lacks: after the nearest key before it, in the
// order of the record schema (salesops-book(5)), so a record keeps the order users read.
#include <functional>
#include <string>
#include <string_view>

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

}  // namespace salesops::core
