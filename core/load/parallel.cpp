#include "core/load/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/base/i18n.hpp"
#include "core/load/cache.hpp"


namespace salesops::core {

namespace {

template <class Rec>
std::vector<Rec>& codec_records(Book& b) {
  if constexpr (std::is_same_v<Rec, Deal>) return b.deals; else return b.customers;
}

/// Copies text from a shard's pool into the book's: interned text is interned again (equal
/// Syms keep meaning equal text), stored text is stored.
class SymRemap {
 public:
  SymRemap(const StringPool& from, StringPool& to) : from_(from), to_(to) {}
  /// A deal's id, which the loader stored: copied without a look-up.
  Sym id(Sym s) { return s.empty() ? s : to_.store(from_.view(s)); }
  /// Free text the loader stored: stored again as free text (StringPool::store_text).
  Sym text(Sym s) { return s.empty() ? s : to_.store_text(from_.view(s)); }
  Sym operator()(Sym s) {
    if (s.empty()) return s;
    if (auto it = interned_.find(s.v); it != interned_.end()) return it->second;
    std::string_view text = from_.view(s);
    if (from_.find(text) == s) return interned_.emplace(s.v, to_.intern(text)).first->second;
    return to_.store(text);
  }

 private:
  const StringPool& from_;
  StringPool& to_;
  std::unordered_map<std::uint32_t, Sym> interned_;
};

void remap(Deal& d, SymRemap& m) {
  // load/deals.cpp stores ids and titles, and interns the rest.
  d.id = m.id(d.id);
  d.title = m.text(d.title);
  for (Sym* s : {&d.customer, &d.owner, &d.product, &d.lost_reason}) *s = m(*s);
}

void remap(Customer& c, SymRemap& m) {
  // load/customers.cpp stores names, contacts, summaries and comments, and interns the rest.
  c.name = m.text(c.name);
  for (Sym* s : {&c.id, &c.owner, &c.tier, &c.segment, &c.industry, &c.region, &c.source}) *s = m(*s);
  for (Contact& k : c.lists.contacts()) for (Sym* s : {&k.name, &k.title, &k.phone, &k.email}) *s = m.text(*s);
  for (Interaction& i : c.lists.interactions()) { i.by = m(i.by); i.summary = m.text(i.summary); }
  for (Survey& s : c.lists.surveys()) s.comment = m.text(s.comment);
}

/// The ids a kind's merge has met, in eight bits each (a Bloom filter with three probes): an
/// id it has not met is new for certain; one it may have met is checked once every file is
/// merged (KindLoader::drop_repeated). The book's id index, four bytes a slot with half of
/// them empty, is then not built while the records are read.
class SeenIds {
 public:
  /// Adds `id`, the book's `count`-th, the ones before it being `id_at(0)` to `id_at(count - 1)`;
  /// true when it may have been added before.
  template <class IdAt>
  bool add(std::string_view id, std::size_t count, IdAt&& id_at) {
    if (count >= capacity_) grow(count, id_at);
    return test_and_set(std::hash<std::string_view>{}(id));
  }

 private:
  static constexpr std::size_t kBitsPerId = 8;

  bool test_and_set(std::uint64_t h) {
    const std::uint64_t mask = words_.size() * 64 - 1, step = (h >> 32) | 1;
    bool all = true;
    for (int k = 0; k < 3; ++k, h += step) {
      std::uint64_t& word = words_[(h & mask) >> 6];
      const std::uint64_t bit = std::uint64_t{1} << (h & 63);
      all = all && (word & bit) != 0;
      word |= bit;
    }
    return all;
  }
  template <class IdAt>
  void grow(std::size_t count, IdAt& id_at) {
    capacity_ = std::max<std::size_t>(capacity_, 4096);
    while (capacity_ <= count) capacity_ *= 2;
    words_.assign(capacity_ * kBitsPerId / 64, 0);
    for (std::size_t i = 0; i < count; ++i) test_and_set(std::hash<std::string_view>{}(id_at(i)));
  }

