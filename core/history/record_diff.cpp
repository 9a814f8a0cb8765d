#include "core/history/record_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "core/base/date.hpp"
#include "core/base/money.hpp"
#include "core/book/schema.hpp"
#include "core/history/tree.hpp"

namespace salesops::core {

namespace {

using schema::FieldSpec;
using schema::FieldType;
using schema::RecordSchema;
using Type = ValueNode::Type;

/// One record as a tree: its kind in diff's words, its schema (none for settings).
struct Record {
  const RecordSchema* schema = nullptr;
  const ValueNode* node = nullptr;
};
using Records = std::map<std::pair<std::string, std::string>, Record>;  // (kind, id)

/// A kind's rows in `diff` that book_diff writes: the record's arrival and removal, and
/// these fields. The rest of its fields are record_diff's.
bool typed_field(std::string_view kind, std::string_view field) {
  static const std::map<std::string_view, std::set<std::string_view>> kTyped = {
      {"target", {"id", "value", "owner", "metric", "period", "baseline", "parent"}},
      {"deal", {"id", "stage", "amount", "owner", "customer", "expected_close", "closed"}},
      {"customer", {"id", "owner", "tier", "segment"}},
      {"review", {"person", "period", "status"}},
  };
  if (kind == "reward_plan") return true;  // book_diff compares every part of a plan
  auto it = kTyped.find(kind);
  return it != kTyped.end() && it->second.contains(field);
}
bool typed_kind(std::string_view kind) {
  return kind == "target" || kind == "deal" || kind == "customer" || kind == "review" || kind == "reward_plan";
}

/// The field an added or removed record is shown by.
std::string_view main_field(std::string_view kind) {
  if (kind == "team") return "manager";
  if (kind == "person") return "team";
  if (kind == "plan") return "period";
  if (kind == "session") return "person";
  if (kind == "training") return "title";
  if (kind == "grant") return "kind";
  return {};
}

void add_list(Records& out, std::string_view kind, const RecordSchema& schema, const ValueNode* list) {
  if (!list || list->type != Type::list) return;
  for (const ValueNode& item : list->items)
    if (const ValueNode* id = item.get("id"); id && !id->text().empty())
      out.try_emplace({std::string(kind), std::string(id->text())}, Record{&schema, &item});
}
void add_one(Records& out, std::string_view kind, const RecordSchema& schema, const ValueNode& root, std::string id) {
  if (root.type == Type::mapping && !id.empty())
    out.try_emplace({std::string(kind), std::move(id)}, Record{&schema, &root});
}
std::string text_of(const ValueNode& n, std::string_view key) {
  const ValueNode* v = n.get(key);
  return v ? std::string(v->text()) : std::string();
}

/// The records of one file, by where it lives in the book (SPEC's layout).
void collect(const std::string& path, const ValueNode& root, Records& out) {
  using namespace schema;
  auto under = [&](std::string_view dir) { return path.starts_with(dir) && path.ends_with(".yaml"); };
  if (path == "salesops.toml") {
    for (auto& [key, value] : root.entries) out.try_emplace({"settings", key}, Record{nullptr, &value});
  } else if (path == "team.yaml") {
    add_list(out, "team", kTeam, root.get("teams"));
    add_list(out, "person", kPerson, root.get("people"));
  } else if (under("customers/")) {
    add_one(out, "customer", kCustomer, root, text_of(root, "id"));
  } else if (under("deals/")) {
    add_list(out, "deal", kDeal, &root);
  } else if (under("targets/")) {
    add_list(out, "target", kTarget, &root);
  } else if (under("plans/")) {
    add_one(out, "plan", kPlan, root, text_of(root, "id"));
  } else if (under("coaching/")) {
    add_list(out, "session", kSession, root.get("sessions"));
    add_list(out, "training", kTraining, root.get("trainings"));
  } else if (under("reviews/")) {
    add_one(out, "review", kReview, root, text_of(root, "period") + "/" + text_of(root, "person"));
  } else if (path == "rewards/plans.yaml") {
    add_list(out, "reward_plan", kRewardPlan, root.get("plans"));
  } else if (under("rewards/")) {
    add_list(out, "grant", kGrant, root.get("grants"));
  }
}

bool present(const ValueNode* n) { return n && n->type != Type::null; }

/// A scalar as the schema types it, so that 5000 and 5000.00, or "A" and A, are one value.
Cell typed_cell(const FieldSpec* spec, const ValueNode* n) {
  if (!present(n)) return Undefined{};
  if (n->type != Type::scalar) return n->flow();
  std::string_view s = n->scalar;
  FieldType type = spec ? spec->type : FieldType::free;
  if (type == FieldType::money)
    if (auto m = parse_money(s)) return *m;
  if (type == FieldType::date)
    if (auto d = parse_date(s)) return *d;
  if (type == FieldType::boolean) {
    if (s == "true" || s == "yes" || s == "True" || s == "Yes") return std::string("true");
    if (s == "false" || s == "no" || s == "False" || s == "No") return std::string("false");
  }
  return std::string(s);
}
/// Numbers compare by value ("0.50" is 0.5) and show as written.
bool same_number(const Cell& a, const Cell& b) {
  auto* x = std::get_if<std::string>(&a);
  auto* y = std::get_if<std::string>(&b);
  if (!x || !y) return false;
  char* end_x = nullptr;
  char* end_y = nullptr;
  double dx = std::strtod(x->c_str(), &end_x), dy = std::strtod(y->c_str(), &end_y);
  return !x->empty() && !y->empty() && *end_x == 0 && *end_y == 0 && dx == dy;
}
/// A list of words, or one word, as one text.
Cell words_cell(const ValueNode* n) {
  if (!present(n)) return Undefined{};
  if (n->type == Type::scalar) return n->scalar;
  std::string s;
  for (const ValueNode& item : n->items) s += (s.empty() ? "" : ", ") + item.flow();
  return s;
}

class TreeDiffer {
 public:
  std::vector<Change> out;

