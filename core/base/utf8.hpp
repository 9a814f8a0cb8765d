#pragma once
// UTF-8 text as the records and CSV files must hold it.
#include <string_view>

namespace salesops::core {

/// `s` is well-formed UTF-8: every lead byte has its continuation bytes.
bool is_valid_utf8(std::string_view s);

}  // namespace salesops::core
