#pragma once
// New record ids (SPEC 7): the kind's prefix and the next free number.
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

/// Whether `id` has the form of a record id (SPEC 1): [A-Za-z0-9][A-Za-z0-9._-]*.
bool is_record_id(std::string_view id);

/// Splits "a=1,b=2" (or the items of a repeated option) into key/value pairs. Returns false
/// with a message naming the offending item when one lacks `=`, has an empty key, or
/// repeats a key.
bool parse_key_values(std::span<const std::string> items, std::vector<std::pair<std::string, std::string>>* out,
                      std::string* error);

}  // namespace salesops::core
