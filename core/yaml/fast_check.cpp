// The differential check of the fast scanner against libyaml (core/yaml_fast.hpp).
#include <fmt/format.h>

#include "core/yaml/fast.hpp"

namespace salesops::core {

namespace {

const char* event_name(yaml_event_type_t type) {
  switch (type) {
    case YAML_STREAM_START_EVENT: return "stream start";
    case YAML_STREAM_END_EVENT: return "stream end";
    case YAML_DOCUMENT_START_EVENT: return "document start";
    case YAML_DOCUMENT_END_EVENT: return "document end";
    case YAML_ALIAS_EVENT: return "alias";
    case YAML_SCALAR_EVENT: return "scalar";
    case YAML_SEQUENCE_START_EVENT: return "sequence start";
    case YAML_SEQUENCE_END_EVENT: return "sequence end";
    case YAML_MAPPING_START_EVENT: return "mapping start";
    case YAML_MAPPING_END_EVENT: return "mapping end";
    default: return "no event";
  }
}

std::string describe(yaml_event_type_t type, int style, std::string_view value, std::size_t sl, std::size_t sc,
                     std::size_t el, std::size_t ec) {
  std::string out = fmt::format("{} {}:{}-{}:{}", event_name(type), sl, sc, el, ec);
  if (type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT)
    out += fmt::format(" style {}", style);
  if (type == YAML_SCALAR_EVENT) out += fmt::format(" value '{}'", value);
  return out;
}

/// A libyaml event in the fast scanner's terms; `extra` is false when it carries what the
/// fast scanner never produces (an anchor, a tag, an explicit document marker).
FastYamlEvent convert(const yaml_event_t& e, bool& extra) {
  FastYamlEvent out;
  out.type = e.type;
  out.start_line = static_cast<std::uint32_t>(e.start_mark.line);
  out.start_column = static_cast<std::uint32_t>(e.start_mark.column);
  out.end_line = static_cast<std::uint32_t>(e.end_mark.line);
  out.end_column = static_cast<std::uint32_t>(e.end_mark.column);
  extra = false;
  switch (e.type) {
    case YAML_SCALAR_EVENT:
      out.style = e.data.scalar.style;
      out.value = {reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length};
      extra = e.data.scalar.anchor || e.data.scalar.tag ||
              e.data.scalar.plain_implicit != (e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) ||
              e.data.scalar.quoted_implicit == (e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
      break;
    case YAML_SEQUENCE_START_EVENT:
      out.style = e.data.sequence_start.style;
      extra = e.data.sequence_start.anchor || e.data.sequence_start.tag || !e.data.sequence_start.implicit;
      break;
    case YAML_MAPPING_START_EVENT:
      out.style = e.data.mapping_start.style;
      extra = e.data.mapping_start.anchor || e.data.mapping_start.tag || !e.data.mapping_start.implicit;
      break;
    case YAML_DOCUMENT_START_EVENT:
      extra = !e.data.document_start.implicit || e.data.document_start.version_directive ||
              e.data.document_start.tag_directives.start != e.data.document_start.tag_directives.end;
      break;
    case YAML_DOCUMENT_END_EVENT: extra = !e.data.document_end.implicit; break;
    case YAML_STREAM_START_EVENT: out.style = 0; break;
    default: break;
  }
  return out;
}

}  // namespace

std::string fast_yaml_difference(std::string_view text) {
  FastYamlRun run = fast_yaml_events(text);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string diff;
  for (std::size_t i = 0; i < run.events.size() && diff.empty(); ++i) {
    const FastYamlEvent& f = run.events[i].event;
    std::string fast = describe(f.type, f.style, run.events[i].value, f.start_line, f.start_column, f.end_line, f.end_column);
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      diff = fmt::format("event {}: libyaml stops ({}) where the fast scanner delivers {}", i,
                         parser.problem ? parser.problem : "error", fast);
      break;
    }
    bool extra = false;
    FastYamlEvent l = convert(e, extra);
    std::string lib = describe(l.type, l.style, l.value, l.start_line, l.start_column, l.end_line, l.end_column);
    if (extra || lib != fast)
      diff = fmt::format("event {}: the fast scanner delivers {}, libyaml {}{}", i, fast, lib,
                         extra ? " (with an anchor, a tag, a directive or an explicit marker)" : "");
    yaml_event_delete(&e);
  }
  if (diff.empty() && !run.bailed && (run.events.empty() || run.events.back().event.type != YAML_STREAM_END_EVENT))
    diff = "the fast scanner stops without bailing out before the stream's end";
  yaml_parser_delete(&parser);
  return diff;
}

}  // namespace salesops::core
