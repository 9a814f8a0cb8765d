#pragma once
// A pull reader over YAML events: records are read straight from events into typed structs,
// with no node tree in between (SPEC 9: memory follows records). The events come from the
// fast scanner (core/yaml_fast.hpp) while the text stays within what it reads, then from
// libyaml's event parser, which also reports every syntax and encoding error.
#include <yaml.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/base/diagnostics.hpp"
#include "core/base/file_text.hpp"
#include "core/base/i18n.hpp"
#include "core/yaml/fast.hpp"

namespace salesops::core {

/// The 1-based line and column (counted in characters, as libyaml counts them) of the byte
/// at `offset` in `text`.
std::pair<std::uint32_t, std::uint32_t> line_and_column(std::string_view text, std::size_t offset);

/// The keys of one mapping, to find a repeated one (YAML wants unique keys; libyaml does
/// not check). A few keys live inline; a mapping with many switches to a hash map, so no
/// mapping is slow to check.
class KeySet {
 public:
  /// Adds `key`; returns where it was first seen when it is already there.
  std::optional<Mark> insert(std::string_view key, Mark at);

 private:
  static constexpr std::size_t kInline = 16;
  std::array<std::pair<std::string, Mark>, kInline> inline_;
  std::size_t count_ = 0;
  std::unordered_map<std::string, Mark> many_;
};

class YamlReader {
 public:
  enum class Kind { none, stream_end, document_start, document_end, mapping_start, mapping_end,
                    sequence_start, sequence_end, scalar, alias };
  /// Lists and mappings nested deeper than this stop the reading with an error.
  static constexpr std::size_t kMaxDepth = 200;

  /// `text` must outlive the reader. Problems are reported against `file_label`. With
  /// `release`, the FileText `text` is the view of: its pages are given back as the reader
  /// passes them.
  YamlReader(std::string_view text, std::uint32_t file_index, std::string_view file_label, Diagnostics& diags,
             FileText* release = nullptr);
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
  /// Columns the current event covers on its first line: a scalar's source text, quotes
  /// included (a value running onto later lines is underlined to the end of its first line);
  /// 1 for other events.
  std::uint32_t span() const { return span_; }
  /// The span of the key most recently passed to an each_key callback.
  std::uint32_t key_span() const { return key_span_; }
  /// True when part of the file was not read as records: it stopped parsing, its root was
  /// of the wrong shape, or it holds a second document. Records it may hold are unknown.
  bool partial() const { return failed_ || partial_; }
  Location location(std::uint32_t length = 1) const;
  Location location_of(Mark m, std::uint32_t length = 1) const;
  std::string_view file_label() const { return label_; }
  std::uint32_t file_index() const { return file_; }
  Diagnostics& diags() { return diags_; }

  /// Skips the current value (scalar, or a whole mapping or sequence), leaving the reader on
  /// its last event. Iterative: deep nesting cannot exhaust the stack.
  bool skip_value();
  /// Reports that the current value is not what its field needs and skips it. An alias is
  /// reported as an alias, and a value that stops parsing midway only by its syntax error.
  void reject(std::string rule, std::string message, std::string hint = {});
  /// After the root value: reports a second document ('---' or '...' followed by more) and
  /// any syntax error in the rest of the file. A record file holds one document.
  void finish_document();
  /// Calls `on_key(key, key_mark)` for each key of the mapping the reader is on; the callback
  /// must consume the value (the reader is on the value's first event when it is called).
  /// Non-scalar keys and repeated keys are reported and skipped (the first value of a key
  /// is the one read). False when the text stops parsing.
  template <class Fn>
  bool each_key(Fn&& on_key);
  /// Calls `on_item()` for each item of the sequence the reader is on.
  template <class Fn>
  bool each_item(Fn&& on_item);

  /// Reports `message` at the current event.
  void error(std::string rule, std::string message, std::string hint = {});
  void warning(std::string rule, std::string message, std::string hint = {});

 private:
  void report_parse_error();
  /// Starts libyaml on the text and skips the `skip` events the fast scanner delivered.
  bool start_libyaml(std::size_t skip);
  void report_repeated_key(std::string_view key, Mark at, std::uint32_t span, Mark first);

  std::string_view text_;
  FileText* release_ = nullptr;
  std::size_t release_at_ = 0;  // the offset read when the text's pages are next given back
  FastYamlScanner fast_;
  bool fast_on_ = true;
  bool libyaml_ = false;  // parser_ is initialized
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
  bool failed_ = false;
  Kind kind_ = Kind::none;
  std::string_view value_;
  bool plain_ = false;
  Mark mark_;
  Mark end_;  // where the current event ends
  std::uint32_t span_ = 1;
  std::uint32_t key_span_ = 1;
  std::size_t level_ = 0;  // collections open before the current event
  bool partial_ = false;
  std::uint32_t file_;
  std::string_view label_;
  Diagnostics& diags_;
};

template <class Fn>
bool YamlReader::each_key(Fn&& on_key) {
  KeySet keys;
  while (next()) {
    if (kind_ == Kind::mapping_end) return true;
    if (kind_ != Kind::scalar) {
      reject("yaml-key", N_("a key must be plain text, not a list, a mapping or an alias"));
      if (failed_ || !next() || !skip_value()) return false;
      continue;
    }
    if (value_ == "<<" && plain_) {
      Location where = location(span_);
      if (!next() || (kind_ != Kind::alias && !skip_value())) return false;
      diags_.error("yaml-alias", where, N_("merge keys (<<) are not supported in records"),
                   N_("write the fields out in full"));
      continue;
    }
    std::string key(value_);
    Mark key_mark = mark_;
    std::uint32_t key_span = span_;
    if (!next()) return false;
    if (auto first = keys.insert(key, key_mark)) {
      report_repeated_key(key, key_mark, key_span, *first);
      if (!skip_value()) return false;
      continue;
    }
    key_span_ = key_span;
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