  void record(const std::string& kind, const std::string& id, const Record* a, const Record* b) {
    kind_ = kind;
    id_ = id;
    const ValueNode* now = b ? b->node : a->node;
    owner_ = owner_of(kind, id, *now);
    const RecordSchema* schema = b ? b->schema : a->schema;
    if (!schema) return value("", nullptr, a ? a->node : nullptr, b ? b->node : nullptr);  // settings, key by key
    if (!(a && b)) {
      if (typed_kind(kind)) return;
      std::string field(main_field(kind));
      const ValueNode* main = field.empty() ? nullptr : now->get(field);
      Cell value = main ? typed_cell(schema->find(field), main) : Cell{now->flow()};
      if (b)
        emit(kind == "person" ? "joined" : "added", field, Undefined{}, value);
      else
        emit(kind == "person" ? "left" : "removed", field, value, Undefined{});
      return;
    }
    static const ValueNode kEmpty = [] {
      ValueNode empty;
      empty.type = Type::mapping;
      return empty;
    }();
    moved_to_.clear();
    if (kind == "deal" && a && b && text_of(*a->node, "stage") != text_of(*b->node, "stage"))
      moved_to_ = text_of(*b->node, "stage");  // the history entry of that move is the move itself
    fields("", schema, a ? a->node : &kEmpty, b ? b->node : &kEmpty);
  }

 private:
  std::string kind_, id_, owner_, moved_to_;

  static std::string owner_of(const std::string& kind, const std::string& id, const ValueNode& n) {
    if (kind == "person") return id;
    for (const char* key : {"owner", "person", "manager", "team"})
      if (auto s = text_of(n, key); !s.empty()) return s;
    return {};
  }

  void emit(std::string change, std::string field, Cell before, Cell after) {
    out.push_back({kind_, id_, owner_, std::move(change), std::move(field), std::move(before), std::move(after), {}});
  }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }

