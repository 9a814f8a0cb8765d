#include "core/yaml/scan.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/base/i18n.hpp"
#include "core/yaml/fast.hpp"

namespace salesops::core {
namespace {

// Deeper nesting than any record has; guards the recursion against hostile input.
constexpr std::size_t kMaxDepth = 256;

// libyaml's mark.index counts characters after an optional BOM; edits need bytes.
class ByteOffsets {
 public:
  explicit ByteOffsets(std::string_view text) : text_(text) {
    if (text.starts_with("\xEF\xBB\xBF")) bom_ = cursor_byte_ = 3;
    ascii_ = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii_) return;
    std::size_t chars = 0;
    for (std::size_t pos = bom_; pos < text.size(); ++chars) {
      if (chars % kStep == 0) checkpoints_.push_back(pos);
      pos = next_char(pos);
    }
    checkpoints_.push_back(text.size());
  }

  std::size_t byte(std::size_t ch) {
    if (ascii_) return std::min(ch, text_.size());
    if (ch < cursor_char_ || ch - cursor_char_ >= kStep) {
      std::size_t slot = std::min(ch / kStep, checkpoints_.size() - 1);
      cursor_char_ = slot * kStep;
      cursor_byte_ = checkpoints_[slot];
    }
    while (cursor_char_ < ch && cursor_byte_ < text_.size()) {
      cursor_byte_ = next_char(cursor_byte_);
      ++cursor_char_;
    }
    return cursor_byte_;
  }

 private:
  static constexpr std::size_t kStep = 256;
  std::size_t next_char(std::size_t pos) const {
    ++pos;
    while (pos < text_.size() && (static_cast<unsigned char>(text_[pos]) & 0xC0) == 0x80) ++pos;
    return pos;
  }
  std::string_view text_;
  std::size_t bom_ = 0;
  bool ascii_ = true;
  std::vector<std::size_t> checkpoints_;  // byte offset of character k * kStep
  std::size_t cursor_char_ = 0;
  std::size_t cursor_byte_ = 0;
};

struct Event {
  yaml_event_type_t type = YAML_NO_EVENT;
  bool flow = false;
  int style = 0;
  std::size_t start = 0;
  std::size_t end = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string value;
};

bool is_start(const Event& e) { return e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT; }
bool is_end(const Event& e) { return e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT; }

class EventSource {
 public:
  virtual ~EventSource() = default;
  /// False when the text stops parsing (or a replay runs dry).
  virtual bool next(Event& ev) = 0;
};

class Parser final : public EventSource {
 public:
  explicit Parser(std::string_view text) : offsets_(text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Parser() override { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  bool next(Event& ev) override {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser_, &e)) return false;
    ev.type = e.type;
    ev.start = offsets_.byte(e.start_mark.index);
    ev.end = offsets_.byte(e.end_mark.index);
    ev.line = static_cast<std::uint32_t>(e.start_mark.line);
    ev.column = static_cast<std::uint32_t>(e.start_mark.column);
    ev.flow = false;
    ev.style = 0;
    ev.value.clear();
    if (e.type == YAML_SCALAR_EVENT) {
      ev.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
      ev.style = e.data.scalar.style;
      last_block_scalar_ = ev.style == YAML_LITERAL_SCALAR_STYLE || ev.style == YAML_FOLDED_SCALAR_STYLE;
    } else if (e.type == YAML_SEQUENCE_START_EVENT) {
      ev.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    } else if (e.type == YAML_MAPPING_START_EVENT) {
      ev.flow = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    }
    yaml_event_delete(&e);
    return true;
  }

  /// The last scalar read was a block scalar (| or >).
  bool last_block_scalar() const { return last_block_scalar_; }

  Diagnostic error(std::string_view file) const {
    std::string message = fmt::format(N_("cannot edit: the file does not parse: {}"),
                                      parser_.problem ? parser_.problem : N_("unknown error"));
    if (parser_.context) message += std::string(" ") + parser_.context;
    const yaml_mark_t& mark = parser_.problem ? parser_.problem_mark : parser_.mark;
    Location where{std::string(file), static_cast<std::uint32_t>(mark.line + 1),
                   static_cast<std::uint32_t>(mark.column + 1), 1};
    return Diagnostic{Severity::error, "write-parse", where, message, N_("fix the YAML by hand, then retry")};
  }

