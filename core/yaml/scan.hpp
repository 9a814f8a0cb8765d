#pragma once
// Finding a node of a YAML text by path, with the exact byte spans the editor needs.
//
// One streaming pass over the whole text, with the fast scanner's events where it can
// (core/yaml/fast.hpp) and libyaml's after: a node off the path is skipped without being
// stored, so a 10 MB deals file costs memory only for the located node's direct children.
// Marks count characters; they are turned into byte offsets here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

enum class YamlNodeKind { scalar, sequence, mapping, alias };

/// What an edit needs to know about one node.
struct YamlSpan {
  YamlNodeKind kind = YamlNodeKind::scalar;
  bool flow = false;      // a collection written as [...] or {...}
  int style = 0;          // scalars: libyaml's yaml_scalar_style_t
  std::size_t start = 0;  // byte offset of the node (block sequence: its first '-')
  std::size_t end = 0;    // past the node (block collections: where the next token starts)
  /// Past the last character of the node's last scalar or flow collection: where its
  /// content really ends (block scalars are trimmed of trailing line breaks).
  std::size_t content_end = 0;
  std::size_t close = 0;                          // flow collections: offset of the closing bracket
  std::uint32_t line = 0;                         // 0-based
  std::uint32_t column = 0;                       // 0-based, in characters
  std::string value;                              // scalars
  std::size_t count = 0;                          // collections: items, or key-value pairs
  std::uint32_t item_column = 0;                  // the first item's (sequence) or first key's (mapping) column
  YamlNodeKind last_kind = YamlNodeKind::scalar;  // the last item, or the last value
  bool last_flow = false;
  std::size_t last_end = 0;
};

/// What of the located node to read back in full (to verify an edit).
struct YamlScanRequest {
  std::optional<std::size_t> from_item;  // a sequence's items from this position on, as a list
  std::optional<std::string> key;        // a mapping's value for this key
};

/// The node at a path; a mapping's direct children too, as key, value, key, value…
struct YamlLocated {
  YamlSpan node;
  std::vector<YamlSpan> children;         // mappings only
  std::optional<YamlValue> materialized;  // what the request asked for
  bool empty_document = false;            // no document, or an empty one: `node` is unset
};

struct YamlScanResult {
  std::optional<YamlLocated> found;
  /// write-parse (the text), or write-path (the address; the message says only what is
  /// missing, for the caller to prefix with what it was doing).
  std::optional<Diagnostic> error;
};

/// Where the events come from: the fast scanner while the text stays within what it reads,
/// then libyaml (the same events, marks and errors), or libyaml alone (for tests).
enum class YamlScanEngine { fast, libyaml };

/// Parses all of `text` and locates the node at `path`. A text holding no document
/// locates (as empty) only the root. `file` names the text in diagnostics.
YamlScanResult locate_yaml_node(std::string_view text, const YamlPath& path, std::string_view file,
                                const YamlScanRequest& request = {}, YamlScanEngine engine = YamlScanEngine::fast);

/// Runs the scan's two event sources over `text` — the fast scanner then libyaml, and
/// libyaml alone — and describes the first event where they differ in kind, style, value,
/// byte offsets or line and column, or in the error they stop with. Empty when they agree.
/// For tests (tests/unit, tests/fuzz).
std::string yaml_scan_difference(std::string_view text);

/// The first merge-conflict marker line ("<<<<<<< ", "=======", "|||||||", ">>>>>>> "),
/// as a diagnostic; none when the text has none.
std::optional<Diagnostic> find_conflict_marker(std::string_view text, std::string_view file);

}  // namespace salesops::core