  /// Two mappings field by field: the schema's fields first, in its order, then keys it
  /// does not know (custom fields), in file order.
  void fields(const std::string& path, const RecordSchema* schema, const ValueNode* a, const ValueNode* b) {
    std::vector<std::string> keys;
    auto add = [&](std::string_view k) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.emplace_back(k);
    };
    if (schema)
      for (const FieldSpec& f : schema->fields) add(f.key);
    for (const ValueNode* side : {a, b})
      if (side && side->type == Type::mapping)
        for (auto& [k, v] : side->entries) add(k);
    for (const std::string& key : keys) {
      if (path.empty() && typed_field(kind_, key)) continue;
      const ValueNode* x = a && a->type == Type::mapping ? a->get(key) : nullptr;
      const ValueNode* y = b && b->type == Type::mapping ? b->get(key) : nullptr;
      value(join(path, key), schema ? schema->find(key) : nullptr, x, y);
    }
  }

  void value(const std::string& path, const FieldSpec* spec, const ValueNode* a, const ValueNode* b) {
    if (!present(a) && !present(b)) return;
    FieldType type = spec ? spec->type : FieldType::free;
    auto shape = [&](Type t) { return (!present(a) || a->type == t) && (!present(b) || b->type == t); };
    if (type == FieldType::words || type == FieldType::refs) return scalar(path, words_cell(a), words_cell(b));
    if (shape(Type::list) && (type == FieldType::records || list_of_mappings(a) || list_of_mappings(b)))
      return list(path, spec ? spec->record : nullptr, a, b);
    if (shape(Type::mapping)) {
      if (type == FieldType::record) return fields(path, spec->record, a, b);
      if (type == FieldType::named_records || type == FieldType::ratings || type == FieldType::named_words) {
        std::vector<std::string> names;
        for (const ValueNode* side : {a, b})
          if (present(side))
            for (auto& [k, v] : side->entries)
              if (std::find(names.begin(), names.end(), k) == names.end()) names.push_back(k);
        for (const std::string& name : names) {
          const ValueNode* x = present(a) ? a->get(name) : nullptr;
          const ValueNode* y = present(b) ? b->get(name) : nullptr;
          if (type == FieldType::named_records)
            fields(join(path, name), spec->record, x, y);
          else
            value(join(path, name), nullptr, x, y);
        }
        return;
      }
      return fields(path, nullptr, a, b);
    }
    Cell x = typed_cell(spec, a), y = typed_cell(spec, b);
    if (x == y || same_number(x, y)) return;
    scalar(path, std::move(x), std::move(y));
  }

  void scalar(const std::string& path, Cell x, Cell y) {
    if (x == y) return;
    std::string change = "changed";
    if (path == "owner" || path == "manager")
      change = "reassigned";
    else if (kind_ == "person" && path == "team")
      change = "moved";
    else if (kind_ == "person" && path == "left" && std::holds_alternative<Undefined>(x))
      change = "left";
    else if (kind_ == "settings" && std::holds_alternative<Undefined>(x))
      change = "added";
    else if (kind_ == "settings" && std::holds_alternative<Undefined>(y))
      change = "removed";
    emit(change, path, std::move(x), std::move(y));
  }

  static bool list_of_mappings(const ValueNode* n) {
    return present(n) && n->type == Type::list && !n->items.empty() &&
           std::all_of(n->items.begin(), n->items.end(), [](const ValueNode& v) { return v.type == Type::mapping; });
  }

  /// What names an item among its siblings: its identity, else its required fields
  /// ("2026-10-03 call"), else a leading name or person; "" when nothing does.
  static std::string item_key(const RecordSchema* schema, const ValueNode& item) {
    if (item.type != Type::mapping) return {};
    if (!schema) {
      for (const char* k : {"id", "name"})
        if (auto s = text_of(item, k); !s.empty()) return s;
      return {};
    }
    if (!schema->identity.empty()) return text_of(item, schema->identity);
    std::string key;
    for (const FieldSpec& f : schema->fields)
      if (f.required())
        if (auto s = text_of(item, f.key); !s.empty()) key += (key.empty() ? "" : " ") + s;
    if (key.empty() && !schema->fields.empty()) {
      FieldType t = schema->fields[0].type;
      if (t == FieldType::text || t == FieldType::ref || t == FieldType::word)
        key = text_of(item, schema->fields[0].key);
    }
    return key;
  }

