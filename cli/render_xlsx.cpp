#include "cli/render_xlsx.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstring>

#include "cli/render.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/escape.hpp"

namespace salesops::cli {

namespace {

/// The formats of a workbook's cells, made once per workbook.
struct Styles {
  lxw_format* header;
  lxw_format* money;
  lxw_format* percent;
  lxw_format* decimal;
  lxw_format* count;
  lxw_format* date;

  explicit Styles(lxw_workbook* wb) {
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    money = numbers(wb, "#,##0.00");
    percent = numbers(wb, "0.0%");
    decimal = numbers(wb, "#,##0.00");
    count = numbers(wb, "#,##0");
    date = numbers(wb, "yyyy-mm-dd");
  }
  static lxw_format* numbers(lxw_workbook* wb, const char* pattern) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, pattern);
    return f;
  }
};

lxw_error write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const core::Cell& cell, const Styles& st) {
  if (auto* s = std::get_if<std::string>(&cell)) {
    if (s->empty()) return LXW_NO_ERROR;
    return worksheet_write_string(ws, row, col, core::escape_controls(*s, "\t\n").c_str(), nullptr);
  }
  if (auto* i = std::get_if<std::int64_t>(&cell)) return worksheet_write_number(ws, row, col, static_cast<double>(*i), st.count);
  if (auto* m = std::get_if<core::Money>(&cell))
    return worksheet_write_number(ws, row, col, static_cast<double>(m->cents) / 100.0, st.money);
  if (auto* r = std::get_if<core::Ratio>(&cell))
    return std::isfinite(r->value) ? worksheet_write_number(ws, row, col, r->value, st.percent) : LXW_NO_ERROR;
  if (auto* d = std::get_if<core::Decimal>(&cell))
    return std::isfinite(d->value) ? worksheet_write_number(ws, row, col, d->value, st.decimal) : LXW_NO_ERROR;
  if (auto* d = std::get_if<core::Date>(&cell)) {
    std::chrono::year_month_day ymd(*d);
    lxw_datetime dt{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())), 0, 0, 0};
    return worksheet_write_datetime(ws, row, col, &dt, st.date);
  }
  return LXW_NO_ERROR;  // undefined: an empty cell, never 0
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

std::string write_xlsx(const std::filesystem::path& path, const core::Table& table, const std::string& sheet) {
  core::DurableFile file(path);
  if (!file.open()) return fmt::format("cannot create a file beside '{}': {}", path.string(), std::strerror(file.error()));
  lxw_workbook* wb = workbook_new(file.temporary().c_str());
  if (!wb) return fmt::format("cannot write '{}'", path.string());
  Styles st(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_error err = ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
  for (std::size_t c = 0; c < table.columns.size() && !err; ++c)
    err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.columns[c].id.c_str(), st.header);
  for (std::size_t r = 0; r < table.rows.size() && !err; ++r)
    for (std::size_t c = 0; c < table.rows[r].size() && c < table.columns.size() && !err; ++c)
      err = write_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c], st);
  if (!err && !table.columns.empty()) {
    std::vector<double> w = widths(table);
    for (std::size_t c = 0; c < w.size(); ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w[c], nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    err = worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()), static_cast<lxw_col_t>(table.columns.size() - 1));
  }
  lxw_error closed = workbook_close(wb);
  if (err || closed) return fmt::format("cannot write '{}': {}", path.string(), lxw_strerror(err ? err : closed));
  if (!file.finish() || !file.commit())
    return fmt::format("cannot write '{}': {}", path.string(), std::strerror(file.error()));
  core::sync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
  return {};
}

}  // namespace salesops::cli
