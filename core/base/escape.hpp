#pragma once
// Control characters made visible. A record's text may hold an ESC sequence (a screen clear,
// an OSC 52 clipboard write, an OSC 8 link) or a C1 control; printed raw it would be a
// command to the terminal that shows it. Every text output escapes them.
#include <cstddef>
#include <string>
#include <string_view>

namespace salesops::core {

/// The byte offset of the first control character of `s` at or after `from` that is not one
/// of the ASCII characters `allowed` (e.g. "\t\n"), or npos. Control characters are C0
/// (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F, two bytes in UTF-8).
std::size_t find_control(std::string_view s, std::size_t from = 0, std::string_view allowed = {});

/// The control character that find_control found at `at`, escaped ("\x1b", "\u009b").
std::string control_at(std::string_view s, std::size_t at);

/// `s` with each control character not in `allowed` written as `\xNN` (C0 and DEL, e.g.
/// ESC as `\x1b`) or `\u00NN` (C1, e.g. CSI as `\u009b`), and each byte that is not valid
/// UTF-8 as `\xNN`. A backslash already in the text is left as it is: the escape is for
/// display, not a reversible encoding. Text without such characters is returned unchanged.
std::string escape_controls(std::string_view s, std::string_view allowed = {});

/// The JSON text `json` with DEL and C1 characters written as `\u007f`..`\u009f`: JSON
/// itself only requires C0 to be escaped, but a terminal may act on the others.
std::string escape_json_controls(std::string json);

}  // namespace salesops::core
