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

/// Reads the records of a text one at a time, so that a file of a million rows costs its
/// text and one record, not all its records. The text must outlive the reader. Parsing is
/// parse_csv's (below).
class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char delimiter = ',');
  /// The next record (blank lines are skipped); false at the end of the text or at an error.
  bool next(CsvRecord& record);
  /// Why reading stopped early; none at the end of good text.
  const std::optional<CsvError>& error() const { return error_; }

 private:
  bool fail(std::size_t at, std::string message);
  bool line_end();
  bool record(std::vector<std::string>& fields);
  bool quoted(std::string& field);

  std::string_view s_;
  char delim_;
  std::size_t pos_ = 0, line_start_ = 0;
  std::uint32_t line_ = 1;
  bool quoted_ = false;  // the last record's single field was quoted ("" is not blank)
  std::optional<CsvError> error_;
};

/// Parses the whole text. A quote may only open a field or, doubled, stand inside a
/// quoted one; a quoted field must be closed before the end of the text, and be followed
/// by a delimiter or a line end. The text must be UTF-8 without NUL bytes (a UTF-16 file
/// is named as such).
CsvTable parse_csv(std::string_view text, char delimiter = ',');

}  // namespace salesops::core
