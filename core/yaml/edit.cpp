#include "core/yaml/edit.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/yaml/emit.hpp"
#include "core/yaml/scan.hpp"

namespace salesops::core {

YamlValue YamlValue::text(std::string s) {
  YamlValue v;
  v.scalar = std::move(s);
  return v;
}

YamlValue YamlValue::literal(std::string s) {
  YamlValue v;
  v.scalar = std::move(s);
  v.is_literal = true;
  return v;
}

YamlValue YamlValue::list(std::vector<YamlValue> items, bool flow) {
  YamlValue v;
  v.kind = Kind::sequence;
  v.items = std::move(items);
  v.flow = flow;
  return v;
}

YamlValue YamlValue::map(std::vector<YamlField> fields, bool flow) {
  YamlValue v;
  v.kind = Kind::mapping;
  v.fields = std::move(fields);
  v.flow = flow;
  return v;
}

bool same_data(const YamlValue& a, const YamlValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case YamlValue::Kind::scalar:
      return a.scalar == b.scalar;
    case YamlValue::Kind::sequence:
      return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), same_data);
    case YamlValue::Kind::mapping:
      return std::equal(
          a.fields.begin(), a.fields.end(), b.fields.begin(), b.fields.end(),
          [](const YamlField& x, const YamlField& y) { return x.key == y.key && same_data(x.value, y.value); });
  }
  return false;
}

YamlPath& YamlPath::key(std::string k) {
  steps.push_back({PathStep::Kind::key, std::move(k), {}, 0});
  return *this;
}

YamlPath& YamlPath::item_where(std::string k, std::string v) {
  steps.push_back({PathStep::Kind::match, std::move(k), std::move(v), 0});
  return *this;
}

YamlPath& YamlPath::item(std::size_t index) {
  steps.push_back({PathStep::Kind::index, {}, {}, index});
  return *this;
}

YamlPath YamlPath::parent() const {
  YamlPath p = *this;
  if (!p.steps.empty()) p.steps.pop_back();
  return p;
}

std::string YamlPath::str() const {
  std::string out;
  for (const PathStep& s : steps) {
    switch (s.kind) {
      case PathStep::Kind::key:
        out += (out.empty() ? "" : ".") + s.key;
        break;
      case PathStep::Kind::match:
        out += "[" + s.key + "=" + s.value + "]";
        break;
      case PathStep::Kind::index:
        out += "[" + std::to_string(s.index) + "]";
        break;
    }
  }
  return out.empty() ? N_("the document") : out;
}

YamlEdit YamlEdit::append(YamlPath list, YamlValue item) {
  return {Kind::append, std::move(list), std::move(item), {}, std::nullopt, 0};
}
YamlEdit YamlEdit::insert(YamlPath list, YamlValue item, std::size_t before) {
  return {Kind::append, std::move(list), std::move(item), {}, before, 0};
}
YamlEdit YamlEdit::set(YamlPath at, YamlValue value, std::string after) {
  return {Kind::set, std::move(at), std::move(value), std::move(after), std::nullopt, 0};
}
YamlEdit YamlEdit::remove(YamlPath at) { return {Kind::remove, std::move(at), {}, {}, std::nullopt, 0}; }
YamlEdit YamlEdit::append_lines(YamlPath list, std::string lines, std::size_t count) {
  return {Kind::append_lines, std::move(list), YamlValue::text(std::move(lines)), {}, std::nullopt, count};
}

void append_block_item(const YamlValue& item, std::string& lines) {
  std::vector<std::string> own;
  emit_block_lines(item, own);
  for (std::size_t i = 0; i < own.size(); ++i) lines.append(i == 0 ? "- " : "  ").append(own[i]).push_back('\n');
}

