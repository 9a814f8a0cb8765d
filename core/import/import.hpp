#pragma once
// `salesops import`: records from CSV exports of other CRMs (SPEC 5, 7). The plan is pure:
// it reads a parsed CSV against a loaded book and returns the edits of one transaction,
// with what each row did; the CLI hands the edits to the safe writer.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/csv.hpp"
#include "core/book/book.hpp"
#include "core/write/writer.hpp"

namespace salesops::core {

enum class ImportKind { people, customers, deals };
std::optional<ImportKind> parse_import_kind(std::string_view text);
std::string_view import_kind_name(ImportKind kind);
/// The fields rows of a kind can fill, in the order records are written.
std::span<const char* const> import_fields(ImportKind kind);

using Pairs = std::vector<std::pair<std::string, std::string>>;

/// A value spelt another way in one field (`product`: GTXPro -> GTX Pro).
struct ValueMap {
  std::string field, from, to;
};

/// Settings for one CRM's export: column mappings per kind, date format, stage and value maps.
struct ImportPreset {
  std::string name, description;
  Pairs people, customers, deals;  // column -> field
  std::string date_format;
  Pairs stages;  // their stage -> a stage of the book
  std::vector<ValueMap> values;
};
std::span<const ImportPreset> import_presets();
const ImportPreset* find_import_preset(std::string_view name);

struct ImportOptions {
  ImportKind kind = ImportKind::deals;
  /// column -> field: the preset's first, then --map (a later pair for the same field wins).
  /// A column may feed several fields. Columns named like a field map to it by default.
  Pairs map;
  std::string date_format;  // %Y %m %d (one or two digits) %%; ISO dates are always read
  Pairs stage_map;
  std::vector<ValueMap> values;
  /// The team people that customer and deal rows name join when they are created; empty:
  /// such rows are skipped.
  std::string team;
  Date today;
};

/// What one row did.
struct ImportOutcome {
  std::uint32_t line = 0;
  bool created = false;  // else skipped
  std::string text;      // "created deal D-1 ..." or the reason it was skipped
};

struct ImportChange {
  std::vector<FileEdit> edits;
  /// In line order, unless an ImportReport took them; rows that created nothing are skipped.
  std::vector<ImportOutcome> outcomes;
  std::size_t rows = 0, skipped = 0;
  std::size_t teams = 0, people = 0, customers = 0, deals = 0;  // records created
  std::string error;  // a failing import (unknown column or field, no header): nothing to write
  bool ok() const { return error.empty(); }
};

/// Takes what each row did as soon as it is decided, in line order.
using ImportReport = std::function<void(const ImportOutcome&)>;

/// The edits that import the records `rows` reads (the first is the header) into `book`,
/// one row at a time: a row is read, decided, reported and dropped, and each deal is kept
/// as the lines it adds to its file (YamlEdit::append_lines), so memory grows by about the
/// size of the text written. Without `report` the outcomes go to ImportChange::outcomes.
ImportChange import_change(const Book& book, CsvReader& rows, const ImportOptions& options,
                           const ImportReport& report = {});
/// The same over a parsed table.
ImportChange import_change(const Book& book, const CsvTable& csv, const ImportOptions& options);

/// Reads a date as ISO, else by `format` (%Y four digits, %m and %d one or two, %% a '%').
std::optional<Date> parse_date_with(std::string_view text, std::string_view format);

/// An id from a name: ASCII letters and digits in lower case, words joined by `joiner`
/// ("Anna Snelling" -> anna.snelling); empty when the name has none.
std::string id_from_name(std::string_view name, char joiner);

}  // namespace salesops::core
