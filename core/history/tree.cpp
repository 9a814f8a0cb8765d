#include "core/history/tree.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <sstream>

#include "core/base/diagnostics.hpp"
#include "core/yaml/reader.hpp"

namespace salesops::core {

namespace {

using Kind = YamlReader::Kind;

/// Reads the value the reader is on. The reader stops nesting at its own depth limit, so
/// the recursion is bounded.
bool read_value(YamlReader& r, ValueNode& out) {
  switch (r.kind()) {
    case Kind::scalar:
      if (r.is_null()) return true;
      out.type = ValueNode::Type::scalar;
      out.scalar = r.value();
      return true;
    case Kind::mapping_start:
      out.type = ValueNode::Type::mapping;
      return r.each_key([&](std::string_view key, Mark) {
        out.entries.push_back({std::string(key), ValueNode{}});
        read_value(r, out.entries.back().value);
      });
    case Kind::sequence_start:
      out.type = ValueNode::Type::list;
      return r.each_item([&] {
        out.items.emplace_back();
        read_value(r, out.items.back());
      });
    default:
      return false;  // an alias: records hold none
  }
}

std::string flow_scalar(std::string_view s) {
  if (s.empty() || s.find_first_of(":,{}[]#\"'") != std::string_view::npos) return fmt::format("\"{}\"", s);
  return std::string(s);
}

ValueNode from_toml(const toml::node& n) {
  ValueNode out;
  if (const toml::table* t = n.as_table()) {
    out.type = ValueNode::Type::mapping;
    for (auto& [key, value] : *t) out.entries.push_back({std::string(key.str()), from_toml(value)});
  } else if (const toml::array* a = n.as_array()) {
    out.type = ValueNode::Type::list;
    for (const toml::node& item : *a) out.items.push_back(from_toml(item));
  } else if (auto s = n.value<std::string>(); s && n.is_string()) {
    out.type = ValueNode::Type::scalar;
    out.scalar = *s;
  } else {
    // Numbers, booleans and dates as TOML writes them: 0.5 and 0.50 are one value.
    out.type = ValueNode::Type::scalar;
    n.visit([&](auto&& v) {
      if constexpr (toml::is_number<decltype(v)>)
        out.scalar = fmt::format("{}", v.get());
      else if constexpr (toml::is_boolean<decltype(v)>)
        out.scalar = v.get() ? "true" : "false";
      else {
        std::ostringstream text;
        text << v;
        out.scalar = text.str();
      }
    });
  }
  return out;
}

}  // namespace

const ValueNode* ValueNode::get(std::string_view key) const {
  for (auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

std::string ValueNode::flow() const {
  switch (type) {
    case Type::null:
      return "null";
    case Type::scalar:
      return flow_scalar(scalar);
    case Type::mapping: {
      std::string s = "{";
      for (auto& [k, v] : entries) s += fmt::format("{}{}: {}", s.size() > 1 ? ", " : "", k, v.flow());
      return s + "}";
    }
    case Type::list: {
      std::string s = "[";
      for (const ValueNode& v : items) s += fmt::format("{}{}", s.size() > 1 ? ", " : "", v.flow());
      return s + "]";
    }
  }
  return {};
}

std::optional<ValueNode> parse_yaml_tree(std::string_view text) {
  Diagnostics diags;
  const std::string label = "(diff)";
  YamlReader r(text, 0, label, diags);
  ValueNode root;
  if (!r.next()) return std::nullopt;
  if (r.kind() == Kind::stream_end) return root;  // an empty file
  if (r.kind() != Kind::document_start || !r.next()) return std::nullopt;
  if (r.kind() == Kind::document_end) return root;
  if (!read_value(r, root) || r.failed()) return std::nullopt;
  return root;
}

std::optional<ValueNode> parse_toml_tree(std::string_view text) {
  try {
    toml::table table = toml::parse(text);
    return from_toml(table);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

}  // namespace salesops::core
