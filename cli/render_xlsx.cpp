#include "cli/render_xlsx.hpp"

#include <dlfcn.h>
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

/// The library's functions this file calls, named once: each becomes a member of Lxw and is
/// bound by that name, so a member and the symbol it holds cannot drift apart.
#define SALESOPS_LXW_FUNCTIONS(X)                                                                   \
  X(workbook_new) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_close)                  \
  X(worksheet_write_string) X(worksheet_write_number) X(worksheet_write_blank)                        \
  X(worksheet_write_datetime) X(worksheet_set_column) X(worksheet_freeze_panes) X(worksheet_autofilter) \
  X(format_set_bold) X(format_set_top) X(format_set_bottom) X(format_set_num_format) X(lxw_strerror)

/// libxlsxwriter, opened when the first workbook is written rather than linked: with the zip
/// and crypto libraries it brings, it is about 1.7 MB of resident pages that every other
/// command would load and never use. Its header still declares each function's type.
struct Lxw {
#define SALESOPS_LXW_MEMBER(fn) decltype(&::fn) fn;
  SALESOPS_LXW_FUNCTIONS(SALESOPS_LXW_MEMBER)
#undef SALESOPS_LXW_MEMBER

  /// The library's functions, opened once; nullptr with `error` set when it cannot be.
  static const Lxw* open(std::string& error) {
    static std::string failure;
    static const Lxw* api = []() -> const Lxw* {
      void* lib = ::dlopen(SALESOPS_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
      if (!lib) {
        const char* why = ::dlerror();
        failure = why ? why : SALESOPS_XLSXWRITER_SONAME;
        return nullptr;
      }
      static Lxw found;
      bool ok = true;
      auto bind = [&](auto& fn, const char* name) {
        void* at = ::dlsym(lib, name);
        if (!at && ok) {
          failure = fmt::format("{}: no symbol {}", SALESOPS_XLSXWRITER_SONAME, name);
          ok = false;
        }
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(at);
      };
#define SALESOPS_LXW_BIND(fn) bind(found.fn, #fn);
      SALESOPS_LXW_FUNCTIONS(SALESOPS_LXW_BIND)
#undef SALESOPS_LXW_BIND
      return ok ? &found : nullptr;
    }();
    if (!api) error = failure;
    return api;
  }
};
#undef SALESOPS_LXW_FUNCTIONS

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

  Styles(const Lxw& x, lxw_workbook* wb, bool total) {
    header = x.workbook_add_format(wb);
    x.format_set_bold(header);
    x.format_set_bottom(header, LXW_BORDER_THIN);
    text = total ? numbers(x, wb, nullptr, true) : nullptr;
    money = numbers(x, wb, "#,##0.00", total);
    percent = numbers(x, wb, "0.0%", total);
    decimal = numbers(x, wb, "#,##0.00", total);
    count = numbers(x, wb, "#,##0", total);
    date = numbers(x, wb, "yyyy-mm-dd", total);
  }
  static lxw_format* numbers(const Lxw& x, lxw_workbook* wb, const char* pattern, bool total) {
    lxw_format* f = x.workbook_add_format(wb);
    if (pattern) x.format_set_num_format(f, pattern);
    if (total) {
      x.format_set_bold(f);
      x.format_set_top(f, LXW_BORDER_THIN);
    }
    return f;
  }
};

lxw_error write_cell(const Lxw& x, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const core::Cell& cell, const Styles& st) {
  std::string_view label;
  if (auto* s = std::get_if<std::string>(&cell)) label = *s;
  if (auto* p = std::get_if<core::PeriodCell>(&cell)) label = p->label;
  if (std::holds_alternative<std::string>(cell) || std::holds_alternative<core::PeriodCell>(cell)) {
    // An empty cell of a total row still gets its border.
    if (label.empty()) return st.text ? x.worksheet_write_blank(ws, row, col, st.text) : LXW_NO_ERROR;
    return x.worksheet_write_string(ws, row, col, core::escape_controls(label, "\t\n").c_str(), st.text);
  }
  if (auto* i = std::get_if<std::int64_t>(&cell)) return x.worksheet_write_number(ws, row, col, static_cast<double>(*i), st.count);
  if (auto* m = std::get_if<core::Money>(&cell))
    return x.worksheet_write_number(ws, row, col, static_cast<double>(m->cents) / 100.0, st.money);
  if (auto* r = std::get_if<core::Ratio>(&cell))
    if (std::isfinite(r->value)) return x.worksheet_write_number(ws, row, col, r->value, st.percent);
  if (auto* d = std::get_if<core::Decimal>(&cell))
    if (std::isfinite(d->value)) return x.worksheet_write_number(ws, row, col, d->value, st.decimal);
  if (auto* d = std::get_if<core::Date>(&cell)) {
    std::chrono::year_month_day ymd(*d);
    lxw_datetime dt{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())), 0, 0, 0};
    return x.worksheet_write_datetime(ws, row, col, &dt, st.date);
  }
  // undefined: an empty cell, never 0 (with the total row's border)
  return st.text ? x.worksheet_write_blank(ws, row, col, st.text) : LXW_NO_ERROR;
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
  std::string why;
  const Lxw* api = Lxw::open(why);
  if (!api) return fmt::format(N_("cannot write '{}': the spreadsheet library could not be opened ({})"), path.string(), why);
  const Lxw& x = *api;
  core::DurableFile file(path);
  if (!file.open()) return fmt::format(N_("cannot create a file beside '{}': {}"), path.string(), std::strerror(file.error()));
  lxw_workbook* wb = x.workbook_new(file.temporary().c_str());
  if (!wb) return fmt::format(N_("cannot write '{}'"), path.string());
  Styles st(x, wb, false), total(x, wb, true);
  lxw_worksheet* ws = x.workbook_add_worksheet(wb, sheet.c_str());
  lxw_error err = ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
  for (std::size_t c = 0; c < table.columns.size() && !err; ++c)
    err = x.worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.columns[c].id.c_str(), st.header);
  for (std::size_t r = 0; r < table.rows.size() && !err; ++r)
    for (std::size_t c = 0; c < table.rows[r].size() && c < table.columns.size() && !err; ++c)
      err = write_cell(x, ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c],
                       table.row_kind(r) == core::RowKind::detail ? st : total);
  if (!err && !table.columns.empty()) {
    std::vector<double> w = widths(table);
    for (std::size_t c = 0; c < w.size(); ++c) x.worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w[c], nullptr);
    x.worksheet_freeze_panes(ws, 1, 0);
    err = x.worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()), static_cast<lxw_col_t>(table.columns.size() - 1));
  }
  lxw_error closed = x.workbook_close(wb);
  if (err || closed) return fmt::format(N_("cannot write '{}': {}"), path.string(), x.lxw_strerror(err ? err : closed));
  if (!file.finish() || !file.commit())
    return fmt::format(N_("cannot write '{}': {}"), path.string(), std::strerror(file.error()));
  core::sync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
  return {};
}

}  // namespace salesops::cli
