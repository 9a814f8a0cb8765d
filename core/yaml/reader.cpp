#include "core/yaml/reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// The byte offset where line `line` (0-based) of `text` starts, or text.size().
std::size_t line_start(std::string_view text, std::size_t line) {
  std::size_t pos = 0;
  for (std::size_t l = 0; l < line && pos < text.size(); ++l) {
    pos = text.find('\n', pos);
    pos = pos == std::string_view::npos ? text.size() : pos + 1;
  }
  return pos;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The character at 0-based `line` and `column` (in code points), or '\0' past the text.
char char_at(std::string_view text, std::size_t line, std::size_t column) {
  std::size_t pos = line_start(text, line);
  for (std::size_t c = 0; c < column && pos < text.size() && text[pos] != '\n'; ++c)
    for (++pos; pos < text.size() && continuation_byte(text[pos]); ++pos) {}
  return pos < text.size() ? text[pos] : '\0';
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(start), '\n');
  if (start == 0 && text.starts_with("\xEF\xBB\xBF") && offset >= 3) start = 3;  // a BOM takes no column
  auto column = 1 + std::count_if(text.begin() + static_cast<long>(start), text.begin() + static_cast<long>(offset),
                                  [](char c) { return !continuation_byte(c); });
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
}

std::optional<Mark> KeySet::insert(std::string_view key, Mark at) {
  if (count_ < kInline) {
    for (std::size_t i = 0; i < count_; ++i)
      if (inline_[i].first == key) return inline_[i].second;
    inline_[count_++] = {std::string(key), at};
    return std::nullopt;
  }
  if (many_.empty())
    for (auto& [k, m] : inline_) many_.emplace(std::move(k), m);
  auto [it, added] = many_.emplace(std::string(key), at);
  if (added) return std::nullopt;
  return it->second;
}

YamlReader::YamlReader(std::string_view text, std::uint32_t file_index, std::string_view file_label,
                       Diagnostics& diags, FileText* release)
    : text_(text), release_(release), fast_(text, release), file_(file_index), label_(file_label), diags_(diags) {}

YamlReader::~YamlReader() {
  if (has_event_) yaml_event_delete(&event_);
  if (libyaml_) yaml_parser_delete(&parser_);
}

bool YamlReader::start_libyaml(std::size_t skip) {
  fast_on_ = false;
  libyaml_ = true;
  yaml_parser_initialize(&parser_);
  yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text_.data()), text_.size());
  for (std::size_t i = 0; i < skip; ++i) {
    if (!yaml_parser_parse(&parser_, &event_)) return false;
    yaml_event_delete(&event_);
  }
  return true;
}

void YamlReader::report_parse_error() {
  if (parser_.error == YAML_READER_ERROR) {
    // Encoding problems carry a byte offset only; the text before it decoded, so it is
    // valid UTF-8 and its columns can be counted.
    auto [line, column] = line_and_column(text_, parser_.problem_offset);
    std::string_view problem = parser_.problem ? parser_.problem : "";
    int value = parser_.problem_value;
    std::string message, hint = N_("salesops reads UTF-8 text: save the file as UTF-8");
    if (problem == "invalid leading UTF-8 octet")
      message = fmt::format(N_("not UTF-8: byte 0x{:02X} cannot start a character"), value);
    else if (problem == "invalid trailing UTF-8 octet")
      message = fmt::format(N_("not UTF-8: byte 0x{:02X} cannot continue a character"), value);
    else if (problem == "incomplete UTF-8 octet sequence")
      message = N_("not UTF-8: the file ends inside a character");
    else if (problem == "invalid length of a UTF-8 sequence")
      message = N_("not UTF-8: a character is encoded with too many bytes");
    else if (problem == "invalid Unicode character")
      message = fmt::format(N_("not UTF-8: U+{:04X} is not a character"), value);
    else if (problem == "control characters are not allowed") {
      message = fmt::format(N_("a control character (0x{:02X}) is not allowed in YAML text"), value);
      hint = N_("remove it: tabs and line breaks are the only control characters YAML text may hold");
    } else {
      message = problem.empty() ? std::string(N_("the file cannot be decoded as text")) : std::string(problem);
    }
    diags_.error("encoding", {std::string(label_), line, column, 1}, message, hint);
    return;
  }
  const yaml_mark_t& m = parser_.problem_mark;
  std::string message = parser_.problem ? parser_.problem : N_("the file is not valid YAML");
  std::string hint;
  if (char_at(text_, m.line, m.column) == '\t' || message.find("tab") != std::string::npos) {
    message = N_("a tab character where YAML expects indentation or a value");
    hint = N_("YAML indents with spaces; tabs are not allowed");
  } else if (parser_.context) {
    const yaml_mark_t& c = parser_.context_mark;
    hint = c.line == m.line && c.column == m.column
               ? std::string(parser_.context)
               : fmt::format(N_("{} that starts at line {}, column {}"), parser_.context, c.line + 1, c.column + 1);
  }
  diags_.error("yaml-syntax", {std::string(label_), static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1), 1},
               message, hint);
}

