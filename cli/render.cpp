#include "cli/render.hpp"
#include "cli/render_json.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/base/enum_names.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

constexpr std::string_view kUndefined = "\u2014";  // em dash
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_undefined(const core::Cell& cell) {
  if (std::holds_alternative<core::Undefined>(cell)) return true;
  if (auto* r = std::get_if<core::Ratio>(&cell)) return !std::isfinite(r->value);
  if (auto* d = std::get_if<core::Decimal>(&cell)) return !std::isfinite(d->value);
  return false;
}

bool is_number(const core::Cell& cell) {
  return std::holds_alternative<std::int64_t>(cell) || std::holds_alternative<core::Money>(cell) ||
         std::holds_alternative<core::Ratio>(cell) || std::holds_alternative<core::Decimal>(cell);
}

// "-0.00" and "-0" (a tiny negative rounded away) print without the sign.
std::string drop_negative_zero(std::string s) {
  if (!s.empty() && s[0] == '-' && s.find_first_of("123456789") == std::string::npos) s.erase(0, 1);
  return s;
}

// "-1234567.5" -> "-1,234,567.5".
std::string group_thousands(std::string_view s) {
  std::size_t begin = (!s.empty() && s[0] == '-') ? 1 : 0;
  std::size_t end = std::min(s.find('.', begin), s.size());
  std::string out(s.substr(0, begin));
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin && (end - i) % 3 == 0) out += ',';
    out += s[i];
  }
  out += s.substr(end);
  return out;
}

// A ratio or mean for machine formats: six decimals, more when needed for six significant
// digits, trailing zeros dropped: 1.0526315789 -> "1.052632", 1.05 -> "1.05",
// 0.000123456789 -> "0.000123457". Magnitudes below 1e-15 fall back to the shortest
// round-trip form, which may use an exponent.
std::string plain_decimal(double v) {
  int decimals = 6;
  double magnitude = std::fabs(v);
  if (magnitude > 0 && magnitude < 1) {
    decimals = std::max(decimals, 5 - static_cast<int>(std::floor(std::log10(magnitude))));
    if (decimals > 20) return fmt::format("{}", v);
  }
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return drop_negative_zero(std::move(s));
}

// Tab, CR and LF become spaces (table, md and tsv cells stay on one line).
std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
  return out;
}

enum class Align { left, right };

// Right when every defined cell of the column is a number (and at least one is), or when
// a column of figures has none defined.
std::vector<Align> column_alignment(const core::Table& table) {
  std::vector<Align> aligns(table.columns.size(), Align::left);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    bool numbers = false, text = false;
    for (const auto& row : table.rows) {
      if (c >= row.size() || is_undefined(row[c])) continue;
      (is_number(row[c]) ? numbers : text) = true;
    }
    if ((numbers || table.columns[c].numeric) && !text) aligns[c] = Align::right;
  }
  return aligns;
}

const core::Cell& cell_at(const std::vector<core::Cell>& row, std::size_t c) {
  static const core::Cell kMissing = core::Undefined{};
  return c < row.size() ? row[c] : kMissing;
}

// A header in the interface language: the translation of its label, else of its id.
std::string header_text(const core::Column& column) {
  return one_line(core::tr(column.label.empty() ? column.id : column.label));
}

}  // namespace

bool holds_words(const core::Column& column) {
  static constexpr std::string_view kWordColumns[] = {"status", "rating", "component", "reason", "kind", "row_kind"};
  return std::find(std::begin(kWordColumns), std::end(kWordColumns), column.id) != std::end(kWordColumns);
}

namespace {

// A cell as people read it: the text of a column of interface words translated.
core::Cell shown_cell(const core::Cell& cell, const core::Column& column) {
  if (core::language() != core::Language::en && holds_words(column))
    if (const auto* text = std::get_if<std::string>(&cell)) return core::tr(*text);
  return cell;
}

// Writes a line without trailing spaces: padding is held back until visible text follows.
class LineWriter {
 public:
  explicit LineWriter(std::ostream& out) : out_(out) {}
  void space(std::size_t n) { pending_ += n; }
  void text(std::string_view s, std::string_view style = {}) {
    std::size_t last = s.find_last_not_of(' ');
    if (last == std::string_view::npos) {
      pending_ += s.size();
      return;
    }
    out_ << std::string(pending_, ' ') << style << s.substr(0, last + 1);
    if (!style.empty()) out_ << kReset;
    pending_ = s.size() - last - 1;
  }
  void end_line() {
    out_ << '\n';
    pending_ = 0;
  }

