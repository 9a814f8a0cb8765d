#pragma once
// Reading CSV exports of other systems (RFC 4180): quoted fields with embedded commas,
// quotes and line breaks; UTF-8 with or without a byte-order mark; CRLF or LF line ends.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace salesops::core {

/// One record with the line of the file it starts on (1-based; the header is line 1).
struct CsvRecord {
  std::uint32_t line = 0;
  std::vector<std::string> fields;
};

/// Where and why the text is not CSV; nothing after it was read.
struct CsvError {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // in characters, 1-based
  std::string message;
};

struct CsvTable {
  std::vector<CsvRecord> records;  // the header first; blank lines are skipped
  std::optional<CsvError> error;
};

/// Parses the whole text. A quote may only open a field or, doubled, stand inside a
/// quoted one; a quoted field must be closed before the end of the text, and be followed
/// by a delimiter or a line end. The text must be UTF-8 without NUL bytes (a UTF-16 file
/// is named as such).
CsvTable parse_csv(std::string_view text, char delimiter = ',');

}  // namespace salesops::core
