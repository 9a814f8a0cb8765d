#pragma once
// Every field of every record kind, compared as value trees through the record schema:
// what `diff` and `log` report beyond the typed fields book_diff compares.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/history/diff.hpp"
#include "core/load/source.hpp"

namespace salesops::core {

/// Book files by path relative to the book: their text.
using FileTexts = std::map<std::string, std::string>;

/// The changes between the records of the files `before` and `after` (a file absent from
/// one side holds no records there). Records are matched by kind and id across files, so a
/// record moved to another file is unchanged; lists of sub-records (interactions, follow-ups,
/// actions) by their id, or the fields that identify them ("2026-10-03 call"), else by
/// position. Values are compared as the schema types them: a restyled file is unchanged.
/// The fields book_diff reports are left out. salesops.toml is compared as kind "settings",
/// one id per table.
std::vector<Change> record_diff(const FileTexts& before, const FileTexts& after);

/// The list items (from a line starting with "- " to the next) of two versions of a file
/// that are not in the other version, as two texts of items; both texts whole when either
/// is not a plain list or holds an anchor or alias (an item may lean on another's).
/// Only those need parsing to compare the versions' records.
std::pair<std::string, std::string> differing_items(std::string_view before, std::string_view after);

/// book_diff of the two books and record_diff of the files that differ between them, in
/// the order of diff_kinds(), then by id; a record's typed fields come first.
std::vector<Change> full_diff(const Book& before, const Book& after, const FileTexts& before_files,
                              const FileTexts& after_files);

/// The files whose text differs between two sources, read from both (a file present on
/// one side only is read there). Files with the same git blob id are not read.
std::pair<FileTexts, FileTexts> changed_files(BookSource& before, BookSource& after);

}  // namespace salesops::core
