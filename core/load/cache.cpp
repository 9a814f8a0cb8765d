#include "core/load/cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstring>
#include <ctime>

#include "core/load/codec.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

/// Bumped whenever the entry layout or what a loader records changes.
constexpr std::uint32_t kFormat = 6;
constexpr char kMagic[8] = {'s', 'o', 'p', 's', 'r', 'e', 'c', '\n'};
/// The fields whose references a cached file makes (PendingRef::field must be a literal).
constexpr const char* kRefFields[] = {"customer", "owner", "by"};

using codec::Reader;
using codec::Writer;

template <class Rec>
void encode_records(const Shard& s, const FileOutcome& o, codec::StringTable& t, Writer& w) {
  const auto& recs = codec::records_of<Rec>(s.book);
  codec::Encoder enc{w, t, s.book};
  w.put(o.records_end - o.records_begin);
  for (std::uint32_t j = o.records_begin; j < o.records_end; ++j) {
    w.mark(s.id_marks[j]);
    enc.encode(recs[j]);
  }
}

template <class Rec>
void decode_records(Reader& r, codec::Decoder& dec, Shard& s) {
  auto& recs = codec::records_of<Rec>(s.book);
  for (std::uint32_t n = r.count(32); n > 0 && r.ok; --n) {
    s.id_marks.push_back(r.mark(dec.file));
    dec.decode(recs.emplace_back());
  }
}

std::int64_t ns(const struct timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec; }

/// The whole file and its mtime (ns); "" when it cannot be read.
std::string read_all(const fs::path& p, std::int64_t& mtime_ns) {
  struct stat st;
  int fd = open_cache_file(p, &st);
  if (fd < 0) return {};
  std::string data;
  if (st.st_size > 0) {
    mtime_ns = ns(st.st_mtim);
    data.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < data.size()) {
      ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got != data.size()) data.clear();
  }
  ::close(fd);
  return data;
}


}  // namespace