bool YamlReader::next() {
  if (failed_) return false;
  if (has_event_) {
    yaml_event_delete(&event_);
    has_event_ = false;
  }
  if (kind_ == Kind::stream_end) return false;
  if (kind_ == Kind::mapping_start || kind_ == Kind::sequence_start) ++level_;
  if (release_) {
    // What lies more than a window behind is not looked at again, save for an error's line.
    constexpr std::size_t kWindow = std::size_t{1} << 20;
    const std::size_t read = fast_on_ ? fast_.offset() : libyaml_ ? parser_.offset : 0;
    if (read >= release_at_ + kWindow) {
      release_->release_before(read - kWindow);
      release_at_ = read;
    }
  }
  for (;;) {
    yaml_event_type_t type;
    std::size_t start_line, start_column, end_line, end_column;
    bool plain = false;
    FastYamlEvent fast;
    if (fast_on_ && fast_.next(fast)) {
      type = fast.type;
      start_line = fast.start_line, start_column = fast.start_column;
      end_line = fast.end_line, end_column = fast.end_column;
      value_ = fast.value;
      plain = fast.style == YAML_PLAIN_SCALAR_STYLE;
    } else {
      if ((fast_on_ && !start_libyaml(fast_.delivered())) || !yaml_parser_parse(&parser_, &event_)) {
        failed_ = true;
        report_parse_error();
        kind_ = Kind::none;
        return false;
      }
      has_event_ = true;
      type = event_.type;
      start_line = event_.start_mark.line, start_column = event_.start_mark.column;
      end_line = event_.end_mark.line, end_column = event_.end_mark.column;
      if (type == YAML_SCALAR_EVENT) {
        value_ = {reinterpret_cast<const char*>(event_.data.scalar.value), event_.data.scalar.length};
        plain = event_.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      }
    }
    mark_ = {file_, static_cast<std::uint32_t>(start_line + 1), static_cast<std::uint32_t>(start_column + 1)};
    end_ = {file_, static_cast<std::uint32_t>(end_line + 1), static_cast<std::uint32_t>(end_column + 1)};
    span_ = 1;
    switch (type) {
      case YAML_STREAM_START_EVENT:
        if (has_event_) yaml_event_delete(&event_);
        has_event_ = false;
        continue;
      case YAML_STREAM_END_EVENT: kind_ = Kind::stream_end; break;
      case YAML_DOCUMENT_START_EVENT: kind_ = Kind::document_start; break;
      case YAML_DOCUMENT_END_EVENT: kind_ = Kind::document_end; break;
      case YAML_MAPPING_START_EVENT: kind_ = Kind::mapping_start; break;
      case YAML_MAPPING_END_EVENT: kind_ = Kind::mapping_end; --level_; break;
      case YAML_SEQUENCE_START_EVENT: kind_ = Kind::sequence_start; break;
      case YAML_SEQUENCE_END_EVENT: kind_ = Kind::sequence_end; --level_; break;
      case YAML_SCALAR_EVENT:
        kind_ = Kind::scalar;
        plain_ = plain;
        // libyaml counts columns in code points, as the renderer does.
        if (end_line == start_line) span_ = static_cast<std::uint32_t>(std::max<std::size_t>(1, end_column - start_column));
        else span_ = UINT32_MAX;  // to the end of the line
        break;
      case YAML_ALIAS_EVENT:
        kind_ = Kind::alias;
        span_ = static_cast<std::uint32_t>(std::max<std::size_t>(1, end_column - start_column));
        break;
      default: kind_ = Kind::none; break;
    }
    if ((kind_ == Kind::mapping_start || kind_ == Kind::sequence_start) && level_ >= kMaxDepth) {
      // libyaml's scanner slows quadratically with flow depth: stop long before that shows.
      failed_ = true;
      diags_.error("yaml-depth", location(),
                   fmt::format(N_("lists and mappings nest deeper than {} levels"), kMaxDepth),
                   N_("no record needs that; the rest of the file is not read"));
      kind_ = Kind::none;
      return false;
    }
    return true;
  }
}

