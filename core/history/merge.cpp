#include "core/history/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

// --- cutting a text along its block structure -----------------------------------------

struct Line {
  std::string_view text;   // with its line break; an item's first line starts at its content
  std::size_t indent = 0;  // the column of its content
  std::size_t body = 0;    // the offset of its content in `text`
  bool loose = false;      // blank or a comment: belongs to the node after it
  std::string_view content() const { return text.substr(body); }
};

struct Node {
  std::string key;              // identity among siblings: "k:" + a key, "id:" + an id, "v:" + an item's text, "tail"
  std::string name;             // for messages: the key or the id
  std::string lead;             // the comment and blank lines above it
  std::string text;             // the node itself, without `lead`
  std::string head;             // a container's own text before its children: `key:` line, or `- ` of an item
  std::size_t item_column = 0;  // an item's content column: the indent its children's lines carry
  bool item = false;
  bool record = false;     // a list item with an id
  bool container = false;  // `kids` hold the content
  std::vector<Node> kids;
  std::string full() const { return lead + text; }
};

Node tail(std::string text) {
  Node n;
  n.key = "tail";
  n.name = N_("(the lines after the last entry)");
  n.text = std::move(text);
  return n;
}

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    Line l{text.substr(at, end - at)};
    l.indent = l.text.find_first_not_of(' ');
    if (l.indent == std::string_view::npos) l.indent = l.text.size();
    l.body = l.indent;
    std::string_view rest = l.content();
    l.loose = rest.empty() || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '#';
    out.push_back(l);
    at = end;
  }
  return out;
}

std::string join(const std::vector<Line>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i].text;
  return out;
}

bool is_dash(std::string_view rest) {
  return rest.starts_with("- ") || rest == "-\n" || rest == "-\r\n" || rest == "-";
}

// The key of a `key: value` line (its content from the indent on), or nothing.
std::optional<std::string> key_of(std::string_view rest) {
  if (rest.empty() || std::string_view("{[\"'&*!|>%@`-?").find(rest[0]) != std::string_view::npos) return std::nullopt;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '#' && i > 0 && rest[i - 1] == ' ') return std::nullopt;
    if (rest[i] == ':' && (i + 1 == rest.size() || rest[i + 1] == ' ' || rest[i + 1] == '\n' || rest[i + 1] == '\r'))
      return std::string(rest.substr(0, i));
  }
  return std::nullopt;
}

// What follows `key:` on its line, without a trailing comment and spaces.
std::string_view inline_value(std::string_view rest, std::size_t key_size) {
  std::string_view v = rest.substr(key_size + 1);
  std::size_t hash = v.find(" #");
  if (hash != std::string_view::npos) v = v.substr(0, hash);
  std::size_t first = v.find_first_not_of(" \r\n");
  if (first == std::string_view::npos) return {};
  return v.substr(first, v.find_last_not_of(" \r\n") - first + 1);
}

std::string unquoted(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  return std::string(v);
}

// Deeper nesting than records ever have is merged as one value: no stack is spent on it.
constexpr int kMaxDepth = 32;

bool parse_level(const std::vector<Line>& lines, std::size_t from, std::size_t to, std::vector<Node>& out, int depth);

// The value of the `id` field among a mapping's nodes; empty when there is none.
std::string id_of(const std::vector<Node>& kids) {
  for (const Node& k : kids) {
    if (k.key != "k:id" || k.container) continue;
    std::string_view t = k.text;
    t.remove_prefix(std::min(t.size(), t.find_first_not_of(' ')));
    return unquoted(inline_value(t, 2));
  }
  return {};
}

