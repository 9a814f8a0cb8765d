#pragma once
// What every record loader shares: the book being filled, typed field readers over the
// YAML events, and references checked once their targets are loaded.
#include <fmt/format.h>

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/base/id_index.hpp"
#include "core/book/book.hpp"
#include "core/book/schema.hpp"
#include "core/yaml/reader.hpp"

namespace salesops::core {

struct PendingRef {
  RefKind kind;
  Sym value;
  Mark at;
  std::uint32_t length;
  const char* field;  // a string literal
};

/// The ids of the kinds loaded so far, as text that never moves (StringPool chunks stay
/// put): read by parallel workers while the book itself grows.
struct RefSnapshot {
  /// A set of ids in an open-addressing index (IdIndex): no node per id, and each id a Sym
  /// of the book's text as it was when the snapshot was taken.
  class Ids {
   public:
    explicit Ids(const StringPool::Frozen& text) : text_(text) {}
    void add(Sym id) {
      ids_.push_back(id);
      index_.insert(text_.view(id), static_cast<std::uint32_t>(ids_.size() - 1), KeyOf{this});
    }
    bool has(std::string_view id) const { return index_.find(id, KeyOf{this}).has_value(); }

   private:
    struct KeyOf {
      const Ids* ids;
      std::string_view operator()(std::uint32_t i) const { return ids->text_.view(ids->ids_[i]); }
    };
    const StringPool::Frozen& text_;
    std::vector<Sym> ids_;
    IdIndex index_;
  };
  StringPool::Frozen text;
  Ids people{text}, teams{text}, customers{text}, targets{text}, plans{text};
  explicit RefSnapshot(const Book& b);
  RefSnapshot(const RefSnapshot&) = delete;
  RefSnapshot& operator=(const RefSnapshot&) = delete;
};

struct LoadContext {
  Book& book;
  Diagnostics& diags;
  std::array<bool, static_cast<std::size_t>(RefKind::count)> loaded{};
  /// Kinds with a file that could not be read in full: a reference to them may name a record
  /// in that file, so it is not reported missing (the file's own error says what to fix).
  std::array<bool, static_cast<std::size_t>(RefKind::count)> partial{};
  std::vector<PendingRef> pending{};
  /// Kinds not counted as loaded whose references that resolve are dropped at once, not
  /// left pending: a parse that keeps no cache entry holds only the ones that fail, whose
  /// findings then come where the others' would.
  std::array<bool, static_cast<std::size_t>(RefKind::count)> drop_found{};
  /// Where references are looked up when it is not `book`: files read apart from the book
  /// (in parallel, see parallel.hpp) check them against the ids loaded before them.
  const RefSnapshot* lookup = nullptr;
  /// When set, receives the id position of every record add_unique keeps.
  std::vector<Mark>* id_marks = nullptr;
  /// The finding of each unknown key met, by its group, but for its place: a key found in
  /// many files (a customer's `notes`) is worded, and its closest known key looked for,
  /// once per load context rather than once per file.
  std::unordered_map<std::string, Diagnostic> unknown_keys{};

  /// Checks a reference now when its kind is loaded, else once it is. `field` names the
  /// field in the message and must be a string literal: it is kept until the check.
  void ref(RefKind kind, Sym value, Mark at, std::uint32_t length, const char* field);
  void mark_loaded(RefKind kind) { loaded[static_cast<std::size_t>(kind)] = true; }
  void mark_partial(RefKind kind) { partial[static_cast<std::size_t>(kind)] = true; }
  void resolve_pending();
  bool exists(RefKind kind, std::string_view id) const;
};

/// Typed reads of one record's fields. Each read consumes the value the reader is on and
/// reports a value of the wrong type at its position.
class Fields {
 public:
  Fields(YamlReader& r, LoadContext& ctx) : r_(r), ctx_(ctx) {}

  YamlReader& reader() { return r_; }
  Book& book() { return ctx_.book; }
  LoadContext& ctx() { return ctx_; }

