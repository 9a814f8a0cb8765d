#pragma once
// Problems found in a book: each names file:line:column, a rule id and a message.
#include <cstdint>
#include <string>
#include <vector>

namespace salesops::core {

enum class Severity { error, warning };

/// Where a record or field was read: an index into the book's files, 1-based line and column.
struct Mark {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// A position in a book file. `file` is relative to the book root; line and column are
/// 1-based (0 when unknown), the column counted in characters (code points); `length` is the
/// number of characters to underline in the excerpt, clipped at the end of the line.
struct Location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 1;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule;  // stable id such as "deal-stage"
  Location where;
  std::string message;
  std::string hint;
  /// The person or team answerable for what an audit rule found (empty: nobody in
  /// particular); `check --by owner` groups findings by their manager.
  std::string owner{};
  /// The full id of the commit a finding is about (check --approvals); empty for a record's.
  std::string commit{};
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string rule, Location where, std::string message, std::string hint = {}) {
    items_.push_back({Severity::error, std::move(rule), std::move(where), std::move(message), std::move(hint)});
  }
  void warning(std::string rule, Location where, std::string message, std::string hint = {}) {
    items_.push_back({Severity::warning, std::move(rule), std::move(where), std::move(message), std::move(hint)});
  }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }
  /// Orders by file, line, column so reports read top to bottom.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace salesops::core
