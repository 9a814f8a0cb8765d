#include "cli/fit.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "cli/render.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"

namespace salesops::cli {

namespace {

constexpr std::string_view kEllipsis = "\u2026";
/// A cut text column keeps at least this many terminal columns.
constexpr std::size_t kMinCut = 8;

bool is_text(const core::Cell& cell) { return std::holds_alternative<std::string>(cell); }

/// Text as the table format shows it: on one line, control characters escaped.
std::string shown_text(std::string_view s) {
  std::string out(s);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
  return core::escape_controls(out);
}

std::size_t indent(const core::Table& table, std::size_t row, std::size_t column) {
  return column == 0 && row < table.depth.size() ? 2u * table.depth[row] : 0;
}

void keep_columns(core::Table& table, const std::vector<std::size_t>& keep) {
  std::vector<core::Column> columns;
  for (std::size_t c : keep) columns.push_back(table.columns[c]);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::vector<core::Cell> row;
    std::vector<core::Tone> tones;
    for (std::size_t c : keep) {
      row.push_back(c < table.rows[r].size() ? table.rows[r][c] : core::Cell{core::Undefined{}});
      tones.push_back(table.tone(r, c));
    }
    table.rows[r] = std::move(row);
    if (r < table.tones.size()) table.tones[r] = std::move(tones);
  }
  table.columns = std::move(columns);
}

struct Measure {
  std::size_t width = 0;  // the widest cell or header
  std::size_t floor = 0;  // what cannot be cut: numbers, dates, the minimum of a cut
  bool cuttable = false;  // holds text
};

std::vector<Measure> measure(const core::Table& table) {
  std::vector<Measure> m(table.columns.size());
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const core::Column& col = table.columns[c];
    std::size_t header = display_width(shown_text(col.label.empty() ? col.id : col.label));
    m[c].width = header;
    m[c].floor = std::min(header, kMinCut);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      if (c >= table.rows[r].size()) continue;
      const core::Cell& cell = table.rows[r][c];
      std::size_t w = display_width(is_text(cell) ? shown_text(std::get<std::string>(cell)) : display_text(cell)) +
                      indent(table, r, c);
      m[c].width = std::max(m[c].width, w);
      if (is_text(cell)) {
        m[c].cuttable = true;
        m[c].floor = std::max(m[c].floor, std::min(w, kMinCut + indent(table, r, c)));
      } else {
        m[c].floor = std::max(m[c].floor, w);
      }
    }
    // A column of figures shown as text (the scorecard's "▲ 1,200.00") is never cut either.
    if (!m[c].cuttable || col.numeric) m[c].floor = m[c].width;
  }
  return m;
}

std::size_t line_width(const std::vector<Measure>& m) {
  std::size_t total = 0;
  for (const Measure& x : m) total += x.width;
  return total + (m.empty() ? 0 : 2 * (m.size() - 1));
}

}  // namespace

std::string column_ids(const core::Table& table) {
  std::string out;
  for (const core::Column& c : table.columns) out += (out.empty() ? "" : ", ") + c.id;
  return out;
}

std::optional<std::string> select_columns(core::Table& table, const std::vector<std::string>& ids, bool skip_absent) {
  std::vector<std::size_t> keep;
  for (const std::string& id : ids) {
    auto it = std::find_if(table.columns.begin(), table.columns.end(), [&](const core::Column& c) { return c.id == id; });
    if (it == table.columns.end()) {
      if (skip_absent) continue;
      std::vector<std::string> all;
      for (const core::Column& c : table.columns) all.push_back(c.id);
      auto close = core::closest_match(id, all);
      return close ? fmt::format(N_("--columns: no column '{}' (did you mean '{}'?); the columns are {}"), id, *close,
                                 column_ids(table))
                   : fmt::format(N_("--columns: no column '{}'; the columns are {}"), id, column_ids(table));
    }
    auto c = static_cast<std::size_t>(it - table.columns.begin());
    if (std::find(keep.begin(), keep.end(), c) == keep.end()) keep.push_back(c);
  }
  keep_columns(table, keep);
  return std::nullopt;
}

std::string cut_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::size_t room = width - 1, used = 0, end = 0;  // one column for the ellipsis
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  while (end < text.size()) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p + end, static_cast<utf8proc_ssize_t>(text.size() - end), &cp);
    std::size_t w = 1;
    if (n <= 0) n = 1;
    else w = static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    if (used + w > room) break;
    used += w;
    end += static_cast<std::size_t>(n);
  }
  std::string out(text.substr(0, end));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + std::string(kEllipsis);
}