 private:
  std::ostream& out_;
  std::size_t pending_ = 0;
};

struct ShownCell {
  std::string text;
  std::size_t width = 0;
  Align align = Align::left;
  bool undefined = false;
};

// Markdown text that stays text: '|' and '`' backslashed, HTML's '<', '>' and '&' as
// entities, and an '@' that starts a word (a mention) followed by a zero-width space.
std::string md_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '&') out += "&amp;";
    else if (ch == '@' && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])))) out += "@&#8203;";
    else {
      if (ch == '|' || ch == '`') out += '\\';
      out += ch;
    }
  }
  return out;
}

}  // namespace

std::string html_text(std::string_view raw) {
  std::string s = core::escape_controls(raw), out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

ShownCell show(const core::Cell& cell, Align column_align, bool escape_pipes) {
  ShownCell shown;
  shown.undefined = is_undefined(cell);
  shown.text = core::escape_controls(one_line(display_text(cell)));
  if (escape_pipes) shown.text = md_text(shown.text);
  shown.width = display_width(shown.text);
  shown.align = shown.undefined ? column_align : is_number(cell) ? Align::right : Align::left;
  return shown;
}

struct Grid {
  std::vector<ShownCell> header;
  std::vector<std::vector<ShownCell>> rows;
  std::vector<std::size_t> widths;
  std::vector<Align> aligns;
};

Grid layout(const core::Table& table, bool escape_pipes, std::size_t min_width) {
  Grid grid;
  grid.aligns = column_alignment(table);
  grid.widths.assign(table.columns.size(), min_width);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    ShownCell h = show(header_text(table.columns[c]), grid.aligns[c], escape_pipes);
    h.align = grid.aligns[c];
    grid.widths[c] = std::max(grid.widths[c], h.width);
    grid.header.push_back(std::move(h));
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    auto& shown = grid.rows.emplace_back();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      shown.push_back(show(shown_cell(cell_at(row, c), table.columns[c]), grid.aligns[c], escape_pipes));
      if (c == 0 && !escape_pipes && r < table.depth.size() && table.depth[r] > 0) {
        shown.back().text.insert(0, 2u * table.depth[r], ' ');
        shown.back().width += 2u * table.depth[r];
      }
      grid.widths[c] = std::max(grid.widths[c], shown.back().width);
    }
  }
  return grid;
}

void write_padded(LineWriter& line, const ShownCell& cell, std::size_t width, std::string_view style) {
  std::size_t pad = width - std::min(width, cell.width);
  if (cell.align == Align::right) line.space(pad);
  line.text(cell.text, style);
  if (cell.align == Align::left) line.space(pad);
}

/// The table people read: `table` without its machine-only columns.
const core::Table& human_table(const core::Table& table, std::optional<core::Table>& storage) {
  auto machine = [](const core::Column& c) { return c.machine_only; };
  if (std::none_of(table.columns.begin(), table.columns.end(), machine)) return table;
  core::Table& out = storage.emplace(table);
  for (std::size_t c = table.columns.size(); c-- > 0;) {
    if (!table.columns[c].machine_only) continue;
    out.columns.erase(out.columns.begin() + static_cast<std::ptrdiff_t>(c));
    for (auto& row : out.rows)
      if (c < row.size()) row.erase(row.begin() + static_cast<std::ptrdiff_t>(c));
    for (auto& tones : out.tones)
      if (c < tones.size()) tones.erase(tones.begin() + static_cast<std::ptrdiff_t>(c));
  }
  return out;
}