  std::vector<std::uint64_t> words_;
  std::size_t capacity_ = 0;
};

void distinct(std::vector<std::pair<RefKind, Sym>>& refs) {
  auto key = [](const std::pair<RefKind, Sym>& r) { return std::pair(r.first, r.second.v); };
  std::sort(refs.begin(), refs.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
  refs.erase(std::unique(refs.begin(), refs.end(), [&](auto& a, auto& b) { return key(a) == key(b); }), refs.end());
}

class KindLoader {
 public:
  KindLoader(ParallelKind kind, const std::vector<std::string>& files, BookSource& source, bool directory,
             LoadContext& ctx, RecordCache* cache)
      : kind_(kind), files_(files), source_(source), directory_(directory), ctx_(ctx), cache_(cache) {}

  void run(unsigned threads, std::size_t& files_read);
  /// Puts the records of the files a pack left out (`delta`, see load_pack) in their place,
  /// read from their entries or parsed; the kind's files start at `files_begin` in the
  /// book. False, having added nothing to the book but text, when a file has a problem or
  /// is not read in full, or an id is repeated: the entries then read the kind and say so.
  bool apply_delta(const PackDelta& delta, std::size_t files_begin, std::int64_t started_ns);

 private:
  std::unique_ptr<Shard> read_batch(std::size_t begin, std::size_t end);
  std::unique_ptr<Shard> read_listed(const std::vector<std::size_t>& which);
  template <class Rec>
  bool splice(Shard& s, const PackDelta& delta, std::size_t files_begin, SymRemap& remap);
  void read_file(const std::string& rel, Shard& shard, LoadContext& wctx);
  std::size_t record_count(const Shard& s) const {
    return kind_ == ParallelKind::deals ? s.book.deals.size() : s.book.customers.size();
  }
  void merge(Shard& shard, std::size_t& files_read);
  /// Of the records whose ids the merge may have met before (maybe_), drops those whose id
  /// an earlier record has, each reported at its id.
  template <class Rec>
  void drop_repeated();
  void reserve(std::size_t batches);
  template <class Rec>
  void merge_records(Shard& s, const FileOutcome& o, std::uint32_t file, SymRemap& remap);
  void unread() {
    packable_ = false;
    if (kind_ == ParallelKind::customers) ctx_.mark_partial(RefKind::customer);
  }
  /// Writes the kind's pack when this load can be one (see cache.hpp).
  void store_pack(std::size_t records_before, std::size_t pending_before);

  ParallelKind kind_;
  const std::vector<std::string>& files_;
  BookSource& source_;
  bool directory_;
  LoadContext& ctx_;
  RecordCache* cache_;
  std::mutex read_mutex_;
  const RefSnapshot* snapshot_ = nullptr;
  std::array<bool, static_cast<std::size_t>(RefKind::count)> loaded_{}, partial_{};
  bool packable_ = true;
  /// Whether files parsed get their entries: always for the few changed files of a delta;
  /// for a full load, as the cache wants (entries_wanted), and for a file changed within
  /// the second before it (RecordCache::unsettled).
  bool store_entries_ = true;
  PackSource pack_;
  SeenIds seen_;
  struct MaybeRepeated {
    std::uint32_t position;  // in the book's records
    Mark id_at;
  };
  std::vector<MaybeRepeated> maybe_;
};

void KindLoader::read_file(const std::string& rel, Shard& s, LoadContext& wctx) {
  FileOutcome o;
  o.rel = rel;
  s.diags.set_group_floor();  // a file's repeated findings are counted apart (its cache entry keeps them)
  o.diags_begin = o.diags_end = static_cast<std::uint32_t>(s.diags.items().size());
  auto file = static_cast<std::uint32_t>(s.book.files.size());
  o.records_begin = o.records_end = static_cast<std::uint32_t>(record_count(s));
  std::string error;
  std::optional<FileText> text;
  std::optional<CacheKey> key;
  if (cache_ && cache_->by_blob()) {
    // A git revision's file: its entry is found by its blob id, so it is not read at all.
    if (auto oid = source_.blob_id(rel)) key = RecordCache::blob_key(rel, *oid);
    if (key && cache_->load(*key, kind_, s, o, wctx)) o.cached = true;
  } else if (cache_ && cache_->load_unchanged(rel, kind_, s, o, wctx)) {
    o.cached = true;
  }
  if (!o.cached && directory_) {
    text = source_.read_text(rel, &error);
  } else if (!o.cached) {
    std::lock_guard<std::mutex> lock(read_mutex_);  // a non-directory source may not be thread-safe
    text = source_.read_text(rel, &error);
  }
  if (!o.cached && !text) {
    o.read_failed = true;
    o.read_error = error;
    s.files.push_back(std::move(o));
    return;
  }
  if (cache_ && !o.cached && !cache_->by_blob()) {
    key = cache_->key(rel, text->view());
    text->release_before(text->view().size());
  }
  if (key) o.key = key;
  if (key && !o.cached && !cache_->by_blob() && cache_->load(*key, kind_, s, o, wctx)) {
    o.cached = true;
  } else if (!o.cached && precheck_record_text(text->view(), rel, s.diags, &*text)) {
    o.parsed = true;
    s.book.files.push_back(rel);
    // Duplicates within the file are found here; across files, when the shards are merged.
    s.book.deal_index.clear();
    s.book.customer_index.clear();
    YamlReader reader(text->view(), file, s.book.files.back(), s.diags, &*text);
    // Without a cache no entry keeps the references: those that resolve need not wait.
    if (!cache_) wctx.drop_found = loaded_;
    if (kind_ == ParallelKind::deals) load_deal_file(reader, wctx);
    else load_customer_file(reader, wctx);
    wctx.drop_found = {};
    reader.finish_document();
    o.partial = reader.partial();
    o.records_end = static_cast<std::uint32_t>(record_count(s));
    o.diags_end = static_cast<std::uint32_t>(s.diags.items().size());
    if (key && !text->torn() && (store_entries_ || RecordCache::unsettled(*key, pack_.started_ns)))
      cache_->store(*key, kind_, s, o, wctx.pending);
  }
  if (text && text->torn()) {
    // Another program cut the file short while it was read: what was read is not the file.
    o.read_failed = true;
    o.read_error = N_("the file changed while it was read: run the command again");
    s.files.push_back(std::move(o));
    wctx.pending.clear();
    return;
  }
  // Every reference was left pending while the file was read (so the cache can keep them);
  // those to loaded kinds are checked now, against the book.
  std::vector<PendingRef> refs = std::move(wctx.pending);
  wctx.pending.clear();
  if (cache_) for (const PendingRef& p : refs) s.refs_made.emplace_back(p.kind, p.value);
  wctx.loaded = loaded_;
  for (auto& p : refs) wctx.ref(p.kind, p.value, p.at, p.length, p.field);
  wctx.loaded = {};
  o.pending_begin = static_cast<std::uint32_t>(s.pending.size());
  s.pending.insert(s.pending.end(), wctx.pending.begin(), wctx.pending.end());
  wctx.pending.clear();
  o.pending_end = static_cast<std::uint32_t>(s.pending.size());
  o.diags_end = static_cast<std::uint32_t>(s.diags.items().size());
  s.files.push_back(std::move(o));
}

std::unique_ptr<Shard> KindLoader::read_batch(std::size_t begin, std::size_t end) {
  std::vector<std::size_t> which(end - begin);
  for (std::size_t i = begin; i < end; ++i) which[i - begin] = i;
  return read_listed(which);
}

std::unique_ptr<Shard> KindLoader::read_listed(const std::vector<std::size_t>& which) {
  auto shard = std::make_unique<Shard>();
  shard->book.config = ctx_.book.config;
  shard->diags.keep_all_locations(ctx_.diags.all_locations());
  LoadContext wctx{shard->book, shard->diags};
  wctx.partial = partial_;
  wctx.lookup = snapshot_;
  wctx.id_marks = &shard->id_marks;
  for (std::size_t i : which) read_file(files_[i], *shard, wctx);
  distinct(shard->refs_made);
  return shard;
}

template <class Rec>
bool KindLoader::splice(Shard& s, const PackDelta& delta, std::size_t files_begin, SymRemap& remap) {
  Book& b = ctx_.book;
  constexpr bool deals = std::is_same_v<Rec, Deal>;
  std::vector<Rec>& from = codec_records<Rec>(s.book);
  std::vector<Rec>& to = codec_records<Rec>(b);
  for (std::size_t k = 0; k < delta.changed.size(); ++k) {
    const FileOutcome& o = s.files[k];
    const auto file = static_cast<std::uint32_t>(files_begin + delta.changed[k]);
    std::vector<Rec> recs;
    recs.reserve(o.records_end - o.records_begin);
    for (std::uint32_t j = o.records_begin; j < o.records_end; ++j) {
      Rec& rec = recs.emplace_back(std::move(from[j]));
      rec.at.file = file;
      salesops::core::remap(rec, remap);
      if constexpr (deals) {
        if (rec.currency != 0) {
          auto slot = b.currency_slot(s.book.currencies[rec.currency - 1u]);
          if (!slot) return false;
          rec.currency = *slot;
        }
        // Its stage changes go after the book's: a deal knows where its own are.
        auto begin = s.book.history.begin() + rec.history_begin;
        rec.history_begin = static_cast<std::uint32_t>(b.history.size());
        b.history.insert(b.history.end(), begin, begin + rec.history_count);
      }
    }
    // The records are in file order: the file's go before the first of a later file.
    auto at = std::partition_point(to.begin(), to.end(), [&](const Rec& r) { return r.at.file < file; });
    to.insert(at, std::make_move_iterator(recs.begin()), std::make_move_iterator(recs.end()));
  }
  IdIndex& index = deals ? b.deal_index : b.customer_index;
  return index.assign(to.size(), [&](std::uint32_t p) { return b.text(to[p].id); });
}

bool KindLoader::apply_delta(const PackDelta& delta, std::size_t files_begin, std::int64_t started_ns) {
  RefSnapshot snapshot(ctx_.book);
  snapshot_ = &snapshot;
  loaded_ = ctx_.loaded;
  partial_ = ctx_.partial;
  std::unique_ptr<Shard> shard = read_listed(delta.changed);
  Shard& s = *shard;
  snapshot_ = nullptr;
  if (!s.diags.items().empty()) return false;
  for (const FileOutcome& o : s.files)
    if (o.read_failed || o.partial || (!o.parsed && !o.cached)) return false;
  SymRemap remap(s.book.strings, ctx_.book.strings);
  if (!(kind_ == ParallelKind::deals ? splice<Deal>(s, delta, files_begin, remap)
                                     : splice<Customer>(s, delta, files_begin, remap)))
    return false;
  // References to kinds not loaded yet, as a merge leaves them.
  std::size_t changed_records = 0;
  for (std::size_t k = 0; k < delta.changed.size(); ++k) {
    const FileOutcome& o = s.files[k];
    changed_records += o.records_end - o.records_begin;
    for (std::uint32_t p = o.pending_begin; p < o.pending_end; ++p) {
      PendingRef ref = s.pending[p];
      ref.at.file = static_cast<std::uint32_t>(files_begin + delta.changed[k]);
      ctx_.ref(ref.kind, remap(ref.value), ref.at, ref.length, ref.field);
    }
  }
  // Many changes since the pack: a new one, from the book as it now is.
  const std::size_t records = kind_ == ParallelKind::deals ? ctx_.book.deals.size() : ctx_.book.customers.size();
  if (delta.changed.size() < PackDelta::kRewriteAt && changed_records * 4 < records) return true;
  pack_.files = delta.files;
  for (std::size_t k = 0; k < delta.changed.size(); ++k) {
    if (!s.files[k].key) return true;
    pack_.files[delta.changed[k]] = *s.files[k].key;
  }
  pack_.refs = delta.refs;
  for (auto [kind, value] : s.refs_made) pack_.refs.emplace_back(kind, remap(value));
  distinct(pack_.refs);
  pack_.files_begin = files_begin;
  pack_.diags_begin = ctx_.diags.items().size();
  pack_.started_ns = started_ns;
  if (cache_->store_pack(kind_, pack_, ctx_) == PackWrite::written) cache_->note_packed(kind_, true);
  return true;
}

template <class Rec>
void KindLoader::merge_records(Shard& s, const FileOutcome& o, std::uint32_t file, SymRemap& remap) {
  Book& b = ctx_.book;
  constexpr bool deals = std::is_same_v<Rec, Deal>;
  std::vector<Rec>& from = [&]() -> std::vector<Rec>& {
    if constexpr (deals) return s.book.deals; else return s.book.customers;
  }();
  std::vector<Rec>& to = [&]() -> std::vector<Rec>& {
    if constexpr (deals) return b.deals; else return b.customers;
  }();
  for (std::uint32_t j = o.records_begin; j < o.records_end; ++j) {
    Rec rec = std::move(from[j]);
    rec.at.file = file;
    salesops::core::remap(rec, remap);
    if constexpr (deals) {
      // The shard numbers its currencies as it meets them; the book keeps its own list.
      if (rec.currency != 0) {
        auto slot = b.currency_slot(s.book.currencies[rec.currency - 1u]);
        if (!slot) {
          ctx_.diags.error("deal-currency", b.location(rec.at),
                           N_("a book's deals name at most 127 currencies besides its own"));
          continue;
        }
        rec.currency = *slot;
      }
    }
    // Ids repeated within a file were dropped as it was read; across files, once all are merged.
    const auto pos = static_cast<std::uint32_t>(to.size());
    if (seen_.add(b.text(rec.id), pos, [&](std::size_t i) { return b.text(to[i].id); })) {
      Mark id_at = s.id_marks[j];
      id_at.file = file;
      maybe_.push_back({pos, id_at});
    }
    if constexpr (deals) {
      auto begin = s.book.history.begin() + rec.history_begin;
      rec.history_begin = static_cast<std::uint32_t>(b.history.size());
      b.history.insert(b.history.end(), begin, begin + rec.history_count);
    }
    to.push_back(std::move(rec));
  }
}

void KindLoader::merge(Shard& s, std::size_t& files_read) {
  Book& b = ctx_.book;
  SymRemap remap(s.book.strings, b.strings);
  auto& items = s.diags.items();
  for (const FileOutcome& o : s.files) {
    if (o.read_failed) {
      ctx_.diags.error("book-read", {o.rel, 0, 0, 1}, o.read_error);
      unread();
      continue;
    }
    ++files_read;
    for (std::uint32_t d = o.diags_begin; d < o.diags_end; ++d) ctx_.diags.add(std::move(items[d]));
    if (!o.parsed && !o.cached) {
      unread();
      continue;
    }
    if (o.partial || !o.key) packable_ = false;
    else pack_.files.push_back(*o.key);
    auto file = static_cast<std::uint32_t>(b.files.size());
    b.files.push_back(o.rel);
    if (kind_ == ParallelKind::deals) merge_records<Deal>(s, o, file, remap);
    else merge_records<Customer>(s, o, file, remap);
    for (std::uint32_t p = o.pending_begin; p < o.pending_end; ++p) {
      PendingRef ref = s.pending[p];
      ref.at.file = file;
      ctx_.ref(ref.kind, remap(ref.value), ref.at, ref.length, ref.field);
    }
    if (o.partial) unread();
  }
  if (packable_)
    for (auto [kind, value] : s.refs_made) pack_.refs.emplace_back(kind, remap(value));
}

template <class Rec>
void KindLoader::drop_repeated() {
  if (maybe_.empty()) return;
  Book& b = ctx_.book;
  std::vector<Rec>& records = codec_records<Rec>(b);
  auto id_of = [&](std::uint32_t p) { return b.text(records[p].id); };
  // The first record of each id that may repeat: the first position met in book order.
  IdIndex candidates;
  for (const MaybeRepeated& m : maybe_) candidates.insert(id_of(m.position), m.position, id_of);
  IdIndex firsts;
  for (std::uint32_t p = 0; p < records.size(); ++p)
    if (candidates.find(id_of(p), id_of)) firsts.insert(id_of(p), p, id_of);
  std::vector<std::uint32_t> dropped;
  for (const MaybeRepeated& m : maybe_) {
    std::string_view id = id_of(m.position);
    const std::uint32_t at = *firsts.find(id, id_of);
    if (at == m.position) continue;
    const Mark f = records[at].at;
    ctx_.diags.error("duplicate-id", b.location(m.id_at, columns(id)),
                     fmt::format(N_("{} id '{}' is already used at {}:{}:{}"),
                                 std::is_same_v<Rec, Deal> ? "deal" : "customer", id, b.files[f.file], f.line, f.column));
    dropped.push_back(m.position);
  }
  std::vector<MaybeRepeated>().swap(maybe_);
  if (dropped.empty()) return;
  // A dropped deal's stage changes stay in Book::history, reached by no deal.
  std::size_t kept = dropped.front();
  for (std::size_t p = dropped.front(), k = 0; p < records.size(); ++p) {
    if (k < dropped.size() && dropped[k] == p) {
      ++k;
      continue;
    }
    records[kept++] = std::move(records[p]);
  }
  records.resize(kept);
}

void KindLoader::store_pack(std::size_t records_before, std::size_t pending_before) {
  // A pack holds the kind's records from the first and no reference left for later kinds.
  if (!packable_ || records_before != 0 || ctx_.pending.size() != pending_before)
    return cache_->note_packed(kind_, false);
  distinct(pack_.refs);
  PackWrite w = cache_->store_pack(kind_, pack_, ctx_);
  // A change within the second before the load, or a failed write, says nothing of the next load.
  if (w == PackWrite::written || w == PackWrite::impossible) cache_->note_packed(kind_, w == PackWrite::written);
}

void KindLoader::run(unsigned threads, std::size_t& files_read) {
  std::size_t n = files_.size();
  if (n == 0) return;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Batches of contiguous files: several per worker so the work evens out, few enough
  // that a batch's shard is worth its setup.
  std::size_t per_batch = std::clamp<std::size_t>(n / (threads * 8), 1, 512);
  std::size_t batches = (n + per_batch - 1) / per_batch;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, batches));
  RefSnapshot snapshot(ctx_.book);
  snapshot_ = &snapshot;
  std::size_t records_before = kind_ == ParallelKind::deals ? ctx_.book.deals.size() : ctx_.book.customers.size();
  std::size_t pending_before = ctx_.pending.size();
  pack_.files_begin = ctx_.book.files.size();
  pack_.diags_begin = ctx_.diags.items().size();
  ctx_.diags.set_group_floor();  // the kind's findings are counted among themselves, as its pack keeps them
  if (cache_) pack_.started_ns = RecordCache::now_ns();
  if (cache_) store_entries_ = cache_->entries_wanted(kind_);
  loaded_ = ctx_.loaded;
  partial_ = ctx_.partial;