 private:
  yaml_parser_t parser_;
  ByteOffsets offsets_;
  bool last_block_scalar_ = false;
};

// The events of the fast scanner (core/yaml/fast.hpp) while the text stays within what it
// reads, then libyaml's, which starts on the same text and skips the events already
// delivered: the same events, marks and errors as libyaml's alone, five times faster on a
// record file. Its marks are a line and a column in characters, made byte offsets here.
class FastParser final : public EventSource {
 public:
  explicit FastParser(std::string_view text) : text_(text), fast_(text) {}

  bool next(Event& ev) override {
    if (parser_) return parser_->next(ev);
    FastYamlEvent f;
    if (!fast_.next(f)) {
      // Bailed out, or asked past the end: libyaml goes on from the same event.
      parser_ = std::make_unique<Parser>(text_);
      Event skipped;
      for (std::size_t i = 0; i < fast_.delivered(); ++i)
        if (!parser_->next(skipped)) return false;
      return parser_->next(ev);
    }
    ev.type = f.type;
    ev.start = byte(f.start_line, f.start_column);
    ev.end = byte(f.end_line, f.end_column);
    ev.line = f.start_line;
    ev.column = f.start_column;
    ev.flow = false;
    ev.style = 0;
    ev.value.clear();
    if (f.type == YAML_SCALAR_EVENT) {
      ev.value.assign(f.value);
      ev.style = f.style;
    } else if (f.type == YAML_SEQUENCE_START_EVENT || f.type == YAML_MAPPING_START_EVENT) {
      ev.flow = f.style == YAML_FLOW_MAPPING_STYLE;  // the same value as YAML_FLOW_SEQUENCE_STYLE
    }
    return true;
  }

  // The fast scanner reads no block scalar: only libyaml's events can end with one.
  bool last_block_scalar() const { return parser_ && parser_->last_block_scalar(); }
  // The fast scanner never fails: it leaves the text to libyaml, which reports the error.
  Diagnostic error(std::string_view file) {
    if (!parser_) parser_ = std::make_unique<Parser>(text_);
    return parser_->error(file);
  }

 private:
  static_assert(YAML_FLOW_MAPPING_STYLE == static_cast<int>(YAML_FLOW_SEQUENCE_STYLE));

  // The byte offset of a mark: its line's start, then `column` characters on.
  std::size_t byte(std::uint32_t line, std::uint32_t column) {
    while (line_starts_.size() <= line && scanned_ < text_.size()) {
      const void* nl = std::memchr(text_.data() + scanned_, '\n', text_.size() - scanned_);
      scanned_ = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1 : text_.size();
      if (nl) line_starts_.push_back(scanned_);
    }
    // Marks mostly move forward along a line: the walk goes on from the last one there.
    if (line != cursor_line_ || column < cursor_column_) {
      cursor_line_ = line;
      cursor_column_ = 0;
      cursor_ = line < line_starts_.size() ? line_starts_[line] : text_.size();
    }
    for (; cursor_column_ < column && cursor_ < text_.size(); ++cursor_column_) {
      ++cursor_;
      while (cursor_ < text_.size() && (static_cast<unsigned char>(text_[cursor_]) & 0xC0) == 0x80) ++cursor_;
    }
    return cursor_;
  }

  std::string_view text_;
  FastYamlScanner fast_;
  std::unique_ptr<Parser> parser_;
  std::vector<std::size_t> line_starts_{0};
  std::size_t scanned_ = 0;  // line_starts_ holds every line start up to here
  std::uint32_t cursor_line_ = UINT32_MAX, cursor_column_ = 0;  // the last mark converted
  std::size_t cursor_ = 0;                                       // and its byte offset
};

// Replays the events read ahead from a list item (to see whether it is the one the path
// names), then goes on with the live parser.
class Chain final : public EventSource {
 public:
  Chain(std::vector<Event>& ahead, EventSource& live) : ahead_(ahead), live_(live) {}
  bool next(Event& ev) override {
    if (pos_ < ahead_.size()) {
      ev = std::move(ahead_[pos_++]);
      return true;
    }
    return live_.next(ev);
  }

