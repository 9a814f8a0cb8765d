#pragma once
// The parts every json document shares, for commands that write a document of their own
// shape (check's diagnostics, reward plans as objects).
#include <nlohmann/json.hpp>

#include <string>

#include "cli/render.hpp"

namespace salesops::cli {

/// {"format_version":"2","meta":{book, command, period, period_start, period_end, today,
/// revision[, note]}}, to which each document adds its fields. Empty meta fields are null.
nlohmann::ordered_json json_document(const Meta& meta);
/// `json` as text (indent -1: one line), invalid UTF-8 replaced and control characters escaped
/// as every json output escapes them.
std::string dump_json(const nlohmann::ordered_json& json, int indent);

}  // namespace salesops::cli
