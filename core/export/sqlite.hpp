#pragma once
// The tidy tables as one SQLite database (`salesops export FILE.sqlite`).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/export/tidy.hpp"

namespace salesops::core {

/// Writes `tables` as a new SQLite database at `path`, one SQL table each with its columns'
/// types, plus `salesops_meta` (key, value) holding `meta`. The database is built in a
/// temporary file beside `path` and takes its name only when complete, so an existing file
/// stays whole on failure. Returns "" or the reason it failed.
std::string write_sqlite(const std::filesystem::path& path, const std::vector<TidyTable>& tables,
                         const std::vector<std::pair<std::string, std::string>>& meta);

}  // namespace salesops::core
