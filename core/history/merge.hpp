#pragma once
// Three-way merge of one record file by record and field: what `salesops merge-file`
// does as git's merge driver.
//
// The three texts are cut along their YAML block structure (indentation): a list item
// with an `id` is a record, found in the other versions by its id wherever it moved; a
// mapping key is a field; a list without ids (a deal's history, a customer's interactions)
// takes the items each side appended after the common ones. A part one side changed and
// the other did not takes the change; a part both changed differently is a conflict,
// written as git's conflict markers around the whole record that holds it, as ours has
// it, then as theirs has it. Comments, quoting and blank lines stay as
// the sides wrote them: the merge copies lines, it never re-emits YAML. A text that does
// not cut (a multi-line flow collection at the top, `---`, a tab-indented line) is merged
// whole: one side's change, or one conflict around the file.
#include <string>
#include <string_view>
#include <vector>

namespace salesops::core {

/// The merge of one file.
struct MergedText {
  std::string text;
  /// One line per conflict, naming the record and field: `D-2026-0113.stage: changed on
  /// both sides`. Empty: the merge is clean.
  std::vector<std::string> conflicts;
  /// The number of records (or whole-file fallbacks) that carry conflict markers.
  int conflicted_records = 0;
};

/// Merges `ours` and `theirs`, each changed from `base`. `marker_size` is the length of
/// the conflict markers (git's %L, 7 by default).
MergedText merge_record_text(std::string_view base, std::string_view ours, std::string_view theirs,
                             int marker_size = 7);

}  // namespace salesops::core