int open_cache_file(const fs::path& path, struct stat* st) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  struct stat own;
  if (!st) st = &own;
  if (fd >= 0 && (::fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::uint64_t content_hash(std::string_view bytes) {
  constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
  std::uint64_t h = k1 ^ (bytes.size() * k2);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h ^= w * k2;
    h = ((h << 31) | (h >> 33)) * k1;
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h ^= tail * k2;
  h ^= h >> 33; h *= 0xFF51AFD7ED558CCDull; h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53ull; h ^= h >> 33;
  return h;
}

CacheKey RecordCache::stat_key(const std::string& rel, const struct stat& st) {
  return CacheKey{rel, static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                  static_cast<std::uint64_t>(st.st_ino), 0};
}

std::int64_t RecordCache::now_ns() {
  struct timespec t;
  ::clock_gettime(CLOCK_REALTIME_COARSE, &t);
  return ns(t);
}

RecordCache::RecordCache(const fs::path& book_root, std::string_view config_text, const BookSource* by_blob)
    : root_(book_root), dir_(book_root / ".salesops" / "cache"), config_hash_(content_hash(config_text)),
      blobs_(by_blob) {}

std::optional<CacheKey> RecordCache::blob_key(const std::string& rel, const std::string& oid) {
  if (oid.size() != 40 && oid.size() != 64) return std::nullopt;
  for (char c : oid)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  CacheKey key;
  key.rel = rel;
  key.hash = content_hash(rel);  // an entry's problems name its file: the path is part of the key
  key.blob = oid;
  return key;
}

fs::path RecordCache::entry_file(const CacheKey& key) const {
  // No record file's entry is named so: theirs are their escaped paths, under a folder.
  if (!key.blob.empty()) return dir_ / fmt::format("git-{}-{:016x}.rec", key.blob, key.hash);
  return path_of(key.rel);
}

fs::path RecordCache::path_of(const std::string& rel) const {
  std::string name;
  for (char c : rel) {
    if (c == '%') name += "%25";
    else if (c == '/') name += "%2F";
    else name += c;
  }
  return dir_ / (name + ".rec");
}

std::optional<CacheKey> RecordCache::key(const std::string& rel, std::string_view text) const {
  if (blobs_) return std::nullopt;
  struct stat st;
  if (::stat((root_ / rel).c_str(), &st) != 0 || static_cast<std::uint64_t>(st.st_size) != text.size()) return std::nullopt;
  CacheKey key = stat_key(rel, st);
  key.hash = content_hash(text);
  return key;
}

void RecordCache::store(const CacheKey& key, ParallelKind kind, const Shard& s, const FileOutcome& o,
                        const std::vector<PendingRef>& refs) const {
  const auto& items = s.diags.items();
  for (std::uint32_t i = o.diags_begin; i < o.diags_end; ++i)
    if (items[i].where.file != key.rel) return;  // only the file's own problems are its to keep
  codec::StringTable table(s.book.strings);
  Writer body;
  body.put(static_cast<std::uint8_t>(o.partial));
  body.put(o.diags_end - o.diags_begin);
  for (std::uint32_t i = o.diags_begin; i < o.diags_end; ++i) codec::encode(items[i], body, false);
  if (kind == ParallelKind::deals) encode_records<Deal>(s, o, table, body);
  else encode_records<Customer>(s, o, table, body);
  body.put(static_cast<std::uint32_t>(refs.size()));
  for (const PendingRef& p : refs) {
    body.put(static_cast<std::uint8_t>(p.kind)); body.put(table(p.value)); body.mark(p.at); body.put(p.length);
    body.str(p.field);
  }
  Writer entry;
  entry.out.append(kMagic, sizeof kMagic);
  entry.put(kFormat); entry.put(static_cast<std::uint8_t>(kind));
  entry.put(config_hash_); entry.put(key.size); entry.put(key.mtime_ns); entry.put(key.ctime_ns); entry.put(key.inode);
  entry.put(key.hash);
  std::string payload = table.out.out;
  payload += body.out;
  entry.put(static_cast<std::uint64_t>(payload.size()));
  entry.put(content_hash(payload));
  entry.put(static_cast<std::uint32_t>(table.out.out.size()));
  entry.out += payload;
  write_entry(key, entry.out);
}

DurableFile RecordCache::cache_file(const fs::path& target) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  DurableOptions how;
  how.sync = false;
  how.create_mode = 0644;
  return DurableFile(target, how);
}

void RecordCache::write_entry(const CacheKey& key, std::string_view bytes) const {
  DurableFile file = cache_file(entry_file(key));
  if (file.write(bytes)) file.commit();
}

void RecordCache::refresh_metadata(const CacheKey& key, std::string data) const {
  // The change time and inode follow the magic, format, kind, config hash, size and mtime.
  constexpr std::size_t at = sizeof kMagic + 4 + 1 + 8 * 3;
  if (data.size() < at + 16) return;
  std::memcpy(data.data() + at, &key.ctime_ns, 8);
  std::memcpy(data.data() + at + 8, &key.inode, 8);
  write_entry(key, data);
}

std::string RecordCache::entry_payload(const CacheKey& key, ParallelKind kind, bool by_metadata,
                                       std::uint32_t& table_size, std::string* stale_entry) const {
  std::int64_t written_ns = 0;
  std::string data = read_all(entry_file(key), written_ns);
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) return {};
  Reader head(std::string_view(data).substr(sizeof kMagic));
  if (head.get<std::uint32_t>() != kFormat || head.get<std::uint8_t>() != static_cast<std::uint8_t>(kind) ||
      head.get<std::uint64_t>() != config_hash_ || head.get<std::uint64_t>() != key.size ||
      head.get<std::int64_t>() != key.mtime_ns)
    return {};
  auto ctime_ns = head.get<std::int64_t>();
  auto inode = head.get<std::uint64_t>();
  auto hash = head.get<std::uint64_t>();
  // By metadata: the same change time and inode, and that change more than a second older
  // than the entry, so no write since could have left the change time as it was.
  if (by_metadata ? ctime_ns != key.ctime_ns || inode != key.inode || ctime_ns > written_ns - kSettledNs
                  : hash != key.hash)
    return {};
  if (stale_entry && (ctime_ns != key.ctime_ns || inode != key.inode)) *stale_entry = data;
  auto payload_size = head.get<std::uint64_t>();
  auto payload_hash = head.get<std::uint64_t>();
  table_size = head.get<std::uint32_t>();
  std::size_t header = sizeof kMagic + 4 + 1 + 8 * 8 + 4;
  if (!head.ok || data.size() - header != payload_size || table_size > payload_size) return {};
  if (content_hash(std::string_view(data).substr(header)) != payload_hash) return {};
  return data.substr(header);
}

