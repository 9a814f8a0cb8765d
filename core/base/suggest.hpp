#pragma once
// "Did you mean": the closest known name to a misspelt one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace salesops::core {

/// Levenshtein distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate closest to `word` when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace salesops::core