// One node: the lines [start, end) after its leading loose lines.
bool make_node(const std::vector<Line>& lines, std::size_t start, std::size_t end, Node& n, int depth) {
  const Line& first = lines[start];
  std::string_view rest = first.content();
  n.text = join(lines, start, end);
  if (is_dash(rest)) {
    n.item = true;
    std::size_t content = rest.find_first_not_of(' ', 1);
    if (content == std::string_view::npos || rest[content] == '\n' || rest[content] == '\r') return false;
    n.item_column = first.indent + content;
    n.key = "v:" + n.text;
    if (!key_of(rest.substr(content))) return true;
    std::vector<Line> own(lines.begin() + static_cast<std::ptrdiff_t>(start),
                          lines.begin() + static_cast<std::ptrdiff_t>(end));
    const std::size_t offset = first.body + content;
    own[0] = Line{first.text.substr(offset), n.item_column, 0, false};
    n.head = std::string(first.text.substr(0, offset));
    if (!parse_level(own, 0, own.size(), n.kids, depth + 1)) return false;
    n.container = true;
    std::string id = id_of(n.kids);
    if (!id.empty()) {
      n.key = "id:" + id;
      n.name = id;
      n.record = true;
    }
    return true;
  }
  auto key = key_of(rest);
  if (!key) return false;
  n.key = "k:" + *key;
  n.name = *key;
  if (!inline_value(rest, key->size()).empty()) return true;
  n.head = std::string(first.text);
  bool any = std::any_of(lines.begin() + static_cast<std::ptrdiff_t>(start) + 1,
                         lines.begin() + static_cast<std::ptrdiff_t>(end), [](const Line& l) { return !l.loose; });
  if (!any) return true;
  n.container = parse_level(lines, start + 1, end, n.kids, depth + 1);
  return n.container;
}

// The nodes of the lines [from, to), all at the indent of the first content line; loose
// lines go with the node below them, those after the last node to a "tail".
bool parse_level(const std::vector<Line>& lines, std::size_t from, std::size_t to, std::vector<Node>& out, int depth) {
  if (depth > kMaxDepth) return false;
  std::size_t level = std::string::npos;
  bool items = false;
  for (std::size_t i = from; i < to; ++i)
    if (!lines[i].loose) {
      level = lines[i].indent;
      items = is_dash(lines[i].content());
      break;
    }
  std::vector<std::size_t> starts;
  for (std::size_t i = from; i < to; ++i) {
    const Line& l = lines[i];
    if (l.loose || l.indent > level) continue;
    if (l.indent < level) return false;
    bool dash = is_dash(l.content());
    if (dash == items)
      starts.push_back(i);
    else if (items)
      return false;  // a key among list items
  }
  if (level == std::string::npos) {  // nothing but comments and blank lines
    if (from < to) out.push_back(tail(join(lines, from, to)));
    return true;
  }
  std::size_t first_content = from;
  while (lines[first_content].loose) ++first_content;
  if (starts.empty() || starts.front() != first_content) return false;
  std::size_t lead_from = from;
  for (std::size_t s = 0; s < starts.size(); ++s) {
    std::size_t end = s + 1 < starts.size() ? starts[s + 1] : to;
    while (end > starts[s] + 1 && lines[end - 1].loose && lines[end - 1].indent <= level) --end;
    Node n;
    n.lead = join(lines, lead_from, starts[s]);
    if (!make_node(lines, starts[s], end, n, depth)) return false;
    out.push_back(std::move(n));
    lead_from = end;
  }
  if (lead_from < to) out.push_back(tail(join(lines, lead_from, to)));
  return true;
}

// --- merging --------------------------------------------------------------------------

// A merge's text as ours wants it and as theirs does (they differ where a conflict is
// left open); nothing when the node is gone.
struct Sides {
  std::optional<std::string> ours, theirs;
  std::vector<std::string> conflicts;
};

struct Merger {
  int marker_size;
  std::string eol;
  int conflicted = 0;
  std::vector<std::string> conflicts;

  std::string markers(const Sides& s) {
    auto ended = [&](std::string t) {
      if (!t.empty() && t.back() != '\n') t += eol;
      return t;
    };
    ++conflicted;
    return std::string(marker_size, '<') + " ours" + eol + ended(s.ours.value_or("")) + std::string(marker_size, '=') +
           eol + ended(s.theirs.value_or("")) + std::string(marker_size, '>') + " theirs" + eol;
  }

  // Where a record's (or a top-level node's) conflicts are written: markers around it.
  Sides settle(Sides s) {
    if (s.conflicts.empty()) return s;
    std::string both = markers(s);
    conflicts.insert(conflicts.end(), s.conflicts.begin(), s.conflicts.end());
    return {both, both, {}};
  }

  // The comment and blank lines above a node: one side's change, ours when both changed
  // (they are not worth a conflict).
  static std::string lead(const Node* o, const Node* a, const Node* b) {
    if (!a || !b) return a ? a->lead : b ? b->lead : "";
    return o && a->lead == o->lead ? b->lead : a->lead;
  }

  static std::optional<std::string> text_of(const Node* n, const std::string& lead) {
    return n ? std::optional(lead + n->text) : std::nullopt;
  }

