#pragma once
// What `salesops import` tells: a line per row that created or changed records, the summary
// with its counts, the skipped rows by reason; or, in a machine format, one row per record
// created, changed or left unchanged and per row skipped.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/base/table.hpp"
#include "core/import/import.hpp"

namespace salesops::cli {

/// Takes what each row did as the import decides it and keeps only what the text output
/// prints: the lines of rows that created or changed records (unless quiet) and the skipped
/// rows grouped by reason, so a million rows cost their lines, not their records.
class ImportReporter {
 public:
  ImportReporter(std::string file, bool row_lines) : file_(std::move(file)), row_lines_(row_lines) {}
  void take(const core::ImportOutcome& outcome);
  /// "FILE:LINE: created deal D-1, customer C-0001 (Acme)" for each row that created or
  /// changed something.
  void print_rows(std::ostream& out) const;
  /// "imported FILE: N rows; created ...; updated ...; unchanged N; skipped N", then the
  /// rows skipped grouped by reason: how many, their first lines, and the first row's words.
  void print_summary(std::ostream& out, const core::ImportChange& change, bool update, bool dry_run) const;

 private:
  struct SkipGroup {
    std::string reason, first_detail;
    std::size_t rows = 0;
    std::vector<std::uint32_t> lines;  // the first few
  };
  std::string file_;
  bool row_lines_;
  std::string rows_;
  std::vector<SkipGroup> skipped_;
};

/// line, action (created, changed, unchanged, skipped), kind, id, file, fields, reason, detail.
core::Table import_table(const core::ImportChange& change);

}  // namespace salesops::cli
