#pragma once
// Tables on a terminal: the columns shown (--columns, --wide, a compact set) and text cut to
// the terminal's width. Piped and file output keeps every column and every character unless
// --columns names them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/table.hpp"

namespace salesops::cli {

/// Keeps the columns whose ids `ids` names, in that order. An id that is not a column of
/// `table` is an error naming it, the closest id and the table's ids; with `skip_absent` such
/// an id is passed over instead (a report of several tables).
std::optional<std::string> select_columns(core::Table& table, const std::vector<std::string>& ids, bool skip_absent = false);

/// The ids of `table`'s columns, comma separated.
std::string column_ids(const core::Table& table);

/// Fits `table` into `width` terminal columns. With `compact`, detail columns go first; then
/// the widest text columns are cut, with "…" ending what was cut (numbers, money and dates
/// are never cut); then, when it still does not fit and `may_drop`, the columns at the right
/// go. Returns the ids of the columns left out.
std::vector<std::string> fit_table(core::Table& table, std::size_t width, bool compact, bool may_drop);

/// `text` cut to at most `width` terminal columns, "…" marking the cut (by display width:
/// a wide character is never split).
std::string cut_to_width(std::string_view text, std::size_t width);

/// `text` broken at spaces so that no line passes `width` columns, the first line starting
/// at column `used`, the next ones indented `indent` spaces; a word wider than a line is cut
/// with '…'. Unchanged when `width` is 0.
std::string wrap_to_width(const std::string& text, std::size_t width, std::size_t used, std::size_t indent);

/// The line saying which columns a fitted table left out, at most `width` columns wide.
std::string hidden_columns_note(const std::vector<std::string>& hidden, std::size_t width);

/// The terminal's width: COLUMNS when it is a positive number, else the size of the terminal
/// on `fd`; nullopt when neither tells.
std::optional<std::size_t> terminal_width(int fd);

}  // namespace salesops::cli
