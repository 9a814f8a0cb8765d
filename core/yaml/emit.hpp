#pragma once
// How new values are written: quoting that reads back as the same string, and block lines.
//
// yaml-cpp's emitter decides what YAML syntax needs (`a: b`, `#x`, leading spaces, empty
// strings); on top of it, text that a YAML 1.1 or 1.2 reader would take for a boolean,
// null, number, date or time (`no`, `on`, `0123`, `12:30`, `2026-11-03`) is quoted too, and
// characters YAML cannot hold raw (DEL, C1 controls, U+FEFF, line separators) are escaped.
#include <string>
#include <string_view>
#include <vector>

#include "core/base/utf8.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

/// The quotes a replaced scalar had: `any` lets the value decide.
enum class QuoteStyle { any, single, double_ };

/// Every scalar and key of `v` is valid UTF-8.
bool is_valid_value(const YamlValue& v);

/// Text as a scalar: plain when that reads back the same, else quoted; `prefer` keeps a
/// replaced scalar's quotes when they can hold the text. `in_flow`: inside [...] or {...}.
std::string emit_yaml_text(const std::string& text, bool in_flow, QuoteStyle prefer = QuoteStyle::any);
/// A value on one line: a scalar, or a collection in flow style.
std::string emit_yaml(const YamlValue& v, bool in_flow, QuoteStyle prefer = QuoteStyle::any);
/// A value as block lines whose own keys or dashes sit at column 0 (collections marked
/// `flow`, and empty ones, stay on one line).
void emit_block_lines(const YamlValue& v, std::vector<std::string>& out);

}  // namespace salesops::core