 private:
  std::vector<Event>& ahead_;
  EventSource& live_;
  std::size_t pos_ = 1;  // the first event is handed over separately
};

YamlNodeKind kind_of(const Event& e) {
  switch (e.type) {
    case YAML_SEQUENCE_START_EVENT:
      return YamlNodeKind::sequence;
    case YAML_MAPPING_START_EVENT:
      return YamlNodeKind::mapping;
    case YAML_ALIAS_EVENT:
      return YamlNodeKind::alias;
    default:
      return YamlNodeKind::scalar;
  }
}

std::string describe(const PathStep& step) {
  switch (step.kind) {
    case PathStep::Kind::key:
      return fmt::format(N_("no key '{}'"), step.key);
    case PathStep::Kind::match:
      return fmt::format(N_("no item with {} '{}'"), step.key, step.value);
    case PathStep::Kind::index:
      return fmt::format(N_("no item {}"), step.index);
  }
  return {};
}

class Scanner {
 public:
  Scanner(std::string_view text, const YamlPath& path, std::string_view file, const YamlScanRequest& request)
      : text_(text), path_(path), file_(file), request_(request) {}

  // Follows the path from step `i` through the node that starts with `first`; nodes off
  // the path are skipped without being stored.
  bool descend(EventSource& src, const Event& first, std::size_t i, std::size_t depth) {
    if (i == path_.steps.size()) {
      YamlLocated loc;
      if (!read_node(src, first, loc.node, nullptr, depth, &loc)) return false;
      found_ = std::move(loc);
      return true;
    }
    if (depth > kMaxDepth) return too_deep();
    const PathStep& step = path_.steps[i];
    const bool map_step = step.kind == PathStep::Kind::key;
    const bool fits = map_step ? first.type == YAML_MAPPING_START_EVENT : first.type == YAML_SEQUENCE_START_EVENT;
    if (!fits) {
      fail(first, map_step ? fmt::format(N_("expected a mapping at {}"), prefix(i))
                           : fmt::format(N_("expected a list at {}"), prefix(i)));
      return skip(src, first);
    }
    bool matched = false;
    Event ev;
    std::vector<Event> ahead;
    for (std::size_t n = 0;; ++n) {
      if (!src.next(ev)) return false;
      if (is_end(ev)) break;
      if (map_step) {
        const bool is_key = ev.type == YAML_SCALAR_EVENT && ev.value == step.key;
        // A key given twice leaves it open which one the path names: the file is refused.
        if (is_key && matched) fail(ev, fmt::format(N_("key '{}' is given twice at {}"), step.key, prefix(i)));
        const bool hit = is_key && !matched;
        if (!skip(src, ev) || !src.next(ev)) return false;
        if (hit) matched = true;
        if (!(hit ? descend(src, ev, i + 1, depth + 1) : skip(src, ev))) return false;
      } else if (step.kind == PathStep::Kind::index) {
        if (n == step.index) matched = true;
        if (!(n == step.index ? descend(src, ev, i + 1, depth + 1) : skip(src, ev))) return false;
      } else {
        ahead.clear();
        bool hit = false;
        if (!peek_match(src, ev, step, ahead, hit)) return false;
        if (!hit) continue;
        if (matched) {
          fail(ahead.front(), fmt::format(N_("more than one item with {} '{}'"), step.key, step.value));
          if (!finish(src, ahead)) return false;
          continue;
        }
        matched = true;
        Chain chain(ahead, src);
        if (!descend(chain, ahead.front(), i + 1, depth + 1)) return false;
      }
    }
    if (!matched) fail(first, describe(step) + " at " + prefix(i));
    return true;
  }

  std::optional<YamlLocated> found_;
  std::optional<Diagnostic> path_error_;
  bool too_deep_ = false;

 private:
  bool too_deep() {
    too_deep_ = true;
    return false;
  }

  // Consumes the rest of the node that starts with `first`.
  bool skip(EventSource& src, const Event& first) {
    if (!is_start(first)) return true;
    for (std::size_t open = 1; open > 0;) {
      if (!src.next(scratch_)) return false;
      if (is_start(scratch_)) ++open;
      if (is_end(scratch_)) --open;
    }
    return true;
  }

