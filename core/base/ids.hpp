#pragma once
// New record ids (SPEC 7): the kind's prefix and the next free number, or (for the records
// two people add on their own branches: deals, coaching sessions) a short suffix that two
// branches do not both pick.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace salesops::core {

/// `prefix` followed by one more than the highest number that any id of the form
/// prefix + digits carries (1 when none does), zero-padded to `width` digits:
/// next_id("D-2026-", 4, {"D-2026-0113", "D-2026-0007"}) is "D-2026-0114". Ids with other
/// suffixes are ignored, and numbers freed by deletions are not reused.
std::string next_id(std::string_view prefix, int width, std::span<const std::string_view> existing);

/// `prefix` followed by four characters of lower-case base32 (digits and letters but i, l,
/// o, u), the first a letter so that the id never reads as a number: "D-2026-k3f9". The
/// characters come from a hash of `seed` (the new record's fields, its owner among them),
/// so a command gives the same id on every run, while two branches adding different records
/// pick independently from 720,896 ids. An id in `existing` is skipped for the next hash.
std::string new_id(std::string_view prefix, std::string_view seed, std::span<const std::string_view> existing);

/// Where a new record goes among the records of its file (`owners`: each record's owner,
/// in file order), as an index from 0 (before the first) to owners.size() (the end): right
/// after the last record of the same owner, else at the place a hash of its id picks. Two
/// people adding records on their own branches so insert them at different places, with
/// lines of the file between, and git merges both additions line by line without a
/// conflict; appending both at the end would always conflict.
std::size_t new_record_place(std::span<const std::string_view> owners, std::string_view owner, std::string_view id);

/// Whether `id` has the form of a record id (SPEC 1): [A-Za-z0-9][A-Za-z0-9._-]*.
bool is_record_id(std::string_view id);

/// Splits "a=1,b=2" (or the items of a repeated option) into key/value pairs. Returns false
/// with a message naming the offending item when one lacks `=`, has an empty key, or
/// repeats a key.
bool parse_key_values(std::span<const std::string> items, std::vector<std::pair<std::string, std::string>>* out,
                      std::string* error);

}  // namespace salesops::core
