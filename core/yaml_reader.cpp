#include "core/yaml_reader.hpp"

#include <fmt/format.h>

namespace salesops::core {

YamlReader::YamlReader(std::string_view text, std::uint32_t file_index, const std::string& file_label,
                       Diagnostics& diags)
    : file_(file_index), label_(file_label), diags_(diags) {
  yaml_parser_initialize(&parser_);
  yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

YamlReader::~YamlReader() {
  if (has_event_) yaml_event_delete(&event_);
  yaml_parser_delete(&parser_);
}

bool YamlReader::next() {
  if (failed_) return false;
  if (has_event_) {
    yaml_event_delete(&event_);
    has_event_ = false;
  }
  if (kind_ == Kind::stream_end) return false;
  for (;;) {
    if (!yaml_parser_parse(&parser_, &event_)) {
      failed_ = true;
      const yaml_mark_t& m = parser_.problem_mark;
      std::string message = parser_.problem ? parser_.problem : "the file is not valid YAML";
      if (parser_.context) message = fmt::format("{} {}", parser_.context, message);
      Location where{label_, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1), 1};
      std::string hint;
      if (message.find("cannot start any token") != std::string::npos) hint = "YAML indents with spaces; tabs are not allowed";
      diags_.error("yaml-syntax", where, message, hint);
      kind_ = Kind::none;
      return false;
    }
    has_event_ = true;
    mark_ = {file_, static_cast<std::uint32_t>(event_.start_mark.line + 1),
             static_cast<std::uint32_t>(event_.start_mark.column + 1)};
    switch (event_.type) {
      case YAML_STREAM_START_EVENT:
        yaml_event_delete(&event_);
        has_event_ = false;
        continue;
      case YAML_STREAM_END_EVENT: kind_ = Kind::stream_end; break;
      case YAML_DOCUMENT_START_EVENT: kind_ = Kind::document_start; break;
      case YAML_DOCUMENT_END_EVENT: kind_ = Kind::document_end; break;
      case YAML_MAPPING_START_EVENT: kind_ = Kind::mapping_start; break;
      case YAML_MAPPING_END_EVENT: kind_ = Kind::mapping_end; break;
      case YAML_SEQUENCE_START_EVENT: kind_ = Kind::sequence_start; break;
      case YAML_SEQUENCE_END_EVENT: kind_ = Kind::sequence_end; break;
      case YAML_SCALAR_EVENT:
        kind_ = Kind::scalar;
        value_ = {reinterpret_cast<const char*>(event_.data.scalar.value), event_.data.scalar.length};
        plain_ = event_.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        break;
      case YAML_ALIAS_EVENT:
        kind_ = Kind::alias;
        break;
      default: kind_ = Kind::none; break;
    }
    return true;
  }
}

bool YamlReader::is_null() const {
  return kind_ == Kind::scalar && plain_ &&
         (value_.empty() || value_ == "~" || value_ == "null" || value_ == "Null" || value_ == "NULL");
}

Location YamlReader::location(std::uint32_t length) const { return location_of(mark_, length); }

Location YamlReader::location_of(Mark m, std::uint32_t length) const { return {label_, m.line, m.column, length}; }

bool YamlReader::skip_value() {
  if (kind_ == Kind::alias) {
    error("yaml-alias", "aliases (*name) are not supported in records", "write the value out in full");
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

void YamlReader::error(std::string rule, std::string message, std::string hint) {
  std::uint32_t len = kind_ == Kind::scalar ? static_cast<std::uint32_t>(std::max<std::size_t>(1, value_.size())) : 1;
  diags_.error(std::move(rule), location(len), std::move(message), std::move(hint));
}

void YamlReader::warning(std::string rule, std::string message, std::string hint) {
  std::uint32_t len = kind_ == Kind::scalar ? static_cast<std::uint32_t>(std::max<std::size_t>(1, value_.size())) : 1;
  diags_.warning(std::move(rule), location(len), std::move(message), std::move(hint));
}

}  // namespace salesops::core