  // Consumes the rest of a node whose first events are in `ahead`.
  bool finish(EventSource& src, const std::vector<Event>& ahead) {
    std::size_t open = 0;
    for (const Event& e : ahead) {
      if (is_start(e)) ++open;
      if (is_end(e)) --open;
    }
    for (; open > 0;) {
      if (!src.next(scratch_)) return false;
      if (is_start(scratch_)) ++open;
      if (is_end(scratch_)) --open;
    }
    return true;
  }

  // Appends the rest of the node whose first event is the last in `ahead`.
  static bool read_ahead(EventSource& src, std::vector<Event>& ahead) {
    if (!is_start(ahead.back())) return true;
    for (std::size_t open = 1; open > 0;) {
      Event& e = ahead.emplace_back();
      if (!src.next(e)) return false;
      if (is_start(e)) ++open;
      if (is_end(e)) --open;
    }
    return true;
  }

  // Reads a list item up to its `step.key` field (usually its first), keeping what it
  // read in `ahead`, and tells whether that field equals `step.value`. An item that does
  // not match is consumed to its end.
  bool peek_match(EventSource& src, const Event& first, const PathStep& step, std::vector<Event>& ahead, bool& hit) {
    hit = false;
    ahead.push_back(first);
    if (first.type != YAML_MAPPING_START_EVENT) return skip(src, first);
    for (;;) {
      if (!src.next(ahead.emplace_back())) return false;
      if (is_end(ahead.back())) return true;
      const bool is_field = ahead.back().type == YAML_SCALAR_EVENT && ahead.back().value == step.key;
      if (!read_ahead(src, ahead) || !src.next(ahead.emplace_back())) return false;
      if (is_field) {
        const Event& value = ahead.back();
        hit = value.type == YAML_SCALAR_EVENT && value.value == step.value;
        return hit || finish(src, ahead);
      }
      if (!read_ahead(src, ahead)) return false;
    }
  }

  // Past the last character of a scalar's text; a block scalar's trailing line breaks are
  // not its text unless `+` keeps them.
  std::size_t scalar_end(const Event& e) const {
    std::size_t end = e.end;
    if (e.style != YAML_LITERAL_SCALAR_STYLE && e.style != YAML_FOLDED_SCALAR_STYLE) return end;
    const std::size_t header_end = std::min(text_.find_first_of("\r\n", e.start), text_.size());
    const std::string_view header = text_.substr(e.start, header_end - e.start);
    if (header.substr(0, header.find('#')).find('+') != std::string_view::npos) return end;
    while (end > e.start && std::string_view(" \t\r\n").find(text_[end - 1]) != std::string_view::npos) --end;
    return end;
  }

  void span_of(const Event& first, YamlSpan& out) const {
    out.kind = kind_of(first);
    out.flow = first.flow;
    out.style = first.style;
    out.start = first.start;
    out.end = first.end;
    out.content_end = first.type == YAML_SCALAR_EVENT ? scalar_end(first) : first.end;
    out.line = first.line;
    out.column = first.column;
  }

  // The extent of a node below the located one's children: no values kept, no recursion.
  bool read_extent(EventSource& src, const Event& first, YamlSpan& out) {
    span_of(first, out);
    if (!is_start(first)) return true;
    out.content_end = out.start;
    for (std::size_t open = 1;;) {
      if (!src.next(scratch_)) return false;
      if (is_start(scratch_)) {
        ++open;
      } else if (is_end(scratch_)) {
        if (--open == 0) return close(scratch_, out);
        if (scratch_.end > scratch_.start) out.content_end = std::max(out.content_end, scratch_.end);  // `]` or `}`
      } else {
        out.content_end = std::max(out.content_end, scalar_end(scratch_));
      }
    }
  }

  bool close(const Event& end, YamlSpan& out) {
    out.end = end.end;
    if (out.flow) {
      out.close = end.start;
      out.content_end = std::max(out.content_end, end.end);
    }
    return true;
  }

