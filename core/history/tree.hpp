#pragma once
// A record file as a tree of values, for comparing two versions of it: what a value is,
// not how it was written (quoting, flow or block style, key order, comments are gone).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace salesops::core {

struct ValueEntry;

/// A YAML or TOML value. A mapping keeps its keys in file order (for output); look-ups
/// go through `get`.
struct ValueNode {
  enum class Type { null, scalar, mapping, list };
  Type type = Type::null;
  std::string scalar;
  std::vector<ValueEntry> entries;  // mapping
  std::vector<ValueNode> items;                            // list

  /// The value of `key` in a mapping, or nullptr.
  const ValueNode* get(std::string_view key) const;
  /// A scalar's text, or "" for anything else.
  std::string_view text() const { return type == Type::scalar ? std::string_view(scalar) : std::string_view(); }
  /// The value on one line, as YAML flow: `{date: 2026-10-03, type: call}`, `[a, b]`.
  std::string flow() const;
};

/// A key of a mapping and its value.
struct ValueEntry {
  std::string key;
  ValueNode value;
};

/// The tree of a YAML file's one document; nullopt when it does not parse (the loaders
/// report why). A plain null (empty, ~, null) is Type::null.
std::optional<ValueNode> parse_yaml_tree(std::string_view text);

/// The tree of a TOML file (salesops.toml); nullopt when it does not parse.
std::optional<ValueNode> parse_toml_tree(std::string_view text);

}  // namespace salesops::core