  // One node in its three versions (any may be missing). A record's conflicts, or a
  // top-level node's, are settled here: markers around it.
  Sides node(const Node* o, const Node* a, const Node* b, const std::string& where, bool in_record, bool top) {
    if (!a && !b) return {};
    const Node* any = a ? a : b;
    const bool record = (a && a->record) || (b && b->record);
    const bool boundary = top || (record && !in_record);
    const std::string path = record && !in_record ? any->name
                             : where.empty()      ? any->name
                             : any->name.empty()  ? where
                                                  : where + "." + any->name;
    const std::string above = lead(o, a, b);
    auto take = [&](const Node* n) { return Sides{text_of(n, above), text_of(n, above), {}}; };
    // The lines above a record stay above its markers: they are not part of the conflict.
    // A conflicting record is shown as each side has it, as git shows two hunks.
    auto settled = [&](Sides out) {
      if (!boundary) return above_each(std::move(out), above);
      if (!out.conflicts.empty()) out = {text_of(a, ""), text_of(b, ""), std::move(out.conflicts)};
      return above_each(settle(std::move(out)), above);
    };
    if (a && b && a->text == b->text) return take(a);
    if (o && a && a->text == o->text) return take(b);
    if (o && b && b->text == o->text) return take(a);
    if (!o && (!a || !b)) return take(any);
    Sides out{text_of(a, ""), text_of(b, ""), {}};
    if (!a || !b) {
      out.conflicts.push_back(fmt::format(N_("{}: removed on one side, changed on the other"), path));
    } else if (!o) {
      out.conflicts.push_back(fmt::format(N_("{}: added on both sides, differently"), path));
    } else if (auto kids = a->container && b->container && o->container && a->head == b->head && o->head == a->head
                               ? children(o->kids, a->kids, b->kids, path, in_record || record)
                               : std::nullopt) {
      auto wrap = [&](const std::optional<std::string>& inner) {
        return a->head + (a->item ? strip(inner.value_or(""), a->item_column) : inner.value_or(""));
      };
      out = {wrap(kids->ours), wrap(kids->theirs), std::move(kids->conflicts)};
    } else {
      out.conflicts.push_back(fmt::format(N_("{}: changed on both sides"), path));
    }
    return settled(std::move(out));
  }

  static Sides above_each(Sides s, const std::string& above) {
    if (above.empty()) return s;
    // A side that removed the node keeps the lines above it only when the other kept it.
    if (s.ours || s.theirs) {
      s.ours = above + s.ours.value_or("");
      s.theirs = above + s.theirs.value_or("");
    }
    return s;
  }

  // An item's children after its `- `: the first line carries no indent of its own.
  static std::string strip(const std::string& inner, std::size_t column) {
    std::size_t spaces = inner.find_first_not_of(' ');
    return spaces >= column && spaces != std::string::npos ? inner.substr(column) : inner;
  }

  static bool unique_keys(const std::vector<Node>& kids) { return index(kids).size() == kids.size(); }

  static bool is_list(const std::vector<Node>& kids) {
    return std::all_of(kids.begin(), kids.end(), [](const Node& k) { return k.item || k.key == "tail"; });
  }

  static bool keyed(const std::vector<Node>& kids) {
    return std::all_of(kids.begin(), kids.end(), [](const Node& k) { return !k.item || k.record || k.key == "tail"; });
  }

  std::optional<Sides> children(const std::vector<Node>& o, const std::vector<Node>& a, const std::vector<Node>& b,
                                const std::string& where, bool in_record, bool top = false) {
    const bool unique = unique_keys(o) && unique_keys(a) && unique_keys(b);
    if (keyed(o) && keyed(a) && keyed(b) && unique) return by_key(o, a, b, where, in_record, top);
    if (!is_list(o) || !is_list(a) || !is_list(b)) return std::nullopt;  // a mapping with a key twice
    return appended(o, a, b);
  }

  using Index = std::unordered_map<std::string_view, const Node*>;

  static Index index(const std::vector<Node>& kids) {
    Index out;
    out.reserve(kids.size());
    for (const Node& k : kids) out.emplace(k.key, &k);
    return out;
  }

  static const Node* find(const Index& at, std::string_view key) {
    auto it = at.find(key);
    return it == at.end() ? nullptr : it->second;
  }