std::vector<std::string> fit_table(core::Table& table, std::size_t width, bool compact, bool may_drop) {
  std::vector<std::string> hidden;
  if (compact) {
    std::vector<std::size_t> keep;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].detail) hidden.push_back(table.columns[c].id);
      else keep.push_back(c);
    }
    if (!hidden.empty()) keep_columns(table, keep);
  }
  std::vector<Measure> m = measure(table);
  std::vector<std::size_t> natural;
  for (const Measure& x : m) natural.push_back(x.width);
  // Narrow the widest text column a column at a time: the cut spreads over the widest. The
  // first column, the row's id (what a user types next), is cut only when it alone is wider
  // than the terminal.
  if (!m.empty() && m[0].width + 2 * kMinCut < width) m[0].floor = m[0].width;
  for (std::size_t total = line_width(m); total > width; --total) {
    Measure* widest = nullptr;
    for (Measure& x : m)
      if (x.cuttable && x.width > x.floor && (!widest || x.width > widest->width)) widest = &x;
    if (!widest) break;
    --widest->width;
  }
  if (may_drop) {
    std::vector<std::size_t> keep;
    std::size_t total = 0;
    for (std::size_t c = 0; c < m.size(); ++c) {
      std::size_t add = m[c].width + (c > 0 ? 2 : 0);
      if (c > 0 && (keep.size() < c || total + add > width)) {  // this one and every one after it
        hidden.push_back(table.columns[c].id);
        continue;
      }
      total += add;
      keep.push_back(c);
    }
    if (keep.size() < m.size()) {
      std::vector<Measure> kept;
      std::vector<std::size_t> kept_natural;
      for (std::size_t c : keep) kept.push_back(m[c]), kept_natural.push_back(natural[c]);
      keep_columns(table, keep);
      m = std::move(kept);
      natural = std::move(kept_natural);
    }
  }
  for (std::size_t c = 0; c < m.size(); ++c) {
    if (m[c].width >= natural[c]) continue;
    core::Column& col = table.columns[c];
    std::string header = shown_text(col.label.empty() ? col.id : col.label);
    if (display_width(header) > m[c].width) col.label = cut_to_width(header, m[c].width);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      if (c >= table.rows[r].size() || !is_text(table.rows[r][c])) continue;
      std::string text = shown_text(std::get<std::string>(table.rows[r][c]));
      std::size_t room = m[c].width - std::min(m[c].width, indent(table, r, c));
      if (display_width(text) > room) table.rows[r][c] = cut_to_width(text, room);
    }
  }
  return hidden;
}

namespace {

/// The code points of `word` that fit `room` columns, at least one: where a text without
/// spaces (Chinese) breaks.
std::size_t prefix_fitting(std::string_view word, std::size_t room) {
  std::size_t pos = 0, at = 0;
  while (pos < word.size()) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data() + pos),
                              static_cast<utf8proc_ssize_t>(word.size() - pos), &cp);
    std::size_t len = n > 0 ? static_cast<std::size_t>(n) : 1;
    std::size_t w = n > 0 ? static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp))) : 1;
    if (pos > 0 && at + w > room) break;
    at += w;
    pos += len;
  }
  return pos;
}

}  // namespace

std::string wrap_to_width(const std::string& text, std::size_t width, std::size_t used, std::size_t indent) {
  if (width == 0 || used + display_width(text) <= width) return text;
  std::string out;
  std::size_t at = used;
  bool line_empty = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    std::size_t w = display_width(word);
    if (!line_empty && at + 1 + w > width) {
      out += '\n' + std::string(indent, ' ');
      at = indent;
      line_empty = true;
    }
    if (!line_empty) out += ' ', ++at;
    // A word of wide characters (Chinese, written without spaces) breaks between any two of
    // them rather than being cut.
    while (at + w > width && w != word.size() && width > indent + 1) {
      std::size_t n = prefix_fitting(word, width > at ? width - at : 1);
      out += word.substr(0, n) + '\n' + std::string(indent, ' ');
      word.erase(0, n);
      w = display_width(word);
      at = indent;
    }
    if (at + w > width) word = cut_to_width(word, width > at ? width - at : 1), w = display_width(word);
    out += word;
    at += w;
    line_empty = false;
  }
  return out;
}

std::string hidden_columns_note(const std::vector<std::string>& hidden, std::size_t width) {
  std::string ids;
  for (const std::string& id : hidden) ids += (ids.empty() ? "" : ", ") + id;
  std::string note = hidden.size() == 1 ? fmt::format(N_("{} more column (--wide shows all): {}"), hidden.size(), ids)
                                        : fmt::format(N_("{} more columns (--wide shows all): {}"), hidden.size(), ids);
  return cut_to_width(shown_text(note), width);
}

std::optional<std::size_t> terminal_width(int fd) {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(columns, columns + std::strlen(columns), n);
    if (ec == std::errc{} && *end == '\0' && n > 0 && n <= 100000) return n;
  }
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return std::nullopt;
}

}  // namespace salesops::cli
