#pragma once
// Problems found in a book: each names file:line:column, a rule id and a message.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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
  /// A finding that repeats (an unknown key on every deal) is kept once per `group` (its
  /// rule, record kind and key): `count` occurrences, the first at `where`, the next ones
  /// kept in `also` (Diagnostics::kept_locations in all, unless every one is kept).
  /// `subject` and `plural` word the repeated form: "unknown key 'notes' in 3 deals".
  std::string group{};
  std::uint64_t count = 1;
  std::vector<Location> also{};
  std::string subject{};
  std::string plural{};
  /// The full id of the commit a finding is about (check --approvals); empty for a record's.
  std::string commit{};
};

/// The finding's message: its own for one occurrence, else "SUBJECT in N PLURAL, first at
/// FILE:L:C, FILE:L:C, ...", naming the locations kept.
std::string message_text(const Diagnostic& d);
/// "1,000,000".
std::string grouped_count(std::uint64_t n);

class Diagnostics {
 public:
  /// Locations a repeated finding keeps besides its first.
  static constexpr std::size_t kKeptLocations = 2;

  /// Adds a finding; one of a `group` already held is counted into it instead.
  void add(Diagnostic d);
  void error(std::string rule, Location where, std::string message, std::string hint = {}) {
    items_.push_back({Severity::error, std::move(rule), std::move(where), std::move(message), std::move(hint)});
  }
  void warning(std::string rule, Location where, std::string message, std::string hint = {}) {
    items_.push_back({Severity::warning, std::move(rule), std::move(where), std::move(message), std::move(hint)});
  }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  /// Occurrences (a repeated finding counts each).
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  void append(const Diagnostics& other) {
    for (const Diagnostic& d : other.items_) add(d);
  }
  /// Orders by file, line, column so reports read top to bottom.
  void sort();

  /// Counts one more occurrence of the finding of `group` added at or after the floor:
  /// true when there is one (its location, made by `where()`, kept while there is room),
  /// false when the caller is to add it in full. No allocation when the group is held.
  template <class Where>
  bool repeat(std::string_view group, Where&& where) {
    Diagnostic* d = held(group);
    if (!d) return false;
    ++d->count;
    if (d->also.size() < kept_limit()) d->also.push_back(where());
    return true;
  }
  /// Findings added from now on are not counted into those added before (the findings of
  /// one file are kept apart from the next file's).
  void set_group_floor() {
    floor_ = items_.size();
    groups_.clear();
  }
  /// Keeps every location of a repeated finding (`check --all-locations`).
  void keep_all_locations(bool all) { all_locations_ = all; }
  bool all_locations() const { return all_locations_; }
  /// Every occurrence of a repeated finding as a finding of its own, with its own message.
  Diagnostics expanded() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::size_t kept_limit() const { return all_locations_ ? SIZE_MAX : kKeptLocations; }
  Diagnostic* held(std::string_view group);

  std::vector<Diagnostic> items_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> groups_;
  std::size_t floor_ = 0;
  bool all_locations_ = false;
};

}  // namespace salesops::core
