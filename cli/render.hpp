#pragma once
// Output renderers: every command returns a core::Table and `render` turns it into one of the
// formats of SPEC section 6. Choices the contract leaves open, fixed here for every command:
//
// table  A header row (label, else id), a line of '-' under each column, then the rows.
//        Columns are two spaces apart and aligned by display width (a CJK character is two
//        columns). Numbers are right-aligned, text and dates left-aligned; a header and an
//        undefined cell ("—") follow their column: right when every defined cell of the column
//        is a number (or, with none defined, when the column is marked numeric), else left. Tab, CR and LF inside text become spaces so a cell never
//        breaks the grid. No line ends in a space. A table without rows prints the header row
//        and its '-' line only; a table without columns prints nothing. ANSI codes (bold
//        header, dim undefined) appear only when RenderOptions::color is set.
// csv    RFC 4180 quoting (a field holding a comma, quote, CR or LF is quoted, quotes doubled),
//        but lines end in LF rather than CRLF so the output pipes cleanly into Unix tools;
//        spreadsheet programs and csv libraries accept both. In a one-column table an empty
//        field is written "" so the row is not a blank line. Header of column ids.
// tsv    Header of column ids, fields separated by tabs, LF line ends; tab, CR and LF inside
//        a field become spaces (TSV has no quoting).
// csv and tsv write raw values: integers as digits, money with two decimals ("12500.00"),
//        ratios and decimals as plain decimals, dates ISO, undefined empty. `bom` writes a
//        UTF-8 byte-order mark first; it is ignored by the other formats (JSON forbids it).
// json   One document {"format_version":"2","meta":{...},"columns":[ids],"rows":[{...}]},
//        indented by two spaces. Keys follow column order; money is a number (cents / 100),
//        undefined is null, dates and periods are strings. An empty Meta field is null.
//        meta.columns describes each column: {"id","label","type","unit","unit_column"}.
// jsonl  One compact object per row, no meta; an empty table writes nothing.
// csv, tsv, json and jsonl (and xlsx) write machine_table(): each period column's first and
//        last day and the row_kind column come after the table's own columns; table and md
//        leave out the columns marked machine_only.
// md     A GitHub-flavoured table, cells padded by display width, numbers right-aligned
//        (---:) and formatted as in `table`; text escaped as below, tab/CR/LF become
//        spaces. A table without rows prints the header and delimiter rows.
// html   Not available from `render` (throws std::invalid_argument): commands that offer html
//        build their own page.
//
// A ratio or decimal that is NaN or infinite renders as undefined: undefined is never NaN.
//
// Control characters never reach the output raw: in every format, text (cells, headers)
// has its C0, DEL and C1 characters written as `\x1b` or `\u009b` (core/base/escape.hpp),
// after table, md and tsv turned tab, CR and LF into spaces; csv keeps tab, CR and LF inside
// its quoted fields. json escapes C0 as JSON requires, and DEL and C1 as `\u007f`..`\u009f`.
// csv and tsv text cells that start with '=', '+', '-', '@', tab or CR (a formula to a
// spreadsheet) get a leading "'" unless RenderOptions::csv_raw; typed numbers, money and
// dates are never altered. md writes '<', '>' and '&' as entities, backslashes '|' and '`',
// and puts a zero-width space (&#8203;) after an '@' that starts a word, so no mention pings.
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/table.hpp"

namespace salesops::cli {

/// A column whose text cells are interface words (a status, a rating, a statement's component
/// and reason: on-track, outstanding, subtotal), which table, md and html show in the
/// interface language; machine formats keep them as they are. Known by the column's id.
bool holds_words(const core::Column& column);

/// github and sarif are check's findings as CI annotations; no table renders them. xlsx is a
/// workbook written to a file (render_xlsx.hpp), not to a stream.
enum class Format { table, csv, tsv, json, jsonl, md, html, github, sarif, xlsx };

/// "table", "csv", "tsv", "json", "jsonl", "md", "html", "github", "sarif" or "xlsx" (exact, lower case).
std::optional<Format> parse_format(std::string_view name);
/// The format an output file's extension implies: .csv .tsv .json .jsonl .md .html/.htm .sarif .xlsx, and
/// .txt for table (case-insensitive). nullopt for anything else.
std::optional<Format> format_from_extension(std::string_view path);
/// The name parse_format accepts for `format`.
std::string_view format_name(Format format);

/// The "meta" object of json output. Empty fields are written as null (revision is empty
/// when the book was not read from git).
struct Meta {
  std::string book, command, period, today, revision;
  std::string note;  // in json only when set
  /// The period's first and last day (meta.period_start, meta.period_end), empty when the
  /// output covers no one period.
  std::string period_start, period_end;
  std::string currency;  // the book's: the unit of money columns in meta.columns
};

/// The format_version of every json document (tables, records, diagnostics).
inline constexpr std::string_view kJsonFormatVersion = "2";

struct RenderOptions {
  Format format = Format::table;
  bool color = false;  // the caller decides: a TTY, no NO_COLOR, no --no-color
  bool bom = false;    // csv and tsv only
  Meta meta = {};
  bool csv_raw = false;  // csv and tsv: text cells as they are, formulas included (--csv-raw)
};

/// Text for an html page, in an element or a quoted attribute: control characters made
/// visible first (core/base/escape.hpp), as in every format, then & < > " as entities.
std::string html_text(std::string_view raw);

/// Writes `table` in `options.format`. Throws std::invalid_argument for Format::html.
void render(std::ostream& out, const core::Table& table, const RenderOptions& options);

/// The table machine formats (csv, tsv, json, jsonl, xlsx) write: `table`'s columns, then
/// `<id>_start` and `<id>_end` (dates) for each period column, then `row_kind` (detail,
/// subtotal or total) when the table marks its rows. Columns are only ever added after the
/// others, so a reader that takes columns by position keeps working. Returns `table` itself
/// when it adds nothing; else fills `storage` and returns it.
const core::Table& machine_table(const core::Table& table, std::optional<core::Table>& storage);

/// The name json meta.columns gives a column type: "text", "integer", "money", "ratio",
/// "decimal", "date", "period", "number" or "mixed".
std::string_view column_type_name(core::ColumnType type);

/// One record and the lists that belong to it (a customer's card) as one json document:
/// {"format_version":"2","meta":{...},"record":{...},"<name>":[rows],...}. The record is the
/// first row of `record` (null when it has none); each list is its table's rows.
struct NamedTable {
  std::string name;
  const core::Table* table;
};
void render_json_record(std::ostream& out, const core::Table& record, const std::vector<NamedTable>& lists, const Meta& meta);

/// Terminal columns taken by UTF-8 text: wide (CJK) characters count 2, combining marks 0,
/// and each byte that is not valid UTF-8 counts 1.
std::size_t display_width(std::string_view utf8);

/// A cell as the table and md formats show it: "1,234", "12,500.00", "105.0%", "4.33",
/// "2026-11-03", "—" for undefined. Text is returned unchanged.
std::string display_text(const core::Cell& cell);
/// A cell as csv and tsv write it: "1234", "12500.00", "1.052632", "2026-11-03", "" for
/// undefined. Text is returned unchanged.
std::string raw_text(const core::Cell& cell);

}  // namespace salesops::cli