  // Workers parse batches in any order; this thread parses too, and merges the batches into
  // the book in order as soon as each is ready, so few shards are alive at once. Workers
  // read only the snapshot and their own shard while the book grows.
  std::vector<std::unique_ptr<Shard>> shards(batches);
  std::vector<char> ready(batches, 0);
  std::mutex mutex;
  std::condition_variable cv;
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  // At most `window` batches are parsed ahead of the merge, so shards cannot pile up when
  // the merge is the slower side (records read back from the cache).
  std::size_t merged = 0, window = 4 * static_cast<std::size_t>(threads);
  auto parse_next = [&](bool wait) -> bool {
    std::size_t i = next.fetch_add(1);
    if (i >= batches) return false;
    if (wait) {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return i < merged + window || failure; });
      if (failure) return false;
    }
    auto shard = read_batch(i * per_batch, std::min(n, (i + 1) * per_batch));
    std::lock_guard<std::mutex> lock(mutex);
    shards[i] = std::move(shard);
    ready[i] = 1;
    cv.notify_all();
    return true;
  };
  auto fail = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    if (!failure) failure = std::current_exception();
    next = batches;
    cv.notify_all();
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&] {
      try {
        while (parse_next(true)) {}
      } catch (...) {
        fail();
      }
    });
  try {
    while (merged < batches) {
      std::unique_ptr<Shard> shard;
      {
        std::unique_lock<std::mutex> lock(mutex);
        if (failure) break;
        if (ready[merged]) shard = std::move(shards[merged]);
      }
      if (shard) {
        merge(*shard, files_read);
        if (merged == 0) reserve(batches);
        shard.reset();  // its memory goes back before the next one is merged
        std::lock_guard<std::mutex> lock(mutex);
        ++merged;
        cv.notify_all();
        continue;
      }
      // This thread parses only within the window, so it never waits on itself.
      if (next.load() < merged + window && parse_next(false)) continue;
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return ready[merged] || failure; });
    }
  } catch (...) {
    fail();
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (kind_ == ParallelKind::deals) drop_repeated<Deal>();
  else drop_repeated<Customer>();
  if (cache_) store_pack(records_before, pending_before);
}