  // Reads the node that starts with `first` to its end. `sink` receives its data, and
  // `capture` (the located node only) its children and the requested child's data.
  bool read_node(EventSource& src, const Event& first, YamlSpan& out, YamlValue* sink, std::size_t depth,
                 YamlLocated* capture = nullptr) {
    span_of(first, out);
    if (first.type == YAML_SCALAR_EVENT) {
      out.value = first.value;
      if (sink) *sink = YamlValue::text(first.value);
      return true;
    }
    if (!is_start(first)) {
      if (sink) *sink = YamlValue::text("*");  // an alias never reads back as written data
      return true;
    }
    if (depth > kMaxDepth) return too_deep();
    const bool is_map = first.type == YAML_MAPPING_START_EVENT;
    if (sink) *sink = is_map ? YamlValue::map({}, first.flow) : YamlValue::list({}, first.flow);
    out.content_end = first.start;
    std::size_t n = 0;
    std::string key;
    Event ev;
    for (;; ++n) {
      if (!src.next(ev)) return false;
      if (is_end(ev)) break;
      const bool is_value = is_map && n % 2 == 1;
      YamlValue* child_sink = nullptr;
      YamlValue key_sink;
      if (sink) {
        child_sink = !is_map    ? &sink->items.emplace_back()
                     : is_value ? &sink->fields.emplace_back(YamlField{key, {}}).value
                                : &key_sink;
      } else if (capture) {
        const bool wanted =
            is_map ? is_value && request_.key && *request_.key == key : request_.from_item && n >= *request_.from_item;
        if (wanted) {
          if (!capture->materialized) capture->materialized = YamlValue::list({});
          child_sink = is_map ? &*capture->materialized : &capture->materialized->items.emplace_back();
        }
      }
      YamlSpan child;
      // Edits look up keys among a mapping's children; a list's items need no summary.
      const bool full = child_sink || (capture && is_map);
      if (!(full ? read_node(src, ev, child, child_sink, depth + 1) : read_extent(src, ev, child))) return false;
      if (is_map && !is_value) key = child.value;
      if (n == 0) out.item_column = child.column;
      out.content_end = std::max(out.content_end, child.content_end);
      if (!is_map || is_value) {
        out.last_kind = child.kind;
        out.last_flow = child.flow;
        out.last_end = child.end;
      }
      if (capture && is_map) capture->children.push_back(std::move(child));
    }
    out.count = is_map ? n / 2 : n;
    return close(ev, out);
  }

  std::string prefix(std::size_t i) const {
    if (i == 0) return N_("the top level");
    YamlPath p;
    p.steps.assign(path_.steps.begin(), path_.steps.begin() + static_cast<std::ptrdiff_t>(i));
    return p.str();
  }

  void fail(const Event& at, std::string message) {
    if (path_error_) return;
    path_error_ = Diagnostic{Severity::error,
                             "write-path",
                             Location{std::string(file_), at.line + 1, at.column + 1, 1},
                             std::move(message),
                             {}};
  }

  std::string_view text_;
  const YamlPath& path_;
  std::string_view file_;
  const YamlScanRequest& request_;
  Event scratch_;  // reused by the paths that keep no values
};

}  // namespace

