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
#include "core/write/change.hpp"
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
  std::string date_format;  // strptime(3) codes (date_format_error); ISO dates are always read
  Pairs stage_map;
  std::vector<ValueMap> values;
  /// The team people that customer and deal rows name join when they are created; empty:
  /// such rows are skipped.
  std::string team;
  /// A row naming a record of the book changes it in place (deal edit, deal move, customer
  /// edit) instead of being skipped.
  bool update = false;
  /// The field (or the column mapped to it) that finds a row's record in the book: id, or
  /// a name (customers, people), email (people) or title (deals). Empty: the id when it is
  /// mapped, else (customers, people) the id or the name.
  std::string match;
  Date today;
};

/// What one row did: created records, changed one (--update), found it unchanged, or was
/// skipped.
struct ImportOutcome {
  enum class Action { created, updated, unchanged, skipped };
  std::uint32_t line = 0;
  Action action = Action::created;
  std::string text;    // "created deal D-1, customer C-0001 (Acme)", "updated deal D-1: amount", or why skipped
  std::string reason;  // skipped: a short class of the reason ("bad date", "duplicate id") for the summary
  std::vector<EditedRecord> records;  // what the row created or changed, with ids and files
};

/// Why an import as a whole cannot be written.
struct ImportError {
  std::string message, hint;
};

struct ImportChange {
  std::vector<FileEdit> edits;
  /// In line order, unless an ImportReport took them.
  std::vector<ImportOutcome> outcomes;
  std::size_t rows = 0, skipped = 0, updated = 0, unchanged = 0;
  std::size_t teams = 0, people = 0, customers = 0, deals = 0;  // records created
  std::size_t updated_deals = 0, updated_customers = 0, updated_people = 0;
  /// A failing import (unknown column or field, no header, stages the book lacks, people
  /// the book lacks without a team to create them in): nothing to write.
  std::vector<ImportError> errors;
  bool ok() const { return errors.empty(); }
  void fail(std::string message, std::string hint = {}) {
    edits.clear();
    errors.push_back({std::move(message), std::move(hint)});
  }
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

/// Why `format` cannot read dates: a conversion strptime(3) has that is no part of a date or
/// time (%j, %U ...) or that the import does not take, or no year, month or day; nullopt
/// when it reads dates.
std::optional<std::string> date_format_error(std::string_view format);

/// Reads a date as ISO, else by `format` with strptime(3), which must consume the whole
/// text (a time it reads is dropped); a year before 1000 (%Y given "17") is no date.
std::optional<Date> parse_date_with(std::string_view text, std::string_view format);

/// An id from a name: ASCII letters and digits in lower case, words joined by `joiner`
/// ("Anna Snelling" -> anna.snelling); empty when the name has none.
std::string id_from_name(std::string_view name, char joiner);

}  // namespace salesops::core
