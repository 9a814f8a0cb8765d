#include "cli/render_xlsx.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstring>

#include "cli/render.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

/// The formats of a workbook's cells, made once per workbook: one set for detail rows, one
/// (bold, a thin top border) for subtotal and total rows.
struct Styles {
  lxw_format* header;
  lxw_format* text;
  lxw_format* money;
  lxw_format* percent;
  lxw_format* decimal;
  lxw_format* count;
  lxw_format* date;

  Styles(lxw_workbook* wb, bool total) {
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    text = total ? numbers(wb, nullptr, true) : nullptr;
    money = numbers(wb, "#,##0.00", total);
    percent = numbers(wb, "0.0%", total);
    decimal = numbers(wb, "#,##0.00", total);
    count = numbers(wb, "#,##0", total);
    date = numbers(wb, "yyyy-mm-dd", total);
  }
  static lxw_format* numbers(lxw_workbook* wb, const char* pattern, bool total) {
    lxw_format* f = workbook_add_format(wb);
    if (pattern) format_set_num_format(f, pattern);
    if (total) {
      format_set_bold(f);
      format_set_top(f, LXW_BORDER_THIN);
    }
    return f;
  }
};

lxw_error write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const core::Cell& cell, const Styles& st) {
  std::string_view label;
  if (auto* s = std::get_if<std::string>(&cell)) label = *s;
  if (auto* p = std::get_if<core::PeriodCell>(&cell)) label = p->label;
  if (std::holds_alternative<std::string>(cell) || std::holds_alternative<core::PeriodCell>(cell)) {
    // An empty cell of a total row still gets its border.
    if (label.empty()) return st.text ? worksheet_write_blank(ws, row, col, st.text) : LXW_NO_ERROR;
    return worksheet_write_string(ws, row, col, core::escape_controls(label, "\t\n").c_str(), st.text);
  }
  if (auto* i = std::get_if<std::int64_t>(&cell)) return worksheet_write_number(ws, row, col, static_cast<double>(*i), st.count);
  if (auto* m = std::get_if<core::Money>(&cell))
    return worksheet_write_number(ws, row, col, static_cast<double>(m->cents) / 100.0, st.money);
  if (auto* r = std::get_if<core::Ratio>(&cell))
    if (std::isfinite(r->value)) return worksheet_write_number(ws, row, col, r->value, st.percent);
  if (auto* d = std::get_if<core::Decimal>(&cell))
    if (std::isfinite(d->value)) return worksheet_write_number(ws, row, col, d->value, st.decimal);
  if (auto* d = std::get_if<core::Date>(&cell)) {
    std::chrono::year_month_day ymd(*d);
    lxw_datetime dt{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())), 0, 0, 0};
    return worksheet_write_datetime(ws, row, col, &dt, st.date);
  }
  // undefined: an empty cell, never 0 (with the total row's border)
  return st.text ? worksheet_write_blank(ws, row, col, st.text) : LXW_NO_ERROR;
}

/// Column widths in characters: the widest cell as the table format shows it, 8 to 60.
std::vector<double> widths(const core::Table& table) {
  std::vector<double> out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    std::size_t w = display_width(table.columns[c].id);
    for (const auto& row : table.rows)
      if (c < row.size()) w = std::max(w, display_width(display_text(row[c])));
    out.push_back(static_cast<double>(std::clamp<std::size_t>(w + 2, 8, 60)));
  }
  return out;
}

}  // namespace

std::string write_xlsx(const std::filesystem::path& path, const core::Table& typed, const std::string& sheet) {
  std::optional<core::Table> storage;
  const core::Table& table = machine_table(typed, storage);
  core::DurableFile file(path);
  if (!file.open()) return fmt::format(N_("cannot create a file beside '{}': {}"), path.string(), std::strerror(file.error()));
  lxw_workbook* wb = workbook_new(file.temporary().c_str());
  if (!wb) return fmt::format(N_("cannot write '{}'"), path.string());
  Styles st(wb, false), total(wb, true);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_error err = ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
  for (std::size_t c = 0; c < table.columns.size() && !err; ++c)
    err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.columns[c].id.c_str(), st.header);
  for (std::size_t r = 0; r < table.rows.size() && !err; ++r)
    for (std::size_t c = 0; c < table.rows[r].size() && c < table.columns.size() && !err; ++c)
      err = write_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c],
                       table.row_kind(r) == core::RowKind::detail ? st : total);
  if (!err && !table.columns.empty()) {
    std::vector<double> w = widths(table);
    for (std::size_t c = 0; c < w.size(); ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w[c], nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    err = worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()), static_cast<lxw_col_t>(table.columns.size() - 1));
  }
  lxw_error closed = workbook_close(wb);
  if (err || closed) return fmt::format(N_("cannot write '{}': {}"), path.string(), lxw_strerror(err ? err : closed));
  if (!file.finish() || !file.commit())
    return fmt::format(N_("cannot write '{}': {}"), path.string(), std::strerror(file.error()));
  core::sync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
  return {};
}

}  // namespace salesops::cli