  std::optional<std::string_view> scalar(std::string_view field);
  Sym text(std::string_view field);     // free text (titles, names, notes): StringPool::store_text
  Sym word(std::string_view field);     // repeated text (ids referred to, kinds), interned
  /// Reads a reference and checks it (now or once its kind is loaded). `field` must be a
  /// string literal: a pending check keeps the pointer.
  template <std::size_t N>
  Sym ref(const char (&field)[N], RefKind kind) { return read_ref(field, kind); }
  Day date(std::string_view field);
  std::optional<Money> money(std::string_view field);
  std::optional<std::int64_t> integer(std::string_view field, std::int64_t min, std::int64_t max);
  std::optional<double> number(std::string_view field);
  std::optional<bool> boolean(std::string_view field);
  std::vector<Sym> words(std::string_view field);  // a list of text
  // The same reads, named and bounded by the record schema: the field's key, its reference
  // kind, its range.
  Sym text(const schema::FieldSpec& s) { return text(s.key); }
  Sym word(const schema::FieldSpec& s) { return word(s.key); }
  Sym ref(const schema::FieldSpec& s) { return read_ref(s.name(), s.ref); }
  Day date(const schema::FieldSpec& s) { return date(s.key); }
  std::optional<Money> money(const schema::FieldSpec& s) { return money(s.key); }
  std::optional<std::int64_t> integer(const schema::FieldSpec& s) { return integer(s.key, s.min, s.max); }
  /// A number out of a bounded field's range is reported (without the value) and not returned.
  std::optional<double> number(const schema::FieldSpec& s);
  std::optional<bool> boolean(const schema::FieldSpec& s) { return boolean(s.key); }
  std::vector<Sym> words(const schema::FieldSpec& s) { return words(s.key); }
  /// Reads a choice: the index of its value among the field's values, or nullopt (a value
  /// not among them is reported with the field's rule and hint).
  std::optional<std::size_t> choice(const schema::FieldSpec& s);
  /// Reads a choice as a word. A value not among the field's values is reported, and kept
  /// when `keep_unknown` (the record still names it), else dropped.
  Sym choice_word(const schema::FieldSpec& s, bool keep_unknown);
  /// Checks `id` against SPEC's id pattern; reports and returns false when it does not match.
  bool valid_id(std::string_view id, Mark at);
  void duplicate(const char* kind, std::string_view id, Mark at, Mark first);
  /// Reports an unknown key (with a "did you mean" among the record's field names) and skips
  /// its value.
  void unknown(std::string_view key, Mark at, const schema::RecordSchema& record);
  /// Reports a missing required field of a record that starts at `at`.
  void missing(std::string_view field, Mark at, std::string_view record);
  /// Reports a record of `record` that has no id key (`seen`: the fields each_field saw);
  /// an id given but empty or malformed was reported where it was read.
  void missing_id(std::uint32_t seen, const schema::RecordSchema& record, Mark at) {
    if (!(seen & record.bit(record.at("id")))) missing("id", at, record.noun);
  }
  /// Reports, in schema order, each required field but the identity whose bit is not in
  /// `seen` (see RecordSchema::bit) as missing from the record `name()` names: the name is
  /// only made when a field is missing.
  template <class Name>
  void missing_required(const schema::RecordSchema& schema, std::uint32_t seen, Mark at, Name&& name) {
    std::uint32_t absent = schema.required_bits() & ~seen;
    if (absent == 0) return;
    std::string record(name());
    for (std::size_t i = 0; i < schema.fields.size(); ++i)
      if (absent & schema::RecordSchema::bit(static_cast<int>(i))) missing(schema.fields[i].key, at, record);
  }
  /// Appends a top-level record unless its id is malformed or already taken (reported).
  template <class Rec>
  bool add_unique(IdIndex& index, std::vector<Rec>& records, Rec rec, Mark id_at, const char* kind);

 private:
  Sym read_ref(const char* field, RefKind kind);
  /// Warns of the first control character (other than tab and line feed) in `value`.
  void warn_control(std::string_view field, std::string_view value);

