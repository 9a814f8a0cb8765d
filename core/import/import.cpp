#include "core/import/import.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/base/enum_names.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/import/rows.hpp"

namespace salesops::core {

namespace {

const char* const kPeopleFields[] = {"id",   "name",  "team",   "team_parent", "team_manager",
                                     "role", "email", "joined", "left"};
const char* const kCustomerFields[] = {
    "id",     "name",  "owner",        "tier",          "segment",       "industry",     "region",
    "source", "since", "contact_name", "contact_title", "contact_phone", "contact_email"};
const char* const kDealFields[] = {"id",    "customer", "owner",          "title",  "product",    "amount",
                                   "stage", "opened",   "expected_close", "closed", "lost_reason"};

std::string normal_column(std::string_view s) {
  std::string out;
  for (char c : s)
    out.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

std::optional<ImportKind> parse_import_kind(std::string_view t) {
  static constexpr EnumNames<ImportKind, 3> kNames({"people", "customers", "deals"});
  return kNames.parse(t);
}

std::string_view import_kind_name(ImportKind kind) {
  return kind == ImportKind::people ? "people" : kind == ImportKind::customers ? "customers" : "deals";
}

std::span<const char* const> import_fields(ImportKind kind) {
  if (kind == ImportKind::people) return kPeopleFields;
  if (kind == ImportKind::customers) return kCustomerFields;
  return kDealFields;
}

namespace {

// The fields that can find a row's record in the book, by kind.
std::span<const char* const> match_fields(ImportKind kind) {
  static const char* const kPeople[] = {"id", "name", "email"};
  static const char* const kCustomers[] = {"id", "name"};
  static const char* const kDeals[] = {"id", "title"};
  if (kind == ImportKind::people) return kPeople;
  if (kind == ImportKind::customers) return kCustomers;
  return kDeals;
}

// The field --match names (itself or through the column mapped to it); "" for the default.
std::string match_field(const ImportOptions& o, std::span<const char* const> fields, const std::vector<int>& column,
                        const std::vector<std::string>& header, ImportChange& change) {
  auto id_mapped = [&] { return column[0] >= 0; };  // id is every kind's first field
  if (o.match.empty()) {
    if (o.update && o.kind == ImportKind::deals && !id_mapped())
      change.fail(N_("--update finds deals by id: map a column to id, or name the field that finds them with --match"),
                  N_("--match title finds a deal by its title"));
    return {};
  }
  std::string field;
  for (std::size_t f = 0; f < fields.size(); ++f)
    if (o.match == fields[f] || (column[f] >= 0 && header[static_cast<std::size_t>(column[f])] == o.match))
      field = fields[f];
  std::span<const char* const> can = match_fields(o.kind);
  if (field.empty() || std::find(can.begin(), can.end(), field) == can.end()) {
    change.fail(
        fmt::format(N_("--match {}: {} are found by {}"), o.match, import_kind_name(o.kind), fmt::join(can, ", ")),
        field.empty() ? N_("--match names a field, or the column mapped to it with --map")
                      : fmt::format(N_("'{}' fills {}, which does not tell records apart"), o.match, field));
    return {};
  }
  for (std::size_t f = 0; f < fields.size(); ++f)
    if (field == fields[f] && column[f] < 0)
      change.fail(fmt::format(N_("--match {}: no column fills {}"), o.match, field),
                  fmt::format(N_("map one with --map COLUMN={}"), field));
  return field;
}

using NextRecord = std::function<bool(CsvRecord&)>;

ImportChange import_rows(const Book& book, const NextRecord& next, const ImportOptions& o, const ImportReport& report) {
  ImportChange change;
  CsvRecord header;
  if (!next(header)) {
    change.fail(N_("the file has no header row"));
    return change;
  }
  // The kind's fields, then its custom fields (config [fields.*]), which map the same way.
  std::vector<const char*> all(import_fields(o.kind).begin(), import_fields(o.kind).end());
  if (o.kind != ImportKind::people)
    for (const CustomField& f : book.config.fields.of(o.kind == ImportKind::deals ? "deal" : "customer"))
      all.push_back(f.key.c_str());
  std::span<const char* const> fields = all;
  std::vector<int> column(fields.size(), -1);
  auto field_index = [&](std::string_view f) -> int {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i] == f) return static_cast<int>(i);
    return -1;
  };
  auto column_index = [&](std::string_view c) -> int {
    for (std::size_t i = 0; i < header.fields.size(); ++i)
      if (header.fields[i] == c) return static_cast<int>(i);
    for (std::size_t i = 0; i < header.fields.size(); ++i)
      if (normal_column(header.fields[i]) == normal_column(c)) return static_cast<int>(i);
    return -1;
  };
  // Columns named like a field map to it, then the explicit pairs.
  for (std::size_t f = 0; f < fields.size(); ++f) column[f] = column_index(fields[f]);
  for (auto& [col, field] : o.map) {
    int f = field_index(field);
    if (f < 0) {
      std::string names;
      for (const char* n : fields) names += (names.empty() ? "" : ", ") + std::string(n);
      change.fail(
          fmt::format(N_("unknown field '{}' for {}: the fields are {}"), field, import_kind_name(o.kind), names));
      return change;
    }
    int c = column_index(col);
    if (c < 0) {
      std::string names;
      for (auto& n : header.fields) names += (names.empty() ? "" : ", ") + n;
      change.fail(
          fmt::format(N_("no column '{}' in the header (line {}): the columns are {}"), col, header.line, names));
      return change;
    }
    column[static_cast<std::size_t>(f)] = c;
  }
  std::string match = match_field(o, fields, column, header.fields, change);
  if (!change.ok()) return change;
  ImportReport to_change = [&change](const ImportOutcome& r) { change.outcomes.push_back(r); };
  RowImporter rows(book, o, fields, column, header.fields, match, report ? report : to_change, change);
  if (!rows.check_required()) return change;
  for (CsvRecord r; next(r);) rows.row(r);
  rows.finish();
  return change;
}

}  // namespace

ImportChange import_change(const Book& book, CsvReader& reader, const ImportOptions& o, const ImportReport& report) {
  ImportChange change = import_rows(book, [&](CsvRecord& r) { return reader.next(r); }, o, report);
  if (reader.error() && change.ok()) {
    change = ImportChange{};
    change.fail(fmt::format(N_("line {}, column {}: {}"), reader.error()->line, reader.error()->column,
                            reader.error()->message));
  }
  return change;
}

ImportChange import_change(const Book& book, const CsvTable& csv, const ImportOptions& o) {
  std::size_t at = 0;
  return import_rows(
      book,
      [&](CsvRecord& r) {
        if (at == csv.records.size()) return false;
        r = csv.records[at++];
        return true;
      },
      o, {});
}

}  // namespace salesops::core