namespace {

// --- positions in the text -------------------------------------------------------------

struct Text {
  std::string_view text;
  std::string_view file;
  std::string eol;
};

std::string detect_eol(std::string_view text) {
  std::size_t nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::size_t line_after(std::string_view text, std::size_t pos) {
  std::size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

std::size_t line_begin(std::string_view text, std::size_t pos) {
  if (pos == 0) return 0;
  std::size_t nl = text.rfind('\n', pos - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

std::string splice(std::string_view text, std::size_t from, std::size_t to, std::string_view with) {
  std::string out;
  out.reserve(text.size() + with.size());
  out.append(text.substr(0, from)).append(with).append(text.substr(to));
  return out;
}

// Inserts whole lines at a line start (or at the end of a text lacking a final newline).
std::string insert_lines(const Text& t, std::size_t at, const std::vector<std::string>& lines, std::size_t indent) {
  std::string block;
  if (at > 0 && t.text[at - 1] != '\n') block += t.eol;
  for (const std::string& l : lines) block += std::string(indent, ' ') + l + t.eol;
  return splice(t.text, at, at, block);
}

// A refusal at a node, or about the whole file (line and column 0: no place to point at).
Diagnostic refusal(const Text& t, std::string rule, const YamlSpan* at, std::string message) {
  Location where{std::string(t.file), at ? at->line + 1 : 0, at ? at->column + 1 : 0, 1};
  return Diagnostic{Severity::error, std::move(rule), where, std::move(message), {}};
}

bool is_null(const YamlSpan& n) {
  return n.kind == YamlNodeKind::scalar && n.style == YAML_PLAIN_SCALAR_STYLE &&
         (n.value.empty() || n.value == "~" || n.value == "null" || n.value == "Null" || n.value == "NULL");
}

std::optional<std::size_t> find_key(const YamlLocated& m, const std::string& key) {
  for (std::size_t i = 0; i + 1 < m.children.size(); i += 2)
    if (m.children[i].kind == YamlNodeKind::scalar && m.children[i].value == key) return i;
  return std::nullopt;
}

// A second `key` after the one at `k`: the file leaves open which one an edit means.
const YamlSpan* repeated_key(const YamlLocated& m, std::size_t k, const std::string& key) {
  for (std::size_t i = k + 2; i + 1 < m.children.size(); i += 2)
    if (m.children[i].kind == YamlNodeKind::scalar && m.children[i].value == key) return &m.children[i];
  return nullptr;
}

// Where lines go after a node's content: past the end of the line it ends on.
std::size_t after_content(std::string_view text, std::size_t content_end) {
  if (content_end > 0 && text[content_end - 1] == '\n') return content_end;  // a kept (`|+`) block scalar
  return line_after(text, content_end);
}

// The node an edit starts from. The verification of the previous edit of the same text
// has usually just read the same record, so it is kept and reused.
struct Hint {
  YamlPath path;
  std::optional<YamlLocated> located;
};

YamlScanResult locate(const Text& t, const YamlPath& path, const Hint& hint) {
  if (hint.located && hint.path == path) return {hint.located, std::nullopt};
  return locate_yaml_node(t.text, path, t.file);
}

struct Outcome {
  std::string text;  // empty with no error: nothing to change
  std::optional<Diagnostic> error;
  bool changed = false;
};

Outcome refused(Diagnostic d) { return {{}, std::move(d), false}; }
Outcome unchanged() { return {}; }
Outcome changed(std::string text) { return {std::move(text), std::nullopt, true}; }

// A scan's refusal; an address problem says which edit it stopped.
Outcome refused_scan(YamlScanResult& scan, const char* verb, const YamlPath& path) {
  Diagnostic d = std::move(*scan.error);
  if (d.rule == "write-path") d.message = std::string("cannot ") + verb + " " + path.str() + ": " + d.message;
  return refused(std::move(d));
}

Outcome unverified(const Text& t, const char* verb, const YamlPath& path, const YamlScanResult& check) {
  return refused(refusal(t, "write-verify", nullptr,
                         std::string("cannot ") + verb + " " + path.str() +
                             ": the edited file would not read back as intended" +
                             (check.error ? " (" + check.error->message + ")" : "")));
}

// True when the path's last step picks a list item by `key`.
bool selects_by(const YamlPath& path, const std::string& key) {
  return !path.steps.empty() && path.steps.back().kind == PathStep::Kind::match && path.steps.back().key == key;
}

// --- the three edits -----------------------------------------------------------------

// Appends to an existing list, in its style: `, item` before `]`, or `- item` lines at the
// dash column of its items, after its last item (at the very end for a root list).
std::string append_to_list(const Text& t, const YamlSpan& list, const std::vector<YamlValue>& items,
                           bool at_end_of_file, std::optional<std::size_t> before = std::nullopt) {
  if (list.flow) {
    std::string piece;
    for (const YamlValue& item : items) piece += (piece.empty() && list.count == 0 ? "" : ", ") + emit_yaml(item, true);
    const std::size_t at = list.count == 0 ? list.close : list.last_end;
    return splice(t.text, at, at, piece);
  }
  const std::size_t dash = list.column;
  const std::size_t offset = list.item_column >= dash + 2 ? list.item_column - dash : 2;
  std::vector<std::string> lines;
  for (const YamlValue& item : items) {
    YamlValue styled = item;
    if (list.last_flow && item.kind != YamlValue::Kind::scalar) styled.flow = true;
    std::vector<std::string> own;
    emit_block_lines(styled, own);
    for (std::size_t i = 0; i < own.size(); ++i)
      lines.push_back(i == 0 ? "-" + std::string(offset - 1, ' ') + own[i] : std::string(offset, ' ') + own[i]);
  }
  const std::size_t at = before ? *before : at_end_of_file ? t.text.size() : after_content(t.text, list.content_end);
  return insert_lines(t, at, lines, dash);
}

// Where a new item goes to stand before item `index` of the block list at `path`: the
// start of that item's dash line, above the comment lines directly over it (they speak
// of it). Nothing when the item does not start on its own dash line.
std::optional<std::size_t> before_item(const Text& t, const YamlPath& path, const YamlSpan& list, std::size_t index) {
  YamlPath at = path;
  YamlScanResult item = locate_yaml_node(t.text, at.item(index), t.file);
  if (item.error) return std::nullopt;
  std::size_t pos = line_begin(t.text, item.found->node.start);
  if (pos + list.column >= t.text.size() || t.text[pos + list.column] != '-' ||
      t.text.find_first_not_of(' ', pos) != pos + list.column)
    return std::nullopt;
  while (pos > 0) {
    const std::size_t prev = line_begin(t.text, pos - 1);
    const std::size_t first = t.text.find_first_not_of(' ', prev);
    if (first >= pos || t.text[first] != '#') break;
    pos = prev;
  }
  return pos;
}

// The place of an insert: an item index below `count`, or `count` for the end.
std::size_t insert_index(const YamlSpan& list, std::optional<std::size_t> before) {
  if (!before || list.flow) return list.count;
  return std::min(*before, list.count);
}

// Inserts `key: value` into a mapping, after the sibling `after` or after its last key
// (at the very end for the root mapping).
std::string insert_key(const Text& t, const YamlLocated& m, bool is_root, const std::string& key,
                       const YamlValue& value, const std::string& after) {
  std::optional<std::size_t> a;
  if (!after.empty() && !m.empty_document) a = find_key(m, after);
  if (!m.empty_document && m.node.flow) {
    const std::string piece = emit_yaml_text(key, true, QuoteStyle::any) + ": " + emit_yaml(value, true);
    if (a) return splice(t.text, m.children[*a + 1].end, m.children[*a + 1].end, ", " + piece);
    if (m.node.count == 0) return splice(t.text, m.node.close, m.node.close, piece);
    return splice(t.text, m.node.last_end, m.node.last_end, ", " + piece);
  }
  std::vector<std::string> lines;
  emit_block_lines(YamlValue::map({{key, value}}), lines);
  std::size_t at = t.text.size();
  if (a) {
    at = after_content(t.text, m.children[*a + 1].content_end);
  } else if (!is_root) {
    at = after_content(t.text, m.node.content_end);
  }
  return insert_lines(t, at, lines, m.empty_document ? 0 : m.node.item_column);
}

// `key:` with nothing (or ~) after it becomes a list.
std::string fill_null_with_list(const Text& t, const YamlLocated& m, std::size_t k,
                                const std::vector<YamlValue>& items) {
  const YamlSpan& v = m.children[k + 1];
  if (m.node.flow) {
    const std::string piece = emit_yaml(YamlValue::list(items), true);
    return splice(t.text, v.start, v.end, v.start == v.end && t.text[v.start - 1] == ':' ? " " + piece : piece);
  }
  std::size_t from = v.start;
  while (v.start != v.end && from > 0 && t.text[from - 1] == ' ') --from;
  const std::string erased = splice(t.text, from, v.end, "");
  std::vector<std::string> lines;
  emit_block_lines(YamlValue::list(items), lines);
  return insert_lines(Text{erased, t.file, t.eol}, line_after(erased, from), lines, m.children[k].column + 2);
}

Outcome append(const Text& t, const YamlPath& path, const std::vector<YamlValue>& items,
               std::optional<std::size_t> before_item_index, Hint& hint) {
  const bool key_last = !path.steps.empty() && path.steps.back().kind == PathStep::Kind::key;
  const YamlPath where = key_last ? path.parent() : path;
  YamlScanResult scan = locate(t, where, hint);
  if (scan.error) return refused_scan(scan, "append to", path);
  const YamlLocated& loc = *scan.found;
  std::size_t old_count = 0;
  std::size_t place = 0;  // the index the first new item takes
  std::string out;
  // The text with the items before the item asked for, else at the end.
  auto into_list = [&](const YamlSpan& list, bool at_end_of_file) {
    old_count = place = list.count;
    std::optional<std::size_t> at;
    if (std::size_t g = insert_index(list, before_item_index); g < list.count) at = before_item(t, path, list, g);
    if (at) place = insert_index(list, before_item_index);
    return append_to_list(t, list, items, at_end_of_file, at);
  };
  if (key_last) {
    if (!loc.empty_document && loc.node.kind != YamlNodeKind::mapping)
      return refused(refusal(t, "write-path", &loc.node,
                             fmt::format(N_("cannot append to {}: its parent is not a mapping"), path.str())));
    const std::optional<std::size_t> k = loc.empty_document ? std::nullopt : find_key(loc, path.steps.back().key);
    if (!k) {
      out = insert_key(t, loc, path.steps.size() == 1, path.steps.back().key, YamlValue::list(items), {});
    } else if (const YamlSpan& v = loc.children[*k + 1]; v.kind == YamlNodeKind::sequence) {
      out = into_list(v, false);
    } else if (is_null(v)) {
      out = fill_null_with_list(t, loc, *k, items);
    } else {
      return refused(
          refusal(t, "write-path", &v, fmt::format(N_("cannot append to {}: it is not a list"), path.str())));
    }
  } else if (loc.empty_document) {
    std::vector<std::string> lines;
    emit_block_lines(YamlValue::list(items), lines);
    out = insert_lines(t, t.text.size(), lines, 0);
  } else if (loc.node.kind == YamlNodeKind::sequence) {
    out = into_list(loc.node, path.steps.empty());
  } else {
    return refused(
        refusal(t, "write-path", &loc.node, fmt::format(N_("cannot append to {}: it is not a list"), path.str())));
  }
  // Read back: the list grew by exactly these items, and they hold what was meant.
  YamlScanRequest request;
  if (key_last) {
    request.key = path.steps.back().key;
  } else {
    request.from_item = place;
  }
  YamlScanResult check = locate_yaml_node(out, where, t.file, request);
  bool good = !check.error && check.found->materialized;
  if (good) {
    const std::vector<YamlValue>& got = check.found->materialized->items;
    const std::size_t skip = key_last ? place : 0;
    const std::size_t expected = key_last ? old_count + items.size() : old_count - place + items.size();
    good = check.found->materialized->kind == YamlValue::Kind::sequence && got.size() == expected &&
           std::equal(items.begin(), items.end(), got.begin() + static_cast<std::ptrdiff_t>(skip), same_data) &&
           (key_last || check.found->node.count == old_count + items.size());
  }
  if (!good) return unverified(t, "append to", path, check);
  hint = {where, std::move(check.found)};
  return changed(std::move(out));
}

// True when `block` (block list items at column 0) reads, item by item, as `got`. It is
// read a few thousand items at a time, so that a million records are never all held twice.
bool lines_read_as(std::string_view block, const std::vector<YamlValue>& got, std::string_view file) {
  constexpr std::size_t kItemsAtOnce = 4096;
  std::size_t done = 0, from = 0, items = 0;
  YamlScanRequest all;
  all.from_item = 0;
  for (std::size_t at = 0; at <= block.size();) {
    const bool item_starts = at == block.size() || block[at] == '-';
    if (item_starts && (at == block.size() || items == kItemsAtOnce)) {
      if (at > from) {
        YamlScanResult part = locate_yaml_node(block.substr(from, at - from), {}, file, all);
        if (part.error || part.found->node.kind != YamlNodeKind::sequence || part.found->node.flow ||
            !part.found->materialized)
          return false;
        const std::vector<YamlValue>& read = part.found->materialized->items;
        if (done + read.size() > got.size() ||
            !std::equal(read.begin(), read.end(), got.begin() + static_cast<std::ptrdiff_t>(done), same_data))
          return false;
        done += read.size();
      }
      from = at;
      items = 0;
    }
    if (at == block.size()) break;
    items += item_starts;
    const std::size_t nl = block.find('\n', at);
    at = nl == std::string_view::npos ? block.size() : nl + 1;
  }
  return done == got.size();
}

// An append_lines edit: the lines are moved to the list's dash column and item offset and
// put after its last item; the list must read back with its old items and then, one by
// one, what the lines read as alone.
Outcome append_lines(const Text& t, const YamlEdit& e, Hint& hint) {
  const std::string_view block = e.value.scalar;
  const YamlPath& path = e.path;
  if (e.count == 0 && block.empty()) return unchanged();
  const bool key_last = !path.steps.empty() && path.steps.back().kind == PathStep::Kind::key;
  const YamlPath where = key_last ? path.parent() : path;
  YamlScanResult scan = locate(t, where, hint);
  if (scan.error) return refused_scan(scan, "append to", path);
  const YamlLocated& loc = *scan.found;
  const YamlSpan* list = &loc.node;
  if (key_last) {
    const std::optional<std::size_t> k = loc.empty_document || loc.node.kind != YamlNodeKind::mapping
                                             ? std::nullopt
                                             : find_key(loc, path.steps.back().key);
    list = k ? &loc.children[*k + 1] : nullptr;
  }
  const bool new_root_list = !key_last && loc.empty_document;
  if (!new_root_list && (!list || loc.empty_document || list->kind != YamlNodeKind::sequence || list->flow ||
                         (list->last_flow && list->last_kind != YamlNodeKind::scalar)))
    return refused(refusal(t, "write-path", nullptr,
                           fmt::format(N_("cannot append lines to {}: it is not a list of block items"), path.str())));
  const std::size_t dash = new_root_list ? 0 : list->column;
  const std::size_t offset = !new_root_list && list->item_column >= dash + 2 ? list->item_column - dash : 2;
  const std::size_t old_count = new_root_list ? 0 : list->count;
  const std::size_t at = new_root_list || path.steps.empty() ? t.text.size() : after_content(t.text, list->content_end);
  std::string lines;
  lines.reserve(block.size() + block.size() / 8);
  if (at > 0 && t.text[at - 1] != '\n') lines += t.eol;
  for (std::size_t from = 0; from < block.size();) {
    const std::size_t end = block.find('\n', from);
    const std::string_view line = block.substr(from, end - from);
    lines.append(dash, ' ');
    if (line.starts_with('-')) lines.append("-").append(offset - 1, ' ');
    else lines.append(offset, ' ');
    lines.append(line.substr(std::min<std::size_t>(2, line.size()))).append(t.eol);
    from = end == std::string_view::npos ? block.size() : end + 1;
  }
  std::string out = splice(t.text, at, at, lines);
  lines = std::string();
  YamlScanRequest request;
  request.from_item = old_count;
  YamlScanResult check = locate_yaml_node(out, path, t.file, request);
  const bool good = !check.error && check.found->materialized &&
                    check.found->node.count == old_count + e.count &&
                    check.found->materialized->items.size() == e.count &&
                    lines_read_as(block, check.found->materialized->items, t.file);
  if (!good) return unverified(t, "append to", path, check);
  hint = {};
  return changed(std::move(out));
}

Outcome set(const Text& t, const YamlEdit& e, Hint& hint) {
  const YamlPath& path = e.path;
  if (path.steps.empty() || path.steps.back().kind != PathStep::Kind::key)
    return refused(
        refusal(t, "write-path", nullptr, fmt::format(N_("cannot set {}: the path must end with a key"), path.str())));
  const std::string& key = path.steps.back().key;
  const YamlPath where = path.parent();
  if (selects_by(where, key) && e.value.kind != YamlValue::Kind::scalar)
    return refused(refusal(
        t, "write-value", nullptr,
        fmt::format(N_("cannot set {}: the path picks the item by it, so it must stay a single value"), path.str())));
  YamlScanResult scan = locate(t, where, hint);
  if (scan.error) return refused_scan(scan, "set", path);
  const YamlLocated& m = *scan.found;
  if (!m.empty_document && m.node.kind != YamlNodeKind::mapping)
    return refused(
        refusal(t, "write-path", &m.node, fmt::format(N_("cannot set {}: its parent is not a mapping"), path.str())));
  const std::optional<std::size_t> k = m.empty_document ? std::nullopt : find_key(m, key);
  if (const YamlSpan* again = k ? repeated_key(m, *k, key) : nullptr)
    return refused(
        refusal(t, "write-path", again, fmt::format(N_("cannot set {}: the key is given twice"), path.str())));
  std::string out;
  if (!k) {
    out = insert_key(t, m, path.steps.size() == 1, key, e.value, e.after);
  } else {
    const YamlSpan& v = m.children[*k + 1];
    const bool in_flow = m.node.flow;
    if (v.kind == YamlNodeKind::scalar && e.value.kind == YamlValue::Kind::scalar && v.value == e.value.scalar &&
        !(v.value.empty() && v.style == YAML_PLAIN_SCALAR_STYLE))
      return unchanged();  // it already holds the value: its bytes stay as they are
    if (v.kind == YamlNodeKind::scalar && v.start == v.end) {
      const std::string piece = emit_yaml(e.value, in_flow);
      out = splice(t.text, v.start, v.end, v.start > 0 && t.text[v.start - 1] == ':' ? " " + piece : piece);
    } else if (v.kind == YamlNodeKind::scalar) {
      // A quoted scalar keeps its quotes; a plain one stays plain unless it needs quoting.
      const QuoteStyle keep = v.style == YAML_SINGLE_QUOTED_SCALAR_STYLE   ? QuoteStyle::single
                              : v.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? QuoteStyle::double_
                                                                           : QuoteStyle::any;
      out = splice(t.text, v.start, v.content_end, emit_yaml(e.value, in_flow, keep));
    } else if (v.flow) {
      out = splice(t.text, v.start, v.end, emit_yaml(e.value, in_flow));
    } else {
      return refused(refusal(
          t, "write-path", &v,
          v.kind == YamlNodeKind::alias
              ? fmt::format(N_("cannot set {}: it is an alias; edit the value it refers to"), path.str())
              : fmt::format(N_("cannot set {}: it holds a block list or mapping, not a single value"), path.str())));
    }
  }
  // Changing the field the path picks the item by (its id): the item is found by the new one.
  YamlPath now = where;
  if (selects_by(where, key)) now.steps.back().value = e.value.scalar;
  YamlScanRequest request;
  request.key = key;
  YamlScanResult check = locate_yaml_node(out, now, t.file, request);
  if (check.error || !check.found->materialized || !same_data(*check.found->materialized, e.value))
    return unverified(t, "set", path, check);
  hint = {now, std::move(check.found)};
  return changed(std::move(out));
}

Outcome remove(const Text& t, const YamlEdit& e, Hint& hint) {
  const YamlPath& path = e.path;
  if (path.steps.empty() || path.steps.back().kind != PathStep::Kind::key)
    return refused(refusal(t, "write-path", nullptr,
                           fmt::format(N_("cannot remove {}: the path must end with a key"), path.str())));
  const YamlPath where = path.parent();
  if (selects_by(where, path.steps.back().key))
    return refused(refusal(t, "write-path", nullptr,
                           fmt::format(N_("cannot remove {}: the path picks the item by it"), path.str())));
  YamlScanResult scan = locate(t, where, hint);
  if (scan.error) return refused_scan(scan, "remove", path);
  const YamlLocated& m = *scan.found;
  const std::optional<std::size_t> k =
      m.empty_document || m.node.kind != YamlNodeKind::mapping ? std::nullopt : find_key(m, path.steps.back().key);
  if (!k) return unchanged();  // already absent
  if (const YamlSpan* again = repeated_key(m, *k, path.steps.back().key))
    return refused(
        refusal(t, "write-path", again, fmt::format(N_("cannot remove {}: the key is given twice"), path.str())));
  const YamlSpan& key = m.children[*k];
  const YamlSpan& value = m.children[*k + 1];
  const bool has_next = *k + 2 < m.children.size();
  std::string out;
  if (m.node.flow) {
    if (has_next) {
      out = splice(t.text, key.start, m.children[*k + 2].start, "");
    } else if (*k > 0) {
      out = splice(t.text, m.children[*k - 1].end, value.end, "");
    } else {
      out = splice(t.text, key.start, value.end, "");
    }
  } else {
    const std::size_t begin = line_begin(t.text, key.start);
    const bool own_line = t.text.substr(begin, key.start - begin).find_first_not_of(' ') == std::string_view::npos;
    // A nested mapping losing its last key stays a mapping: `{}` where the key was.
    const bool last_nested = m.node.count == 1 && !where.steps.empty();
    if (own_line && !last_nested) {
      out = splice(t.text, begin, after_content(t.text, value.content_end), "");
    } else if (has_next) {  // `- key: v` opening a list item: the next key moves up
      out = splice(t.text, key.start, m.children[*k + 2].start, "");
    } else {
      out = splice(t.text, key.start, value.content_end, "{}");
    }
  }
  YamlScanResult check = locate_yaml_node(out, where, t.file);
  bool gone = false;
  if (!check.error) {
    const YamlLocated& c = *check.found;
    if (c.node.kind == YamlNodeKind::mapping && !c.empty_document)
      gone = !find_key(c, path.steps.back().key) && c.node.count + 1 == m.node.count;
    else
      gone = m.node.count == 1 && where.steps.empty() && (c.empty_document || is_null(c.node));
  }
  if (!gone) return unverified(t, "remove", path, check);
  hint = {where, std::move(check.found)};
  return changed(std::move(out));
}

bool valid_path(const YamlPath& path) {
  return std::all_of(path.steps.begin(), path.steps.end(),
                     [](const PathStep& s) { return is_valid_utf8(s.key) && is_valid_utf8(s.value); });
}

}  // namespace

std::optional<Diagnostic> check_editable(std::string_view text, std::string_view file) {
  if (auto marker = find_conflict_marker(text, file)) return marker;
  YamlScanResult scan = locate_yaml_node(text, {}, file);
  return scan.error;
}

TextEdit apply_edit(std::string_view text, const YamlEdit& edit, std::string_view file) {
  return apply_edits(text, {edit}, file);
}

TextEdit apply_edits(std::string_view text, const std::vector<YamlEdit>& edits, std::string_view file) {
  if (auto marker = find_conflict_marker(text, file)) return {std::string(text), marker};
  std::string current(text);
  Hint hint;
  for (std::size_t i = 0; i < edits.size();) {
    const YamlEdit& e = edits[i];
    const Text t{current, file, detect_eol(current)};
    std::vector<YamlValue> items{e.value};
    std::size_t next = i + 1;
    for (; e.kind == YamlEdit::Kind::append && !e.before && next < edits.size() &&
           edits[next].kind == YamlEdit::Kind::append && !edits[next].before && edits[next].path == e.path;
         ++next)
      items.push_back(edits[next].value);
    if (!valid_path(e.path) || !std::all_of(items.begin(), items.end(), is_valid_value))
      return {std::string(text),
              refusal(t, "write-value", nullptr,
                      fmt::format(N_("cannot edit {}: the value is not valid UTF-8"), e.path.str()))};
    Outcome o = e.kind == YamlEdit::Kind::append         ? append(t, e.path, items, e.before, hint)
                : e.kind == YamlEdit::Kind::append_lines ? append_lines(t, e, hint)
                : e.kind == YamlEdit::Kind::set          ? set(t, e, hint)
                                                         : remove(t, e, hint);
    if (o.error) return {std::string(text), std::move(o.error)};
    if (o.changed) current = std::move(o.text);
    i = next;
  }
  return {std::move(current), std::nullopt};
}

}  // namespace salesops::core