void render_table(std::ostream& out, const core::Table& all, bool color) {
  std::optional<core::Table> storage;
  const core::Table& table = human_table(all, storage);
  if (table.columns.empty()) return;
  Grid grid = layout(table, false, 1);
  auto write_row = [&](const std::vector<ShownCell>& cells, std::optional<std::size_t> row) {
    LineWriter line(out);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line.space(2);
      std::string_view style;
      if (color && !row) style = kBold;
      if (color && row && cells[c].undefined) style = kDim;
      if (color && row) {
        core::Tone tone = table.tone(*row, c);
        if (tone != core::Tone::none) style = tone == core::Tone::good ? kGreen : tone == core::Tone::warn ? kYellow : kRed;
      }
      write_padded(line, cells[c], grid.widths[c], style);
    }
    line.end_line();
  };
  write_row(grid.header, std::nullopt);
  LineWriter rule(out);
  for (std::size_t c = 0; c < grid.widths.size(); ++c) {
    if (c > 0) rule.space(2);
    rule.text(std::string(grid.widths[c], '-'));
  }
  rule.end_line();
  for (std::size_t r = 0; r < grid.rows.size(); ++r) write_row(grid.rows[r], r);
}

void render_md(std::ostream& out, const core::Table& all) {
  std::optional<core::Table> storage;
  const core::Table& table = human_table(all, storage);
  if (table.columns.empty()) return;
  Grid grid = layout(table, true, 3);
  auto write_row = [&](const std::vector<ShownCell>& cells) {
    LineWriter line(out);
    line.text("|");
    for (std::size_t c = 0; c < cells.size(); ++c) {
      line.space(1);
      write_padded(line, cells[c], grid.widths[c], {});
      line.space(1);
      line.text("|");
    }
    line.end_line();
  };
  write_row(grid.header);
  out << '|';
  for (std::size_t c = 0; c < grid.widths.size(); ++c) {
    std::size_t dashes = grid.widths[c] - (grid.aligns[c] == Align::right ? 1 : 0);
    out << ' ' << std::string(dashes, '-') << (grid.aligns[c] == Align::right ? ":" : "") << " |";
  }
  out << '\n';
  for (const auto& row : grid.rows) write_row(row);
}

void write_csv_field(std::ostream& out, std::string_view field, bool lone) {
  if (field.empty() && lone) {
    out << "\"\"";
  } else if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
  } else {
    out << '"';
    for (char ch : field) {
      if (ch == '"') out << '"';
      out << ch;
    }
    out << '"';
  }
}

// A text cell a spreadsheet would read as a formula (or a cell starting with tab or CR,
// which some read past) gets a leading "'"; numbers, money and dates are never text.
std::string spreadsheet_text(const core::Cell& cell, bool raw) {
  std::string text = raw_text(cell);
  if (!raw && std::holds_alternative<std::string>(cell) && !text.empty() &&
      std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos)
    text.insert(0, 1, '\'');
  return text;
}

void render_separated(std::ostream& out, const core::Table& table, bool csv, const RenderOptions& options) {
  if (options.bom) out << kBom;
  if (table.columns.empty()) return;
  bool lone = table.columns.size() == 1;
  auto write_field = [&](std::size_t c, std::string_view field) {
    if (c > 0) out << (csv ? ',' : '\t');
    if (csv) {
      write_csv_field(out, core::escape_controls(field, "\t\r\n"), lone);
    } else {
      out << core::escape_controls(one_line(field));
    }
  };
  for (std::size_t c = 0; c < table.columns.size(); ++c) write_field(c, table.columns[c].id);
  out << '\n';
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) write_field(c, spreadsheet_text(cell_at(row, c), options.csv_raw));
    out << '\n';
  }
}

using Json = nlohmann::ordered_json;

Json cell_json(const core::Cell& cell) {
  if (is_undefined(cell)) return nullptr;
  return std::visit(Overloaded{
                        [](const core::Undefined&) -> Json { return nullptr; },
                        [](const std::string& s) -> Json { return s; },
                        [](std::int64_t i) -> Json { return i; },
                        // The nearest double to a two-decimal amount prints back as that amount.
                        [](core::Money m) -> Json { return static_cast<double>(m.cents) / 100.0; },
                        [](core::Ratio r) -> Json { return r.value; },
                        [](core::Decimal d) -> Json { return d.value; },
                        [](core::Date d) -> Json { return core::format_date(d); },
                        [](const core::PeriodCell& p) -> Json { return p.label; },
                    },
                    cell);
}

