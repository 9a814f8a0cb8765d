#pragma once
// UTF-8 text as the records and CSV files must hold it.
#include <string_view>

namespace salesops::core {

/// The byte offset of the first byte of `s` that does not start a well-formed UTF-8
/// character, or npos when every lead byte has its continuation bytes.
std::size_t first_invalid_utf8(std::string_view s);

/// `s` is well-formed UTF-8: every lead byte has its continuation bytes.
inline bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

}  // namespace salesops::core
