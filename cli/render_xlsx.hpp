#pragma once
// A table as an Excel workbook (`-o FILE.xlsx`): typed cells a spreadsheet computes with.
#include <filesystem>
#include <string>

#include "core/base/table.hpp"

namespace salesops::cli {

/// Writes `table` as one worksheet named `sheet` of a new workbook at `path`: money as
/// numbers with two decimals, ratios as numbers in percent, decimals with two decimals,
/// counts as integers, dates as dates, text as text (control characters escaped, never a
/// formula); a bold frozen header with an autofilter, and columns as wide as their text.
/// The columns are machine_table's (period start and end, row_kind); subtotal and total
/// rows are bold with a thin top border.
/// The workbook is made beside `path` and takes its name only when whole. Returns "" or
/// why it could not be written.
std::string write_xlsx(const std::filesystem::path& path, const core::Table& table, const std::string& sheet);

}  // namespace salesops::cli