bool YamlReader::is_null() const {
  return kind_ == Kind::scalar && plain_ &&
         (value_.empty() || value_ == "~" || value_ == "null" || value_ == "Null" || value_ == "NULL");
}

Location YamlReader::location(std::uint32_t length) const { return location_of(mark_, length); }

Location YamlReader::location_of(Mark m, std::uint32_t length) const {
  return {std::string(label_), m.line, m.column, length};
}

bool YamlReader::skip_value() {
  if (kind_ == Kind::alias) {
    error("yaml-alias", N_("aliases (*name) are not supported in records"), N_("write the value out in full"));
    return true;
  }
  if (kind_ != Kind::mapping_start && kind_ != Kind::sequence_start) return !failed_;
  std::size_t depth = 1;
  while (depth > 0) {
    if (!next()) return false;
    if (kind_ == Kind::mapping_start || kind_ == Kind::sequence_start) ++depth;
    else if (kind_ == Kind::mapping_end || kind_ == Kind::sequence_end) --depth;
  }
  return true;
}

void YamlReader::reject(std::string rule, std::string message, std::string hint) {
  if (level_ == 0) partial_ = true;
  if (kind_ == Kind::alias) {
    skip_value();
    return;
  }
  Location where = location(span_);
  if (!skip_value()) return;
  // A flow collection on one line ([a, b], {k: v}) is underlined whole.
  if (end_.line == where.line && end_.column > where.column) where.length = end_.column - where.column;
  diags_.error(std::move(rule), std::move(where), std::move(message), std::move(hint));
}

void YamlReader::finish_document() {
  bool reported = false;
  while (!failed_ && kind_ != Kind::stream_end && next()) {
    if (kind_ != Kind::document_start || reported) continue;
    reported = true;
    partial_ = true;
    bool marker = text_.substr(line_start(text_, mark_.line - 1)).starts_with("---");
    diags_.error("yaml-documents", location(marker ? 3 : 1),
                 N_("a second YAML document: a record file holds one document, and the rest of the file is not read"),
                 N_("remove the '---' (or '...') line, or move these records into the first document"));
  }
}

void YamlReader::report_repeated_key(std::string_view key, Mark at, std::uint32_t span, Mark first) {
  diags_.error("duplicate-key", location_of(at, span),
               fmt::format(N_("key '{}' is repeated; the first, at line {}, column {}, is the one read"), key,
                           first.line, first.column),
               N_("a mapping holds each key once: remove one of them"));
}

void YamlReader::error(std::string rule, std::string message, std::string hint) {
  diags_.error(std::move(rule), location(span_), std::move(message), std::move(hint));
}

void YamlReader::warning(std::string rule, std::string message, std::string hint) {
  diags_.warning(std::move(rule), location(span_), std::move(message), std::move(hint));
}

}  // namespace salesops::core