Json row_json(const core::Table& table, const std::vector<core::Cell>& row) {
  Json object = Json::object();
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    object[table.columns[c].id] = cell_json(cell_at(row, c));
  return object;
}

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string dump(const Json& json, int indent) {
  return core::escape_json_controls(json.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

Json rows_json(const core::Table& table) {
  Json rows = Json::array();
  for (const auto& row : table.rows) rows.push_back(row_json(table, row));
  return rows;
}

}  // namespace

Json json_document(const Meta& meta) {
  Json doc = Json::object();
  doc["format_version"] = std::string(kJsonFormatVersion);
  doc["meta"] = Json{{"book", or_null(meta.book)},
                     {"command", or_null(meta.command)},
                     {"period", or_null(meta.period)},
                     {"period_start", or_null(meta.period_start)},
                     {"period_end", or_null(meta.period_end)},
                     {"today", or_null(meta.today)},
                     {"revision", or_null(meta.revision)}};
  if (!meta.note.empty()) doc["meta"]["note"] = meta.note;
  return doc;
}

std::string dump_json(const Json& json, int indent) { return dump(json, indent); }

namespace {

/// meta.columns: each column's id, label, type and unit (money's is the book's currency),
/// and for a column of several units the column that names each row's.
Json columns_json(const core::Table& table, const Meta& meta) {
  Json columns = Json::array();
  for (const core::Column& c : table.columns) {
    std::string unit = c.type == core::ColumnType::money && c.unit.empty() ? meta.currency : c.unit;
    columns.push_back(Json{{"id", c.id},
                           {"label", c.label.empty() ? c.id : c.label},
                           {"type", column_type_name(c.type)},
                           {"unit", or_null(unit)},
                           {"unit_column", or_null(c.unit_column)}});
  }
  return columns;
}

void render_json(std::ostream& out, const core::Table& table, const Meta& meta) {
  Json doc = json_document(meta);
  doc["meta"]["columns"] = columns_json(table, meta);
  Json columns = Json::array();
  for (const auto& column : table.columns) columns.push_back(column.id);
  doc["columns"] = std::move(columns);
  doc["rows"] = rows_json(table);
  out << dump(doc, 2) << '\n';
}

void render_jsonl(std::ostream& out, const core::Table& table) {
  for (const auto& row : table.rows) out << dump(row_json(table, row), -1) << '\n';
}

}  // namespace

void render_json_record(std::ostream& out, const core::Table& record, const std::vector<NamedTable>& lists, const Meta& meta) {
  Json doc = json_document(meta);
  doc["record"] = record.rows.empty() ? Json(nullptr) : row_json(record, record.rows.front());
  for (const NamedTable& list : lists) doc[list.name] = rows_json(*list.table);
  out << dump(doc, 2) << '\n';
}

namespace {

constexpr core::EnumNames<Format, 10> kFormatNames(
    {"table", "csv", "tsv", "json", "jsonl", "md", "html", "github", "sarif", "xlsx"});

}  // namespace

std::optional<Format> parse_format(std::string_view name) { return kFormatNames.parse(name); }

std::string_view format_name(Format format) { return kFormatNames.name(format); }

std::optional<Format> format_from_extension(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".txt") return Format::table;
  if (ext == ".htm") return Format::html;
  for (Format f : {Format::csv, Format::tsv, Format::json, Format::jsonl, Format::md, Format::html, Format::sarif, Format::xlsx}) {
    if (ext.size() > 1 && ext.substr(1) == format_name(f)) return f;
  }
  return std::nullopt;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  auto left = static_cast<utf8proc_ssize_t>(utf8.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // not valid UTF-8: this byte takes one column
      ++width;
      n = 1;
    } else {
      width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    }
    p += n;
    left -= n;
  }
  return width;
}