namespace {

template <class Source>
YamlScanResult locate_with(Source& parser, std::string_view text, const YamlPath& path, std::string_view file,
                           const YamlScanRequest& request) {
  YamlScanResult result;
  Scanner scanner(text, path, file, request);
  auto parse_error = [&] {
    result.found.reset();
    if (scanner.too_deep_) {
      result.error = Diagnostic{Severity::error,
                                "write-parse",
                                Location{std::string(file), 1, 1, 1},
                                fmt::format(N_("cannot edit: the file nests deeper than {} levels"), kMaxDepth),
                                {}};
    } else {
      result.error = parser.error(file);
    }
    return result;
  };
  Event ev;
  if (!parser.next(ev) || !parser.next(ev)) return parse_error();  // stream start, then a document or the end
  std::size_t documents = 0;
  while (ev.type == YAML_DOCUMENT_START_EVENT) {
    if (++documents > 1) {
      result.error = Diagnostic{Severity::error,
                                "write-parse",
                                Location{std::string(file), ev.line + 1, ev.column + 1, 1},
                                N_("cannot edit: the file holds more than one YAML document"),
                                {}};
      return result;
    }
    if (!parser.next(ev)) return parse_error();
    const bool empty = ev.type == YAML_SCALAR_EVENT && ev.value.empty() && ev.style == YAML_PLAIN_SCALAR_STYLE;
    if (empty) {
      if (path.steps.empty()) {
        scanner.found_ = YamlLocated{};
        scanner.found_->empty_document = true;
      }
    } else if (!scanner.descend(parser, ev, 0, 0)) {
      return parse_error();
    }
    if (!parser.next(ev) || !parser.next(ev)) return parse_error();  // document end, then the next
  }
  if (parser.last_block_scalar() && !text.ends_with('\n') && !text.ends_with('\r')) {
    // Its text ends with the file: any line written after it would add a line break to it.
    const auto lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
    result.error =
        Diagnostic{Severity::error, "write-parse", Location{std::string(file), lines + 1, 1, 1},
                   N_("cannot edit: the file ends inside a block scalar (| or >) with no line break after it"),
                   N_("end the file with a line break, then retry")};
    return result;
  }
  if (documents == 0 && path.steps.empty()) {
    scanner.found_ = YamlLocated{};
    scanner.found_->empty_document = true;
  }
  if (scanner.path_error_) {
    result.error = scanner.path_error_;
  } else if (!scanner.found_) {
    result.error = Diagnostic{
        Severity::error, "write-path", Location{std::string(file), 1, 1, 1}, N_("the file holds no data"), {}};
  } else {
    result.found = std::move(scanner.found_);
  }
  return result;
}

}  // namespace

YamlScanResult locate_yaml_node(std::string_view text, const YamlPath& path, std::string_view file,
                                const YamlScanRequest& request, YamlScanEngine engine) {
  if (text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE")) {
    YamlScanResult result;
    result.error = Diagnostic{Severity::error,
                              "write-parse",
                              Location{std::string(file), 1, 1, 1},
                              "cannot edit: the file is UTF-16; records are UTF-8",
                              {}};
    return result;
  }
  if (engine == YamlScanEngine::libyaml) {
    Parser parser(text);
    return locate_with(parser, text, path, file, request);
  }
  FastParser parser(text);
  return locate_with(parser, text, path, file, request);
}

std::string yaml_scan_difference(std::string_view text) {
  if (text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE")) return {};  // refused before either runs
  Parser slow(text);
  FastParser fast(text);
  auto describe = [](const Event& e) {
    return "type " + std::to_string(e.type) + " flow " + std::to_string(e.flow) + " style " + std::to_string(e.style) +
           " bytes " + std::to_string(e.start) + "-" + std::to_string(e.end) + " at " + std::to_string(e.line) + ":" +
           std::to_string(e.column) + " value '" + e.value + "'";
  };
  Event a, b;
  for (std::size_t i = 0;; ++i) {
    const bool got_a = slow.next(a), got_b = fast.next(b);
    if (got_a != got_b)
      return "event " + std::to_string(i) + ": " + (got_a ? "only libyaml delivers " + describe(a)
                                                           : "only the fast path delivers " + describe(b));
    if (!got_a) {
      const std::string ea = slow.error("f").message, eb = fast.error("f").message;
      return ea == eb ? std::string{} : "libyaml stops with '" + ea + "', the fast path with '" + eb + "'";
    }
    const std::string da = describe(a), db = describe(b);
    if (da != db) return "event " + std::to_string(i) + ": libyaml " + da + ", the fast path " + db;
    if (a.type == YAML_STREAM_END_EVENT) {
      if (slow.last_block_scalar() != fast.last_block_scalar()) return "the last scalar's style differs";
      return {};
    }
  }
}

std::optional<Diagnostic> find_conflict_marker(std::string_view text, std::string_view file) {
  std::uint32_t line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    std::size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (l.ends_with('\r')) l.remove_suffix(1);
    const bool marker = l.starts_with("<<<<<<< ") || l.starts_with(">>>>>>> ") || l.starts_with("||||||| ") ||
                        l == "=======" || l == "<<<<<<<" || l == ">>>>>>>" || l == "|||||||";
    if (marker)
      return Diagnostic{Severity::error, "write-conflict", Location{std::string(file), line, 1, 7},
                        N_("cannot edit: the file holds a merge-conflict marker"),
                        N_("resolve the merge conflict first")};
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return std::nullopt;
}

}  // namespace salesops::core
