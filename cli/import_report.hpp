#pragma once
// What `salesops import` tells: a line per row that created or changed records, the summary
// with its counts, the skipped rows by reason; or, in a machine format, one row per record
// created, changed or left unchanged and per row skipped.
#include <iosfwd>
#include <string>

#include "core/base/table.hpp"
#include "core/import/import.hpp"

namespace salesops::cli {

/// "FILE:LINE: created deal D-1, customer C-0001 (Acme)" for each row that created or
/// changed something.
void print_import_rows(std::ostream& out, const std::string& file, const core::ImportChange& change);

/// "imported FILE: N rows; created ...; updated ...; unchanged N; skipped N", then the rows
/// skipped grouped by reason: how many, their first lines, and the first row's words.
void print_import_summary(std::ostream& out, const std::string& file, const core::ImportChange& change,
                          bool update, bool dry_run);

/// line, action (created, changed, unchanged, skipped), kind, id, file, fields, reason, detail.
core::Table import_table(const core::ImportChange& change);

}  // namespace salesops::cli
