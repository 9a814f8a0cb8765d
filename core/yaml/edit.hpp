#pragma once
// Byte-preserving edits of YAML record files: the pure half of the safe writer.
//
// Every edit takes the old text of a file and returns the new text. Only the bytes the
// change needs are touched: an append inserts lines (or `, item` in a flow list), a set
// replaces one scalar's span or inserts one key, a remove deletes one key's lines.
// Comments, key order, quoting, blank lines and CRLF line endings elsewhere stay as the
// user wrote them. Spans come from libyaml's event marks (core/yaml_scan.hpp); new
// scalars are quoted by yaml-cpp's emitter plus a YAML 1.1/1.2 type check
// (core/yaml_emit.hpp), so every string reads back as the same string. Each result is
// re-parsed and checked before it is returned.
//
// Layout of new text: a list item takes the dash column and key offset of the list's
// items, and flow style when the list is `[...]` or its last item is `{...}`; a new key
// takes the column of its mapping's first key; nested block lists in new values are
// indented two spaces under their key, as in SPEC's examples. A replaced scalar keeps
// its quote style (`'proposal'` becomes `'won'`); a plain one stays plain unless the
// new text needs quotes. A file lacking a final newline gets one when lines are added
// at its end, and keeps lacking it when a scalar is replaced in place. Pass numbers and
// dates as YamlValue::literal: as text they would be quoted, and read as strings.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostics.hpp"

namespace salesops::core {

struct YamlField;

/// A value to write: a scalar, a list or a mapping whose keys keep their order.
struct YamlValue {
  enum class Kind { scalar, sequence, mapping };
  Kind kind = Kind::scalar;
  /// A scalar's text, exactly as it must read back.
  std::string scalar;
  /// A number, date or boolean: written unquoted when it is a safe plain token. Text
  /// (`is_literal` false) is quoted only when plain style would change or lose it.
  bool is_literal = false;
  /// Collections: written inline as `[a, b]` or `{k: v}` rather than as block lines.
  bool flow = false;
  std::vector<YamlValue> items;
  std::vector<YamlField> fields;

  static YamlValue text(std::string s);
  static YamlValue literal(std::string s);
  static YamlValue list(std::vector<YamlValue> items, bool flow = false);
  static YamlValue map(std::vector<YamlField> fields, bool flow = false);
};

struct YamlField {
  std::string key;
  YamlValue value;
};

/// True when both hold the same data (style and literal hints aside).
bool same_data(const YamlValue& a, const YamlValue& b);

/// One step from a node to a child: a mapping key, the list item whose `key` field
/// equals `value` (e.g. the deal whose id is D-2026-0113), or a list position.
struct PathStep {
  enum class Kind { key, match, index };
  Kind kind = Kind::key;
  std::string key;
  std::string value;
  std::size_t index = 0;
  friend bool operator==(const PathStep&, const PathStep&) = default;
};

/// The address of a node from the document root; no steps is the root itself.
struct YamlPath {
  std::vector<PathStep> steps;

  YamlPath& key(std::string k);
  YamlPath& item_where(std::string k, std::string v);
  YamlPath& item_with_id(std::string id) { return item_where("id", std::move(id)); }
  YamlPath& item(std::size_t index);
  /// All steps but the last.
  YamlPath parent() const;
  /// Readable form for messages: `[id=D-2026-0113].history`, `[0].stage`, `sessions`.
  std::string str() const;
  friend bool operator==(const YamlPath&, const YamlPath&) = default;
};

/// One change to one file.
struct YamlEdit {
  enum class Kind { append, set, remove, append_lines };
  Kind kind = Kind::append;
  /// append: the list; set and remove: the key (the last step must be a key).
  YamlPath path;
  YamlValue value;
  /// set: where a missing key goes (after this sibling); empty: after the last key.
  std::string after;
  /// append to a block list: the new item goes before item `before` (above the comment
  /// lines over it) instead of after the last one; at the end when `before` is the count.
  /// Where records go decides whether git merges two branches' additions line by line:
  /// see new_record_place (core/base/ids.hpp).
  std::optional<std::size_t> before;
  /// append_lines: how many items the lines in `value.scalar` hold.
  std::size_t count = 0;

  /// Appends `item` to the list at `list` (the root list when `list` has no steps). A
  /// missing last key is created, holding a one-item list.
  static YamlEdit append(YamlPath list, YamlValue item);
  /// Inserts `item` into the list at `list` before its item `before` (see `before`).
  static YamlEdit insert(YamlPath list, YamlValue item, std::size_t before);
  /// Replaces the scalar (or flow collection) at `at` in place, or inserts the key.
  static YamlEdit set(YamlPath at, YamlValue value, std::string after = {});
  /// Deletes the key at `at` with its value; nothing happens when it is absent.
  static YamlEdit remove(YamlPath at);
  /// Appends `count` items already written as block lines (by append_block_item), so that
  /// an import of a million records holds each as a few lines of text, not as a value tree.
  /// The list must be a block list or absent from an empty document; the lines are laid
  /// out and verified as an append of the same items would be.
  static YamlEdit append_lines(YamlPath list, std::string lines, std::size_t count);
};

/// Adds `item` to `lines` as a block list item at column 0 (`- id: a` and `  key: v` lines),
/// written as an append would write it: the text an append_lines edit takes.
void append_block_item(const YamlValue& item, std::string& lines);

/// The new text of a file, or why the edit was refused (nothing to write then).
struct TextEdit {
  std::string text;
  std::optional<Diagnostic> error;
  bool ok() const { return !error.has_value(); }
};

/// Refuses text that holds merge-conflict markers or does not parse as one YAML document;
/// the diagnostic names file:line:column. `file` is the name used in locations.
std::optional<Diagnostic> check_editable(std::string_view text, std::string_view file);

/// Applies one edit to `text`: checks the old text, computes the new one and verifies it
/// (it parses; an append grew its list by one item that reads back as `value`; a set
/// reads back as `value`; a removed key is gone).
TextEdit apply_edit(std::string_view text, const YamlEdit& edit, std::string_view file);

/// Applies edits in order, all or none: the first refusal returns the old text. Appends
/// in a row to the same list are written and verified together, so an import of many
/// records into one large file reads it twice, not twice per record.
TextEdit apply_edits(std::string_view text, const std::vector<YamlEdit>& edits, std::string_view file);

/// The scalar as it would be written: plain when that reads back as the same string,
/// else quoted (`"…"`). `in_flow` is true inside `[...]` or `{...}`.
std::string emit_scalar(const YamlValue& value, bool in_flow = false);

}  // namespace salesops::core