  /// The items of a list by key, in order; an item with no key, or a repeated one, by its
  /// position (1-based) or its key and occurrence.
  static std::vector<std::pair<std::string, const ValueNode*>> keyed(const RecordSchema* schema, const ValueNode* n) {
    std::vector<std::pair<std::string, const ValueNode*>> out;
    if (!present(n)) return out;
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < n->items.size(); ++i) {
      std::string key = item_key(schema, n->items[i]);
      if (key.empty())
        key = fmt::format("{}", i + 1);
      else if (int count = ++seen[key]; count > 1)
        key = fmt::format("{} #{}", key, count);
      out.emplace_back(std::move(key), &n->items[i]);
    }
    return out;
  }

  void list(const std::string& path, const RecordSchema* schema, const ValueNode* a, const ValueNode* b) {
    auto before = keyed(schema, a), after = keyed(schema, b);
    auto find = [](auto& items, const std::string& key) -> const ValueNode* {
      for (auto& [k, v] : items)
        if (k == key) return v;
      return nullptr;
    };
    for (auto& [key, item] : after) {
      std::string at = fmt::format("{}[{}]", path, key);
      if (const ValueNode* old = find(before, key))
        fields(at, schema, old, item);
      else if (!(path == "history" && !moved_to_.empty() && text_of(*item, "stage") == moved_to_))
        emit("added", at, Undefined{}, item->flow());
    }
    for (auto& [key, item] : before)
      if (!find(after, key)) emit("removed", fmt::format("{}[{}]", path, key), item->flow(), Undefined{});
  }
};

std::map<std::string, ValueNode> trees(const FileTexts& files) {
  std::map<std::string, ValueNode> out;
  for (auto& [path, text] : files) {
    auto tree = path.ends_with(".toml") ? parse_toml_tree(text) : parse_yaml_tree(text);
    if (tree) out.emplace(path, std::move(*tree));  // a file that does not parse: check reports it
  }
  return out;
}

std::size_t kind_rank(const std::string& kind) {
  auto& kinds = diff_kinds();
  return static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

bool record_file_path(const std::string& path) { return path.ends_with(".yaml") || path == "salesops.toml"; }

/// The items of a plain YAML list, each from its "- " line to the next; nullopt when the
/// text has anything else at the margin but comments and blank lines, or an anchor or alias
/// (`&a`, `*a` where a value starts): an item read alone could lose what it refers to.
std::optional<std::vector<std::string_view>> list_items(std::string_view text) {
  for (std::size_t at = text.find_first_of("&*"); at != std::string_view::npos; at = text.find_first_of("&*", at + 1)) {
    std::size_t before = text.find_last_not_of(' ', at == 0 ? 0 : at - 1);
    if (at == 0 || before == std::string_view::npos || std::string_view(":-[{,?\n").find(text[before]) != std::string_view::npos)
      return std::nullopt;
  }
  std::vector<std::string_view> out;
  std::size_t item = std::string_view::npos;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    char c = text[pos];
    if (c == '-' && (end - pos <= 2 || text[pos + 1] == ' ' || text[pos + 1] == '\n' || text[pos + 1] == '\r')) {
      if (text.substr(pos).starts_with("---")) return std::nullopt;
      if (item != std::string_view::npos) out.push_back(text.substr(item, pos - item));
      item = pos;
    } else if (c == '#' || c == '\n' || c == '\r') {
    } else if (c != ' ' || item == std::string_view::npos) {
      return std::nullopt;  // a mapping, a document marker, a tab: not a plain list
    }
    pos = end;
  }
  if (item != std::string_view::npos) out.push_back(text.substr(item));
  return out;
}

}  // namespace

