#pragma once
// Reading salesops.toml (salesops-book(5)).
#include <string>
#include <string_view>

#include "core/base/diagnostics.hpp"
#include "core/book/config.hpp"

namespace salesops::core {

/// Reads salesops.toml text; problems go to `diags` (file names `file_label`).
Config parse_config(std::string_view text, const std::string& file_label, Diagnostics& diags);

}  // namespace salesops::core
