#pragma once
// The binary form of deals and customers in the record cache (cache.cpp keeps one
// entry per file, pack.cpp one pack per kind). Text a loader interns is written once
// per entry, in a string table, and referred to by number; text it stores (ids, titles,
// notes) is written inline. Reading checks every count and number against what is left, so
// a damaged entry fails to decode instead of reading out of bounds.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/base/sym_map.hpp"
#include "core/book/model.hpp"

namespace salesops::core::codec {

class Writer {
 public:
  template <class T>
  void put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void str(std::string_view s) {
    put(static_cast<std::uint32_t>(s.size()));
    out.append(s);
  }
  void mark(Mark m) { put(m.line); put(m.column); }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  T get() {
    T v{};
    if (in_.size() - pos_ < sizeof v) { ok = false; return v; }
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string_view bytes(std::size_t n) {
    if (!ok || in_.size() - pos_ < n) { ok = false; return {}; }
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string_view str() { return bytes(get<std::uint32_t>()); }
  Mark mark(std::uint32_t file) {
    Mark m{file, 0, 0};
    m.line = get<std::uint32_t>();
    m.column = get<std::uint32_t>();
    return m;
  }
  /// A count of items each at least `min_size` bytes: bounded by what is left.
  std::uint32_t count(std::size_t min_size) {
    auto n = get<std::uint32_t>();
    if (static_cast<std::uint64_t>(n) * min_size > in_.size() - pos_) ok = false;
    return ok ? n : 0;
  }
  bool done() const { return ok && pos_ == in_.size(); }
  bool ok = true;

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

/// Numbers each distinct interned text an entry uses (0 is the empty Sym) and writes the
/// table's entries to `out` as they are first seen; text that is not interned in the pool
/// is written with a flag that keeps it so on load.
class StringTable {
 public:
  explicit StringTable(const StringPool& pool) : pool_(pool) {}
  std::uint32_t operator()(Sym s) {
    if (s.empty()) return 0;
    bool added;
    SymMap::Slot& slot = numbers_.at(s, added);
    if (!added) return slot.value;  // most are seen before
    slot.value = static_cast<std::uint32_t>(numbers_.size());
    std::string_view text = pool_.view(s);
    out.put(static_cast<std::uint8_t>(pool_.find(text) == s));
    out.str(text);
    return slot.value;
  }
  Writer out;

 private:
  const StringPool& pool_;
  SymMap numbers_;  // a book's worth of text, numbered from 1 in the order first seen
};

/// Reads string table entries from `r` into `syms` (interned text interned again) until
/// `r` is done or fails.
inline void read_table(Reader& r, StringPool& pool, std::vector<Sym>& syms) {
  while (r.ok && !r.done()) {
    bool interned = r.get<std::uint8_t>() != 0;
    std::string_view text = r.str();
    if (r.ok) syms.push_back(interned ? pool.intern(text) : pool.store(text));
  }
}

/// Writes records: interned text through the table, stored text inline.
struct Encoder {
  Writer& w;
  StringTable& table;
  const Book& book;

  void interned(Sym s) { w.put(table(s)); }
  /// Inline: 0 for the empty Sym, else the length plus one, then the bytes.
  void stored(Sym s) {
    if (s.empty()) { w.put(std::uint32_t{0}); return; }
    std::string_view text = book.text(s);
    w.put(static_cast<std::uint32_t>(text.size() + 1));
    w.out.append(text);
  }
  void day(Day d) { w.put(d.raw()); }

  // load/deals.cpp stores ids and titles, and interns the rest.
  void encode(const Deal& d) {
    stored(d.id);
    interned(d.customer); interned(d.owner);
    stored(d.title);
    interned(d.product); interned(d.lost_reason);
    w.put(d.amount.cents);
    day(d.opened); day(d.expected_close); day(d.closed);
    w.put(d.stage);
    w.put(static_cast<std::uint8_t>(d.has_amount));
    w.str(d.currency == 0 ? std::string_view{} : std::string_view(book.currencies[d.currency - 1u]));
    w.mark(d.at);
    w.put(d.history_count);
    for (std::uint32_t h = 0; h < d.history_count; ++h) {
      const StageChange& c = book.history[d.history_begin + h];
      day(c.date());
      w.put(c.stage());
    }
  }

  // load/customers.cpp stores names, contacts, summaries and comments, and interns the rest.
  void encode(const Customer& c) {
    interned(c.id);
    stored(c.name);
    for (Sym s : {c.owner, c.tier, c.segment, c.industry, c.region, c.source}) interned(s);
    day(c.since);
    w.mark(c.at);
    w.put(static_cast<std::uint32_t>(c.contacts().size()));
    for (const Contact& k : c.contacts()) for (Sym s : {k.name, k.title, k.phone, k.email}) stored(s);
    w.put(static_cast<std::uint32_t>(c.interactions().size()));
    for (const Interaction& i : c.interactions()) {
      day(i.date); w.put(static_cast<std::uint8_t>(i.type)); interned(i.by); stored(i.summary);
      day(i.next); w.mark(i.mark(c.at.file));
    }
    w.put(static_cast<std::uint32_t>(c.surveys().size()));
    for (const Survey& s : c.surveys()) {
      day(s.date); w.put(s.csat); w.put(s.nps); stored(s.comment); w.mark(s.mark(c.at.file));
    }
  }
};

/// Reads what Encoder wrote into `book` (its pool and history); `file` is the file index
/// the records' marks get. A malformed record sets r.ok to false.
struct Decoder {
  Reader& r;
  const std::vector<Sym>& syms;
  Book& book;
  std::uint32_t file = 0;
  // A customer's lists as they are read, reused from one customer to the next.
  std::vector<Contact> contacts{};
  std::vector<Interaction> interactions{};
  std::vector<Survey> surveys{};

  Sym interned() {
    auto i = r.get<std::uint32_t>();
    if (i >= syms.size()) { r.ok = false; return Sym{}; }
    return syms[i];
  }
  /// Text written inline, kept as free text (StringPool::store_text).
  Sym stored() { return inline_text(&StringPool::store_text); }
  /// A deal's id, written inline: ids never repeat.
  Sym stored_id() { return inline_text(&StringPool::store); }
  Sym inline_text(Sym (StringPool::*keep)(std::string_view)) {
    auto n = r.get<std::uint32_t>();
    if (n == 0) return Sym{};
    std::string_view text = r.bytes(n - 1);
    return r.ok ? (book.strings.*keep)(text) : Sym{};
  }
  Day day() {
    auto raw = r.get<std::int32_t>();
    return raw == INT32_MIN ? Day{} : Day{Date{std::chrono::days{raw}}};
  }
  std::uint8_t stage() {
    auto s = r.get<std::uint8_t>();
    if (s >= book.config.stages.size()) r.ok = false;
    return s;
  }

  void decode(Deal& d) {
    d.id = stored_id();
    d.customer = interned(); d.owner = interned();
    d.title = stored();
    d.product = interned(); d.lost_reason = interned();
    d.amount.cents = r.get<std::int64_t>();
    d.opened = day(); d.expected_close = day(); d.closed = day();
    d.stage = stage();
    d.has_amount = r.get<std::uint8_t>() != 0;
    if (std::string_view code = r.str(); r.ok && !code.empty()) {
      auto slot = book.currency_slot(code);
      if (slot && *slot != 0) d.currency = *slot;
      else r.ok = false;
    }
    d.at = r.mark(file);
    d.history_begin = static_cast<std::uint32_t>(book.history.size());
    d.history_count = r.get<std::uint16_t>();
    for (std::uint32_t h = 0; h < d.history_count && r.ok; ++h) {
      Day date = day();
      std::uint8_t s = stage();
      if (!date || !StageChange::fits(*date)) r.ok = false;
      if (r.ok) book.history.emplace_back(*date, s);
    }
  }

  void decode(Customer& c) {
    c.id = interned();
    c.name = stored();
    for (Sym* s : {&c.owner, &c.tier, &c.segment, &c.industry, &c.region, &c.source}) *s = interned();
    c.since = day();
    c.at = r.mark(file);
    std::uint32_t n = r.count(16);
    contacts.clear();
    for (contacts.reserve(n); n > 0 && r.ok; --n) {
      Contact& k = contacts.emplace_back();
      for (Sym* s : {&k.name, &k.title, &k.phone, &k.email}) *s = stored();
    }
    n = r.count(25);
    interactions.clear();
    for (interactions.reserve(n); n > 0 && r.ok; --n) {
      Interaction& i = interactions.emplace_back();
      i.date = day();
      auto type = r.get<std::uint8_t>();
      if (type > static_cast<std::uint8_t>(InteractionType::care)) r.ok = false;
      i.type = static_cast<InteractionType>(type);
      i.by = interned(); i.summary = stored(); i.next = day(); i.place(r.mark(file));
    }
    n = r.count(18);
    surveys.clear();
    for (surveys.reserve(n); n > 0 && r.ok; --n) {
      Survey& s = surveys.emplace_back();
      s.date = day(); s.csat = r.get<std::int8_t>(); s.nps = r.get<std::int8_t>(); s.comment = stored();
      s.place(r.mark(file));
    }
    c.lists = CustomerLists(contacts, interactions, surveys);
  }
};

template <class Rec>
std::vector<Rec>& records_of(Book& b) {
  if constexpr (std::is_same_v<Rec, Deal>) return b.deals; else return b.customers;
}
template <class Rec>
const std::vector<Rec>& records_of(const Book& b) {
  if constexpr (std::is_same_v<Rec, Deal>) return b.deals; else return b.customers;
}

/// A diagnostic, with its file when `with_file` (an entry's own diagnostics name its file);
/// a repeated one with its group, count, wording and kept locations.
inline void encode(const Diagnostic& d, Writer& w, bool with_file) {
  auto location = [&](const Location& l) {
    if (with_file) w.str(l.file);
    w.put(l.line); w.put(l.column); w.put(l.length);
  };
  w.put(static_cast<std::uint8_t>(d.severity));
  w.str(d.rule);
  location(d.where);
  w.str(d.message);
  w.str(d.hint);
  w.str(d.group);
  if (d.group.empty()) return;
  w.put(static_cast<std::uint64_t>(d.count));
  w.str(d.subject);
  w.str(d.plural);
  w.put(static_cast<std::uint32_t>(d.also.size()));
  for (const Location& l : d.also) location(l);
}

/// Reads what encode(Diagnostic) wrote; `file` when it was written without one.
inline Diagnostic decode_diagnostic(Reader& r, const std::string* file) {
  Diagnostic d;
  auto location = [&](Location& l) {
    l.file = file ? *file : std::string(r.str());
    l.line = r.get<std::uint32_t>(); l.column = r.get<std::uint32_t>(); l.length = r.get<std::uint32_t>();
  };
  auto severity = r.get<std::uint8_t>();
  if (severity > static_cast<std::uint8_t>(Severity::warning)) r.ok = false;
  d.severity = static_cast<Severity>(severity);
  d.rule = r.str();
  location(d.where);
  d.message = r.str();
  d.hint = r.str();
  d.group = r.str();
  if (d.group.empty()) return d;
  d.count = r.get<std::uint64_t>();
  d.subject = r.str();
  d.plural = r.str();
  std::uint32_t n = r.count(file ? 12 : 16);
  // The count covers the first location and those kept besides it, and adds up without
  // overflow over any book's files.
  if (d.count <= n || d.count > (std::uint64_t{1} << 48)) r.ok = false;
  for (d.also.reserve(n); n > 0 && r.ok; --n) location(d.also.emplace_back());
  return d;
}

}  // namespace salesops::core::codec