std::pair<std::string, std::string> differing_items(std::string_view before, std::string_view after) {
  auto a = list_items(before), b = list_items(after);
  if (!a || !b) return {std::string(before), std::string(after)};
  std::multiset<std::string_view> left(a->begin(), a->end()), right(b->begin(), b->end());
  std::string only_before, only_after;
  for (std::string_view item : *a) {
    auto it = right.find(item);
    if (it != right.end()) right.erase(it);
    else only_before.append(item).append(item.ends_with('\n') ? "" : "\n");
  }
  for (std::string_view item : *b) {
    auto it = left.find(item);
    if (it != left.end()) left.erase(it);
    else only_after.append(item).append(item.ends_with('\n') ? "" : "\n");
  }
  return {only_before, only_after};
}

std::vector<Change> record_diff(const FileTexts& before, const FileTexts& after) {
  // A list file on both sides: only its items that differ are parsed (a large deals file
  // changed in one deal is one deal on each side).
  FileTexts items_a, items_b;
  const FileTexts* from_a = &before;
  const FileTexts* from_b = &after;
  if (std::any_of(before.begin(), before.end(), [&](auto& f) { return after.contains(f.first); })) {
    // Built file by file: a file on one side only, or salesops.toml, is copied whole.
    for (auto& [path, text] : before) {
      auto it = after.find(path);
      if (it == after.end() || path == "salesops.toml") items_a.emplace(path, text);
      else std::tie(items_a[path], items_b[path]) = differing_items(text, it->second);
    }
    for (auto& [path, text] : after) items_b.try_emplace(path, text);
    from_a = &items_a;
    from_b = &items_b;
  }
  auto trees_a = trees(*from_a), trees_b = trees(*from_b);
  Records a, b;
  for (auto& [path, tree] : trees_a) collect(path, tree, a);
  for (auto& [path, tree] : trees_b) collect(path, tree, b);
  TreeDiffer d;
  for (auto& [key, rec] : b) {
    auto old = a.find(key);
    d.record(key.first, key.second, old == a.end() ? nullptr : &old->second, &rec);
  }
  for (auto& [key, rec] : a)
    if (!b.contains(key)) d.record(key.first, key.second, &rec, nullptr);
  return std::move(d.out);
}

std::vector<Change> full_diff(const Book& before, const Book& after, const FileTexts& before_files,
                              const FileTexts& after_files) {
  // Records of the files that did not change are the same on both sides, unless the
  // settings they are read with changed.
  std::set<std::string, std::less<>> changed;
  for (const FileTexts* files : {&before_files, &after_files})
    for (auto& [path, text] : *files) changed.insert(path);
  std::vector<Change> out = book_diff(before, after, changed.contains("salesops.toml") ? nullptr : &changed);
  for (Change& c : record_diff(before_files, after_files)) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(), [](const Change& x, const Change& y) {
    auto rx = kind_rank(x.kind), ry = kind_rank(y.kind);
    return rx != ry ? rx < ry : x.id < y.id;
  });
  return out;
}

std::pair<FileTexts, FileTexts> changed_files(BookSource& before, BookSource& after) {
  std::set<std::string> paths;
  for (BookSource* s : {&before, &after})
    for (std::string& p : s->list())
      if (record_file_path(p)) paths.insert(std::move(p));
  FileTexts a, b;
  std::string error;
  for (const std::string& p : paths) {
    auto id_a = before.blob_id(p), id_b = after.blob_id(p);
    if (id_a && id_b && *id_a == *id_b) continue;
    auto x = before.read(p, &error), y = after.read(p, &error);
    if (x && y && *x == *y) continue;
    if (x) a.emplace(p, std::move(*x));
    if (y) b.emplace(p, std::move(*y));
  }
  return {std::move(a), std::move(b)};
}

}  // namespace salesops::core