std::string display_text(const core::Cell& cell) {
  if (is_undefined(cell)) return std::string(kUndefined);
  return std::visit(
      Overloaded{
          [](const core::Undefined&) { return std::string(kUndefined); },
          [](const std::string& s) { return s; },
          [](std::int64_t i) { return group_thousands(std::to_string(i)); },
          [](core::Money m) { return core::format_money_grouped(m); },
          [](core::Ratio r) {
            return group_thousands(drop_negative_zero(fmt::format("{:.1f}", r.value * 100))) + "%";
          },
          [](core::Decimal d) { return group_thousands(drop_negative_zero(fmt::format("{:.2f}", d.value))); },
          [](core::Date d) { return core::format_date(d); },
          [](const core::PeriodCell& p) { return p.label; },
      },
      cell);
}

std::string raw_text(const core::Cell& cell) {
  if (is_undefined(cell)) return {};
  return std::visit(Overloaded{
                        [](const core::Undefined&) { return std::string(); },
                        [](const std::string& s) { return s; },
                        [](std::int64_t i) { return std::to_string(i); },
                        [](core::Money m) { return core::format_money(m); },
                        [](core::Ratio r) { return plain_decimal(r.value); },
                        [](core::Decimal d) { return plain_decimal(d.value); },
                        [](core::Date d) { return core::format_date(d); },
                        [](const core::PeriodCell& p) { return p.label; },
                    },
                    cell);
}

std::string_view column_type_name(core::ColumnType type) {
  static constexpr core::EnumNames<core::ColumnType, 9> kNames(
      {"text", "integer", "money", "ratio", "decimal", "date", "period", "number", "mixed"});
  return kNames.name(type);
}

const core::Table& machine_table(const core::Table& table, std::optional<core::Table>& storage) {
  std::vector<std::size_t> periods;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].type == core::ColumnType::period) periods.push_back(c);
  if (table.machine_columns || (periods.empty() && !table.has_row_kinds)) return table;
  core::Table& out = storage.emplace();
  out.columns = table.columns;
  for (std::size_t c : periods) {
    out.add_column(table.columns[c].id + "_start", core::ColumnType::date);
    out.add_column(table.columns[c].id + "_end", core::ColumnType::date);
  }
  if (table.has_row_kinds) out.add_column("row_kind");
  out.has_row_kinds = table.has_row_kinds;
  out.row_kinds = table.row_kinds;
  out.machine_columns = true;
  out.rows.reserve(table.rows.size());
  static constexpr std::string_view kKinds[] = {"detail", "subtotal", "total"};
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    auto& row = out.add_row();
    const auto& in = table.rows[r];
    std::copy(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(std::min(in.size(), table.columns.size())), row.begin());
    std::size_t c = table.columns.size();
    for (std::size_t p : periods) {
      if (const auto* period = std::get_if<core::PeriodCell>(&cell_at(in, p))) {
        row[c] = period->first;
        row[c + 1] = period->last;
      }
      c += 2;
    }
    if (table.has_row_kinds) row[c] = std::string(kKinds[static_cast<std::size_t>(table.row_kind(r))]);
  }
  return out;
}

void render(std::ostream& out, const core::Table& table, const RenderOptions& options) {
  switch (options.format) {
    case Format::table: render_table(out, table, options.color); return;
    case Format::csv:
    case Format::tsv:
    case Format::json:
    case Format::jsonl: {
      std::optional<core::Table> storage;
      const core::Table& machine = machine_table(table, storage);
      if (options.format == Format::json) render_json(out, machine, options.meta);
      else if (options.format == Format::jsonl) render_jsonl(out, machine);
      else render_separated(out, machine, options.format == Format::csv, options);
      return;
    }
    case Format::md: render_md(out, table); return;
    case Format::html:
    case Format::github:
    case Format::sarif:
    case Format::xlsx: break;
  }
  throw std::invalid_argument(fmt::format(N_("{} is not available for this command"), format_name(options.format)));
}

}  // namespace salesops::cli