  YamlReader& r_;
  LoadContext& ctx_;
  std::string group_;  // a repeated finding's group, made without allocating again
};

template <class Rec>
bool Fields::add_unique(IdIndex& index, std::vector<Rec>& records, Rec rec, Mark id_at, const char* kind) {
  Book& b = ctx_.book;
  std::string_view id = b.text(rec.id);
  if (!valid_id(id, id_at)) return false;
  auto pos = static_cast<std::uint32_t>(records.size());
  if (auto prev = index.insert(id, pos, [&](std::uint32_t i) { return b.text(records[i].id); })) {
    duplicate(kind, id, id_at, records[*prev].at);
    return false;
  }
  records.push_back(std::move(rec));
  if (ctx_.id_marks) ctx_.id_marks->push_back(id_at);
  return true;
}

/// A value quoted in a message: a long one is cut (a 50 MB scalar makes no 50 MB message).
std::string shown(std::string_view value);
/// Columns `text` takes in the excerpt: its code points.
std::uint32_t columns(std::string_view text);

/// Reports and skips a value that is not a mapping.
inline bool expect_mapping(YamlReader& r, const char* what) {
  if (r.kind() == YamlReader::Kind::mapping_start) return true;
  r.reject("record-shape", fmt::format(N_("{} must be a mapping"), what));
  return false;
}

/// Calls `fn(item_mark)` on each mapping item of the list the reader is on.
/// Reads the mapping the reader is on as a record of `schema`: calls `on_field(i)` on the
/// value of each key the schema knows (`i`, the field's index) and reports the others as
/// unknown keys with a "did you mean". Returns the fields seen, a bit each (schema.bit).
/// As each_field below, with `on_other(key, key_at)` called on the value of each key the
/// schema does not know (it must consume the value).
template <class Fn, class Other>
std::uint32_t each_field(Fields& f, const schema::RecordSchema& schema, Fn&& on_field, Other&& on_other) {
  std::uint32_t seen = 0;
  f.reader().each_key([&](std::string_view key, Mark key_at) {
    int i = schema.index(key);
    if (i < 0) return on_other(key, key_at);
    seen |= schema.bit(i);
    on_field(i);
  });
  return seen;
}

template <class Fn>
std::uint32_t each_field(Fields& f, const schema::RecordSchema& schema, Fn&& on_field) {
  return each_field(f, schema, on_field, [&](std::string_view key, Mark key_at) { f.unknown(key, key_at, schema); });
}

/// The custom field values of one record as it is read: (field index, value).
using CustomRead = std::vector<std::pair<std::uint16_t, Sym>>;

/// Reads the value of `key` when it is one of the `declared` custom fields of the record's
/// kind (its type, enum values and reference checked like a built-in field's) into `out`;
/// otherwise reports it as an unknown key of `schema`.
void read_custom_or_unknown(Fields& f, const std::vector<CustomField>& declared, std::string_view key, Mark key_at,
                            const schema::RecordSchema& schema, CustomRead& out);
/// Keeps the custom values read for the record at `record` in `values`.
inline void keep_custom(CustomValues& values, std::size_t record, const CustomRead& read) {
  for (auto& [field, value] : read) values.add(static_cast<std::uint32_t>(record), field, value);
}

template <class Fn>
void each_mapping_item(Fields& f, const char* list, const char* what, Fn&& fn) {
  YamlReader& r = f.reader();
  if (r.is_null()) return;
  if (r.kind() != YamlReader::Kind::sequence_start) {
    r.reject("field-type", fmt::format(N_("'{}' must be a list"), list));
    return;
  }
  r.each_item([&] {
    if (expect_mapping(r, what)) fn(r.mark());
  });
}

/// Loaders, one per file kind. Each reads one file's events and appends its records.
void load_team_file(YamlReader& r, LoadContext& ctx);
void load_customer_file(YamlReader& r, LoadContext& ctx);
void load_deal_file(YamlReader& r, LoadContext& ctx);
void load_target_file(YamlReader& r, LoadContext& ctx);
void load_plan_file(YamlReader& r, LoadContext& ctx);
void load_coaching_file(YamlReader& r, LoadContext& ctx);
void load_review_file(YamlReader& r, LoadContext& ctx, std::string_view period_dir, std::string_view person_file);
void load_reward_plans_file(YamlReader& r, LoadContext& ctx);
void load_grants_file(YamlReader& r, LoadContext& ctx);
void load_rates_file(YamlReader& r, LoadContext& ctx);
/// Once every file is read: sorts the rates, reports two rates of a currency on one day, and
/// each deal in another currency with no rate in effect from the day it opened (or closed).
void check_rates(Book& b, Diagnostics& diags);

/// Moves the reader into the document's root value. False for an empty file (no document)
/// or one that does not parse.
bool enter_document(YamlReader& r);
/// Reads a root that must be a mapping whose keys, the fields of `file`, hold sequences of
/// records: `on_item(field)` is called on each item's first event.
template <class Fn>
void each_list_under_keys(YamlReader& r, Fields& f, const schema::RecordSchema& file, Fn&& on_item);

template <class Fn>
void each_list_under_keys(YamlReader& r, Fields& f, const schema::RecordSchema& file, Fn&& on_item) {
  if (!enter_document(r)) return;
  if (r.is_null()) return;
  if (r.kind() != YamlReader::Kind::mapping_start) {
    r.reject("file-shape", N_("this file must be a mapping"),
             fmt::format(N_("its top-level keys: {} (each a list)"), schema::list_keys(file)));
    return;
  }
  r.each_key([&](std::string_view key, Mark at) {
    const schema::FieldSpec* list = file.find(key);
    if (!list) { f.unknown(key, at, file); return; }
    if (r.is_null()) return;
    if (r.kind() != YamlReader::Kind::sequence_start) {
      r.reject("file-shape", fmt::format(N_("'{}' must be a list"), key));
      return;
    }
    r.each_item([&] { on_item(*list); });
  });
}

}  // namespace salesops::core
