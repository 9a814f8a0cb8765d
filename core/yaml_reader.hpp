#pragma once
// A pull reader over libyaml's event parser: records are read straight from events into
// typed structs, with no node tree in between (SPEC 9: memory follows records).
#include <yaml.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/diagnostics.hpp"
#include "core/model.hpp"

namespace salesops::core {

class YamlReader {
 public:
  enum class Kind { none, stream_end, document_start, document_end, mapping_start, mapping_end,
                    sequence_start, sequence_end, scalar, alias };

  /// `text` must outlive the reader. Problems are reported against `file_label`.
  YamlReader(std::string_view text, std::uint32_t file_index, const std::string& file_label, Diagnostics& diags);
  ~YamlReader();
  YamlReader(const YamlReader&) = delete;
  YamlReader& operator=(const YamlReader&) = delete;

  /// Moves to the next event. False when the text does not parse (reported) or after the end.
  bool next();
  Kind kind() const { return kind_; }
  bool failed() const { return failed_; }
  /// The current scalar's value (valid until the next call to next()).
  std::string_view value() const { return value_; }
  /// True for a plain (unquoted) scalar: only those can mean null.
  bool plain() const { return plain_; }
  /// A plain scalar spelling null: empty, ~, null.
  bool is_null() const;
  Mark mark() const { return mark_; }
  Location location(std::uint32_t length = 1) const;
  Location location_of(Mark m, std::uint32_t length = 1) const;
  const std::string& file_label() const { return label_; }
  std::uint32_t file_index() const { return file_; }
  Diagnostics& diags() { return diags_; }

  /// Skips the current value (scalar, or a whole mapping or sequence), leaving the reader on
  /// its last event. Iterative: deep nesting cannot exhaust the stack.
  bool skip_value();
  /// Calls `on_key(key, key_mark)` for each key of the mapping the reader is on; the callback
  /// must consume the value (the reader is on the value's first event when it is called).
  /// Non-scalar keys are reported and skipped. False when the text stops parsing.
  template <class Fn>
  bool each_key(Fn&& on_key);
  /// Calls `on_item()` for each item of the sequence the reader is on.
  template <class Fn>
  bool each_item(Fn&& on_item);

  /// Reports `message` at the current event.
  void error(std::string rule, std::string message, std::string hint = {});
  void warning(std::string rule, std::string message, std::string hint = {});

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
  bool failed_ = false;
  Kind kind_ = Kind::none;
  std::string_view value_;
  bool plain_ = false;
  Mark mark_;
  std::uint32_t file_;
  const std::string& label_;
  Diagnostics& diags_;
};

template <class Fn>
bool YamlReader::each_key(Fn&& on_key) {
  while (next()) {
    if (kind_ == Kind::mapping_end) return true;
    if (kind_ != Kind::scalar) {
      error("yaml-key", "a key must be plain text");
      if (!skip_value() || !next() || !skip_value()) return false;
      continue;
    }
    std::string key(value_);
    Mark key_mark = mark_;
    if (!next()) return false;
    on_key(std::string_view(key), key_mark);
    if (failed_) return false;
  }
  return false;
}

template <class Fn>
bool YamlReader::each_item(Fn&& on_item) {
  while (next()) {
    if (kind_ == Kind::sequence_end) return true;
    on_item();
    if (failed_) return false;
  }
  return false;
}

}  // namespace salesops::core