  // Ours' order; a node only theirs has goes after the node it follows there, and after
  // what ours added at the same place.
  static std::vector<std::string_view> order(const Index& o, const std::vector<Node>& a, const Index& ia,
                                             const std::vector<Node>& b, const Index& ib) {
    std::unordered_map<std::string_view, std::vector<std::string_view>> after;  // anchor in ours -> theirs' new
    std::string_view anchor;                                                    // empty: the start
    for (const Node& k : b) {
      if (k.key == "tail") continue;
      if (find(ia, k.key))
        anchor = k.key;
      else
        after[anchor].push_back(k.key);
    }
    std::vector<std::string_view> keys;
    std::vector<std::string_view> pending = after[std::string_view()];
    auto flush = [&] {
      keys.insert(keys.end(), pending.begin(), pending.end());
      pending.clear();
    };
    for (const Node& k : a) {
      if (k.key == "tail") continue;
      if (find(o, k.key) || find(ib, k.key)) {
        flush();
        keys.push_back(k.key);
        if (auto it = after.find(k.key); it != after.end()) pending = it->second;
      } else {
        keys.push_back(k.key);
      }
    }
    flush();
    keys.push_back("tail");
    return keys;
  }

  Sides by_key(const std::vector<Node>& o, const std::vector<Node>& a, const std::vector<Node>& b,
               const std::string& where, bool in_record, bool top) {
    const Index io = index(o), ia = index(a), ib = index(b);
    Sides out{std::string(), std::string(), {}};
    for (std::string_view key : order(io, a, ia, b, ib)) {
      Sides s = node(find(io, key), find(ia, key), find(ib, key), where, in_record, top);
      if (s.ours) *out.ours += *s.ours;
      if (s.theirs) *out.theirs += *s.theirs;
      out.conflicts.insert(out.conflicts.end(), s.conflicts.begin(), s.conflicts.end());
    }
    return out;
  }

  // A list without ids: the common items, then what ours appended, then what theirs did.
  static std::optional<Sides> appended(const std::vector<Node>& o, const std::vector<Node>& a,
                                       const std::vector<Node>& b) {
    auto items = [](const std::vector<Node>& kids) {
      std::vector<std::string> out;
      for (const Node& k : kids)
        if (k.key != "tail") out.push_back(k.full());
      return out;
    };
    auto tail = [](const std::vector<Node>& kids) {
      return !kids.empty() && kids.back().key == "tail" ? kids.back().full() : "";
    };
    std::vector<std::string> io = items(o), ia = items(a), ib = items(b);
    auto prefix = [&](const std::vector<std::string>& side) {
      return side.size() >= io.size() && std::equal(io.begin(), io.end(), side.begin());
    };
    if (!prefix(ia) || !prefix(ib)) return std::nullopt;
    std::string tails;
    if (tail(a) == tail(b) || tail(b) == tail(o))
      tails = tail(a);
    else if (tail(a) == tail(o))
      tails = tail(b);
    else
      return std::nullopt;
    std::string text;
    for (const std::string& s : ia) text += s;
    for (std::size_t i = io.size(); i < ib.size(); ++i)
      if (std::find(ia.begin() + static_cast<std::ptrdiff_t>(io.size()), ia.end(), ib[i]) == ia.end()) text += ib[i];
    text += tails;
    return Sides{text, text, {}};
  }
};

std::string detect_eol(std::string_view text) {
  std::size_t nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

// The top of a file as one container: its nodes, or nothing when it does not cut.
std::optional<Node> cut(std::string_view text) {
  std::vector<Line> lines = split_lines(text);
  Node root;
  root.container = true;
  if (!lines.empty() && !parse_level(lines, 0, lines.size(), root.kids, 0)) return std::nullopt;
  root.name = id_of(root.kids);
  return root;
}

}  // namespace

MergedText merge_record_text(std::string_view base, std::string_view ours, std::string_view theirs, int marker_size) {
  Merger m{marker_size, detect_eol(ours), 0, {}};
  auto o = cut(base), a = cut(ours), b = cut(theirs);
  MergedText out;
  if (o && a && b) {
    // A file that is one record (a customer) names its fields after the record's id.
    if (auto kids = m.children(o->kids, a->kids, b->kids, a->name, false, true)) {
      out.text = kids->ours.value_or("");
      out.conflicts = std::move(m.conflicts);
      out.conflicted_records = m.conflicted;
      return out;
    }
  }
  // The whole file as one value.
  if (ours == theirs || theirs == base) return {std::string(ours), {}, 0};
  if (ours == base) return {std::string(theirs), {}, 0};
  Sides whole{std::string(ours), std::string(theirs), {}};
  out.text = m.markers(whole);
  out.conflicts.push_back(N_("the file does not cut into records: changed on both sides"));
  out.conflicted_records = 1;
  return out;
}

}  // namespace salesops::core