bool RecordCache::load(const CacheKey& key, ParallelKind kind, Shard& s, FileOutcome& o, LoadContext& wctx) const {
  std::uint32_t table_size = 0;
  std::string stale;
  std::string payload = entry_payload(key, kind, false, table_size, &stale);
  if (payload.empty() || !decode(key.rel, payload, table_size, kind, s, o, wctx)) return false;
  // The same bytes under a new change time or inode (a checkout, a copy, a chmod): the entry
  // takes them, so that later loads know the file unchanged without reading it.
  if (!stale.empty()) refresh_metadata(key, std::move(stale));
  return true;
}

bool RecordCache::load_unchanged(const std::string& rel, ParallelKind kind, Shard& s, FileOutcome& o,
                                 LoadContext& wctx) const {
  if (blobs_) return false;  // a revision's files are not the working tree's
  struct stat st;
  if (::stat((root_ / rel).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::uint32_t table_size = 0;
  CacheKey key = stat_key(rel, st);
  std::string payload = entry_payload(key, kind, true, table_size);
  if (payload.empty() || !decode(rel, payload, table_size, kind, s, o, wctx)) return false;
  o.key = std::move(key);
  return true;
}

bool RecordCache::decode(const std::string& rel, std::string_view payload, std::uint32_t table_size, ParallelKind kind,
                         Shard& s, FileOutcome& o, LoadContext& wctx) const {
  // Roll back to here when the entry turns out malformed.
  Book& b = s.book;
  std::size_t deals = b.deals.size(), history = b.history.size(), customers = b.customers.size();
  std::size_t marks = s.id_marks.size(), diags = s.diags.items().size(), pending = wctx.pending.size();
  auto file = static_cast<std::uint32_t>(b.files.size());
  b.files.push_back(rel);

  std::vector<Sym> syms{Sym{}};
  Reader t(payload.substr(0, table_size));
  codec::read_table(t, b.strings, syms);
  Reader r(payload.substr(table_size));
  codec::Decoder dec{r, syms, b, file};
  bool partial = r.get<std::uint8_t>() != 0;
  for (std::uint32_t n = r.count(25); n > 0 && r.ok; --n) s.diags.add(codec::decode_diagnostic(r, &rel));
  o.records_begin = static_cast<std::uint32_t>(kind == ParallelKind::deals ? deals : customers);
  if (kind == ParallelKind::deals) decode_records<Deal>(r, dec, s);
  else decode_records<Customer>(r, dec, s);
  o.records_end = static_cast<std::uint32_t>(kind == ParallelKind::deals ? b.deals.size() : b.customers.size());
  for (std::uint32_t n = r.count(21); n > 0 && r.ok; --n) {
    auto ref_kind = r.get<std::uint8_t>();
    Sym value = dec.interned();
    Mark at = r.mark(file);
    auto length = r.get<std::uint32_t>();
    std::string_view field = r.str();
    const char* literal = nullptr;
    for (const char* f : kRefFields) if (field == f) literal = f;
    if (!literal || ref_kind >= static_cast<std::uint8_t>(RefKind::count)) { r.ok = false; break; }
    wctx.pending.push_back({static_cast<RefKind>(ref_kind), value, at, length, literal});
  }
  if (!t.done() || !r.done()) {
    b.deals.resize(deals); b.history.resize(history); b.customers.resize(customers);
    s.id_marks.resize(marks); s.diags.items().resize(diags); wctx.pending.resize(pending);
    b.files.pop_back();
    o.records_begin = o.records_end = static_cast<std::uint32_t>(kind == ParallelKind::deals ? deals : customers);
    return false;
  }
  o.partial = partial;
  return true;
}

}  // namespace salesops::core