void KindLoader::reserve(std::size_t batches) {
  // Room for every batch as large as the first, twice over: pages never written are never
  // resident, and the book's vectors then grow without copying.
  Book& b = ctx_.book;
  std::size_t scale = 2 * batches;
  if (kind_ == ParallelKind::deals) {
    b.deals.reserve(b.deals.size() * scale);
    b.history.reserve(b.history.size() * scale);
  } else {
    b.customers.reserve(b.customers.size() * scale);
  }
}

}  // namespace

void load_kind_parallel(ParallelKind kind, const std::vector<std::string>& files, BookSource& source, bool directory,
                        LoadContext& ctx, const LoadOptions& options, RecordCache* cache, std::size_t& files_read) {
  ctx.diags.set_group_floor();
  Book& b = ctx.book;
  const std::size_t files_begin = b.files.size(), history_begin = b.history.size(),
                    diags_begin = ctx.diags.items().size(), pending_begin = ctx.pending.size();
  PackDelta delta;
  const std::int64_t started_ns = cache ? RecordCache::now_ns() : 0;
  // The pack, and when a few files changed since (a write), theirs read apart and put in
  // place: the first load after a write costs the pack and the changed files.
  if (cache && cache->load_pack(kind, files, ctx, &delta, options.threads)) {
    if (delta.changed.empty() ||
        KindLoader(kind, files, source, directory, ctx, cache).apply_delta(delta, files_begin, started_ns)) {
      files_read += files.size();
      return;
    }
    b.files.resize(files_begin);
    b.history.resize(history_begin);
    if (kind == ParallelKind::deals) b.deals.clear(), b.deal_index.clear();
    else b.customers.clear(), b.customer_index.clear();
    ctx.diags.items().resize(diags_begin);
    ctx.pending.resize(pending_begin);
  }
  KindLoader(kind, files, source, directory, ctx, cache).run(options.threads, files_read);
}

}  // namespace salesops::core
