#pragma once
// A fast scanner for the part of YAML that record files use, producing exactly the events
// libyaml's parser produces for the same text (kinds, values, styles, start and end marks).
//
// It reads block mappings and sequences (indentless ones too), one-line plain scalars,
// one-line quoted scalars with simple escapes, and one-line flow lists and mappings of
// scalars. On anything else — multi-line scalars, block scalars, anchors, tags, directives,
// document markers, tabs, CR, control characters, invalid UTF-8, a BOM, unusual syntax or a
// syntax error — it stops ("bails out") before delivering an event it is not sure of; the
// caller then parses the text with libyaml and skips the events already delivered. The
// events it delivers are always the first events libyaml delivers (tests/fuzz/fuzz_scanner).
#include <yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/file_text.hpp"

namespace salesops::core {

struct FastYamlEvent {
  yaml_event_type_t type = YAML_NO_EVENT;
  /// Scalars: a yaml_scalar_style_t; collections: a yaml_mapping_style_t (same values for
  /// sequences); 0 for other events.
  int style = 0;
  std::string_view value;  // scalars; valid until the scanner's next call to next()
  std::uint32_t start_line = 0, start_column = 0;  // 0-based, columns in code points, as libyaml
  std::uint32_t end_line = 0, end_column = 0;
};

class FastYamlScanner {
 public:
  /// `text` must outlive the scanner. With `release`, the file `text` is from: its pages are
  /// given back behind the check of its characters the scanner starts with.
  explicit FastYamlScanner(std::string_view text, FileText* release = nullptr);
  /// The next event, from STREAM_START to STREAM_END. False once it has bailed out (or
  /// after STREAM_END): the caller continues with libyaml from the delivered() events on.
  bool next(FastYamlEvent& event);
  /// Events delivered so far (STREAM_START included).
  std::size_t delivered() const { return delivered_; }
  bool bailed() const { return bailed_; }
  /// Where the line being scanned starts: the text before it has been read.
  std::size_t offset() const { return static_cast<std::size_t>(p_ - text_.data()); }
  /// Where and why it bailed out (1-based line; 0 for the whole text), for tests and tools.
  std::uint32_t bail_line() const { return bail_line_; }
  const char* bail_reason() const { return bail_reason_; }

 private:
  struct Block {
    std::uint32_t indent;
    bool map;
    bool indentless;  // a sequence at its parent mapping's column (`key:\n- a`)
  };
  struct Event {
    yaml_event_type_t type;
    std::uint8_t style;
    std::uint8_t arena;  // kText: the value is text_[off, off + len); else an arena's
    std::uint32_t sl, sc, el, ec;
    std::size_t off, len;
  };
  struct Scalar {
    const char* start;
    const char* end;  // past the closing quote, or past a plain scalar's last character
    std::uint8_t style;
    std::uint8_t arena;
    std::size_t off, len;
  };
  static constexpr std::uint8_t kText = 0xFF;

  bool fill();
  bool content_line(const char* c);
  bool finish();
  bool open_nested(const char* c);
  bool await_value(const char* indicator);
  bool entry(const char* dash);
  bool key_line(const char* c);
  bool after_key(const char* colon);
  bool value(const char* q, bool in_entry);
  bool flow(const char* q, const char*& after, int depth);
  bool scalar(const char* q, bool in_flow, Scalar& s);
  bool plain(const char* q, bool in_flow, Scalar& s);
  bool quoted(const char* q, Scalar& s);
  bool rest_of_line(const char* q);
  bool is_entry(const char* c) const;
  const char* skip_spaces(const char* q) const;
  std::uint32_t col(const char* p);
  void emit(yaml_event_type_t type, int style, std::uint32_t sl, std::uint32_t sc, std::uint32_t el, std::uint32_t ec);
  void emit_scalar(const Scalar& s);
  void emit_here(yaml_event_type_t type, std::uint32_t column) { emit(type, 0, line_, column, line_, column); }
  bool bail(const char* reason);

  std::string_view text_;
  const char* p_;    // start of the current line
  const char* eol_;  // its end (the '\n' or the end of the text)
  const char* end_;
  std::uint32_t line_ = 0;
  const char* cursor_ = nullptr;  // col(): a position on the current line and its column
  std::uint32_t cursor_col_ = 0;
  std::vector<Block> stack_;
  bool started_ = false;   // the document has begun
  bool pending_ = false;   // a key or '-' waits for its value
  std::uint32_t pending_line_ = 0, pending_col_ = 0;  // where an empty value goes
  std::vector<Event> queue_;
  std::size_t head_ = 0;  // next event to deliver
  std::size_t safe_ = 0;  // events before this one are certain
  std::string arenas_[3];  // unescaped values, one per line, reused round-robin
  std::uint8_t arena_ = 0;
  std::size_t delivered_ = 0;
  bool done_ = false;
  bool bailed_ = false;
  std::uint32_t bail_line_ = 0;
  const char* bail_reason_ = "";
};

/// The fast scanner's events over `text` until it ends or bails out (values copied), for tests.
struct FastYamlRun {
  struct Item {
    FastYamlEvent event;
    std::string value;
  };
  std::vector<Item> events;
  bool bailed = false;
  std::uint32_t bail_line = 0;
  std::string bail_reason;
};
FastYamlRun fast_yaml_events(std::string_view text);

}  // namespace salesops::core

namespace salesops::core {

/// Runs the fast scanner and libyaml's parser over `text` and describes the first event
/// where they differ in kind, value, style or marks; also when libyaml stops with an error
/// before the last event the fast scanner delivered. Empty when the fast scanner's events
/// are exactly libyaml's first events. For tests (tests/unit, tests/fuzz).
std::string fast_yaml_difference(std::string_view text);

}  // namespace salesops::core
