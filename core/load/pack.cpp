// A kind's pack (see cache.hpp): a header, then frames, each its size, its content
// hash and its bytes, read and checked one at a time so the pack is never whole in memory.
// A frame's first byte says what it holds; they come in this order:
//   files    the count of records and stage changes, then each file with its metadata
//   strings  string table entries (codec.hpp) first used by the frame after it
//   records  runs of one file's records: the file's number, the count, the records;
//            strings and records frames alternate, each records frame after the strings
//            frame (if any) that brings its new text
//   refs     each distinct reference: its kind and its text's number (after the strings
//            frame, if any, that brings text only references use)
//   diags    the problems the load reported, each with its file
//   end
// The id index is not kept: the book builds it when it first looks a record up.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>
#include <thread>

#include "core/base/i18n.hpp"
#include "core/load/cache.hpp"
#include "core/load/codec.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kPackFormat = 7;
constexpr char kPackMagic[8] = {'s', 'o', 'p', 's', 'p', 'a', 'c', 'k'};
enum class Frame : std::uint8_t { files = 1, strings, records, refs, diags, end = 7 };
/// Frames are cut at this size where records allow.
constexpr std::size_t kFrameBytes = 1 << 20;

using codec::Reader;
using codec::Writer;

/// The last of a file's four numbers in the files frame: its inode, or for a file of a git
/// revision (its other numbers 0) the hash of its blob id.
std::uint64_t identity(const CacheKey& k) { return k.blob.empty() ? k.inode : content_hash(k.blob); }


/// Reads frames from a file descriptor, each checked against its hash.
class FrameReader {
 public:
  explicit FrameReader(int fd) : fd_(fd) {
    struct stat st;
    left_ = ::fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }
  bool read_exact(char* to, std::size_t n) {
    if (n > left_) return false;
    for (std::size_t got = 0; got < n;) {
      ssize_t r = ::read(fd_, to + got, n - got);
      if (r <= 0) return false;
      got += static_cast<std::size_t>(r);
    }
    left_ -= n;
    return true;
  }
  /// The next frame's bytes after its type byte; false when there is none or it is damaged.
  bool next(std::uint8_t& type, std::string_view& body) {
    std::uint64_t head[2];
    if (!read_exact(reinterpret_cast<char*>(head), sizeof head) || head[0] == 0 || head[0] > left_) return false;
    buffer_.resize(head[0]);
    if (!read_exact(buffer_.data(), buffer_.size()) || content_hash(buffer_) != head[1]) return false;
    type = static_cast<std::uint8_t>(buffer_[0]);
    body = std::string_view(buffer_).substr(1);
    return true;
  }
  std::uint64_t left() const { return left_; }

 private:
  int fd_;
  std::uint64_t left_;
  std::string buffer_;
};

/// Writes frames to a file descriptor.
class FrameWriter {
 public:
  explicit FrameWriter(int fd) : fd_(fd) {}
  void raw(std::string_view bytes) {
    if (ok && ::write(fd_, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) ok = false;
  }
  /// Starts a frame of `type` in `w` (empty).
  static void begin(Writer& w, Frame type) { w.put(static_cast<std::uint8_t>(type)); }
  void frame(Writer& w) {
    std::uint64_t head[2] = {w.out.size(), content_hash(w.out)};
    raw(std::string_view(reinterpret_cast<const char*>(head), sizeof head));
    raw(w.out);
    w.out.clear();
  }
  bool ok = true;

 private:
  int fd_;
};

template <class Rec>
std::size_t history_of(const Book& b) {
  if constexpr (std::is_same_v<Rec, Deal>) return b.history.size(); else return 0;
}

template <class Rec, class B>
auto& index_of(B& b) {
  if constexpr (std::is_same_v<Rec, Deal>) return b.deal_index; else return b.customer_index;
}

/// The book as it was before the pack of a kind it held no records of was read into it,
/// to go back to when the pack fails.
template <class Rec>
struct Rollback {
  Book& b;
  Diagnostics& diags;
  std::size_t files = b.files.size(), history = b.history.size(), diag_count = diags.items().size();
  void operator()() {
    b.files.resize(files);
    codec::records_of<Rec>(b).clear();
    b.history.resize(history);
    index_of<Rec>(b).clear();
    diags.items().resize(diag_count);
  }
};

template <class Rec>
void write_pack(int fd, const PackSource& src, const LoadContext& ctx, std::uint8_t kind, std::uint64_t config_hash) {
  const Book& b = ctx.book;
  const auto& recs = codec::records_of<Rec>(b);
  FrameWriter out(fd);
  Writer w;
  w.out.append(kPackMagic, sizeof kPackMagic);
  w.put(kPackFormat); w.put(kind); w.put(config_hash);
  out.raw(w.out);
  w.out.clear();

  FrameWriter::begin(w, Frame::files);
  w.put(static_cast<std::uint64_t>(recs.size()));
  w.put(static_cast<std::uint64_t>(history_of<Rec>(b)));
  w.put(static_cast<std::uint32_t>(src.files.size()));
  for (const CacheKey& k : src.files) {
    w.str(k.rel);
    w.put(k.size); w.put(k.mtime_ns); w.put(k.ctime_ns); w.put(identity(k));
  }
  out.frame(w);

  // Records go into frames in one pass; before each records frame goes a strings frame
  // with the text its records brought to the table, so a reader always has their text.
  codec::StringTable table(b.strings);
  auto flush = [&] {
    if (!table.out.out.empty()) {
      Writer frame;
      FrameWriter::begin(frame, Frame::strings);
      frame.out += table.out.out;
      table.out.out.clear();
      out.frame(frame);
    }
    if (!w.out.empty()) out.frame(w);
  };
  // Runs of one file's records; a run's count is filled in when it ends.
  codec::Encoder enc{w, table, b};
  std::size_t count_at = 0;
  std::uint32_t run = 0;
  bool in_run = false;
  auto end_run = [&] {
    if (in_run) std::memcpy(w.out.data() + count_at, &run, sizeof run);
    in_run = false;
    run = 0;
  };
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const Rec& r = recs[i];
    if (!in_run || r.at.file != recs[i - 1].at.file) {
      end_run();
      if (w.out.empty()) FrameWriter::begin(w, Frame::records);
      in_run = true;
      w.put(static_cast<std::uint32_t>(r.at.file - src.files_begin));
      count_at = w.out.size();
      w.put(std::uint32_t{0});
    }
    enc.encode(r);
    ++run;
    if (w.out.size() + table.out.out.size() >= kFrameBytes) {
      end_run();
      flush();
    }
  }
  end_run();
  flush();

  FrameWriter::begin(w, Frame::refs);
  w.put(static_cast<std::uint32_t>(src.refs.size()));
  for (auto [kind_of, value] : src.refs) { w.put(static_cast<std::uint8_t>(kind_of)); w.put(table(value)); }
  flush();

  const auto& items = ctx.diags.items();
  for (std::size_t i = src.diags_begin; i < items.size(); ++i) {
    if (w.out.empty()) FrameWriter::begin(w, Frame::diags);
    codec::encode(items[i], w, true);
    if (w.out.size() >= kFrameBytes) out.frame(w);
  }
  if (!w.out.empty()) out.frame(w);

  FrameWriter::begin(w, Frame::end);
  out.frame(w);
  if (!out.ok) throw std::runtime_error(N_("write failed"));
}

/// Stats files of a book in order, each looked up from its directory, kept open while the
/// files are in it (a path lookup from the root costs more than the stat).
class DirectoryStat {
 public:
  explicit DirectoryStat(const fs::path& root) : root_(root) {}
  ~DirectoryStat() { if (fd_ >= 0) ::close(fd_); }
  DirectoryStat(const DirectoryStat&) = delete;
  DirectoryStat& operator=(const DirectoryStat&) = delete;
  bool stat(const std::string& rel, struct stat& st) {
    auto slash = rel.rfind('/');
    std::string_view dir = slash == std::string::npos ? std::string_view{} : std::string_view(rel).substr(0, slash);
    if (fd_ < 0 || dir != dir_) {
      if (fd_ >= 0) ::close(fd_);
      dir_ = dir;
      fd_ = ::open((root_ / dir_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd_ < 0) return false;
    }
    return ::fstatat(fd_, rel.c_str() + (slash == std::string::npos ? 0 : slash + 1), &st, 0) == 0;
  }

 private:
  fs::path root_;
  std::string dir_;
  int fd_ = -1;
};

}  // namespace

std::vector<std::optional<CacheKey>> RecordCache::stat_keys(const fs::path& root, const std::vector<std::string>& files,
                                                            unsigned threads) {
  std::vector<std::optional<CacheKey>> keys(files.size());
  auto run = [&](std::size_t begin, std::size_t end) {
    DirectoryStat dirs(root);
    struct stat st;
    for (std::size_t i = begin; i < end; ++i)
      if (dirs.stat(files[i], st) && S_ISREG(st.st_mode)) keys[i] = RecordCache::stat_key(files[i], st);
  };
  constexpr std::size_t kPerThread = 4096;  // fewer files are not worth a thread
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t n = files.size(), parts = std::clamp<std::size_t>(n / kPerThread, 1, threads);
  {
    std::vector<std::jthread> helpers;  // joined when they go, whatever happens
    for (std::size_t t = 1; t < parts; ++t) helpers.emplace_back(run, n * t / parts, n * (t + 1) / parts);
    run(0, n / parts);
  }
  return keys;
}

namespace {

/// A git revision's files of a kind: each one's key (blob_key) and identity in a pack.
struct RevisionFiles {
  std::vector<CacheKey> keys;
  std::vector<std::uint64_t> ids;
};

/// Checks that `files` are the pack's files, unchanged (or, with `delta`, a few of them
/// changed), and adds them to the book. `revision`: the files are a git revision's.
bool read_files(Reader& r, const std::vector<std::string>& files, const fs::path& root, const RevisionFiles* revision,
                unsigned threads, Book& b, std::uint64_t& records, std::uint64_t& history, PackDelta* delta) {
  records = r.get<std::uint64_t>();
  history = r.get<std::uint64_t>();
  if (r.get<std::uint32_t>() != files.size() || !r.ok) return false;
  std::vector<std::optional<CacheKey>> keys;
  if (!revision) keys = RecordCache::stat_keys(root, files, threads);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& rel = files[i];
    if (r.str() != rel) return false;
    auto size = r.get<std::uint64_t>();
    auto mtime = r.get<std::int64_t>(), ctime = r.get<std::int64_t>();
    auto inode = r.get<std::uint64_t>();
    if (revision) {  // a git revision's file: the same blob, or one of a few changed
      if (!r.ok || size != 0 || mtime != 0 || ctime != 0) return false;
      if (inode != revision->ids[i]) {
        if (!delta || delta->changed.size() == PackDelta::kMaxChanged) return false;
        delta->changed.push_back(delta->files.size());
      }
      if (delta) delta->files.push_back(revision->keys[i]);
      continue;
    }
    if (!r.ok || !keys[i]) return false;
    CacheKey& now = *keys[i];
    if (now.size != size || now.mtime_ns != mtime || now.ctime_ns != ctime || now.inode != inode) {
      if (!delta || delta->changed.size() == PackDelta::kMaxChanged) return false;
      delta->changed.push_back(delta->files.size());
    }
    if (delta) delta->files.push_back(std::move(now));
  }
  if (!r.done()) return false;
  // More than half the files changed: a full load, by every thread, reads them as fast.
  if (delta && delta->changed.size() > std::max(PackDelta::kRewriteAt, files.size() / 2)) return false;
  b.files.append(files.begin(), files.end());
  return true;
}

/// Reads a pack's header: true when it is a pack of `kind` this program wrote with
/// salesops.toml's hash `config_hash`.
bool read_header(FrameReader& in, ParallelKind kind, std::uint64_t config_hash) {
  char head[sizeof kPackMagic + 4 + 1 + 8];
  if (!in.read_exact(head, sizeof head)) return false;
  Writer expect;
  expect.out.append(kPackMagic, sizeof kPackMagic);
  expect.put(kPackFormat); expect.put(static_cast<std::uint8_t>(kind)); expect.put(config_hash);
  return expect.out == std::string_view(head, sizeof head);
}

template <class Rec>
bool read_pack(FrameReader& in, const std::vector<std::string>& files, const fs::path& root, const RevisionFiles* revision,
               unsigned threads, LoadContext& ctx, PackDelta* delta) {
  Book& b = ctx.book;
  auto& recs = codec::records_of<Rec>(b);
  auto files_begin = static_cast<std::uint32_t>(b.files.size());
  std::size_t history_begin = history_of<Rec>(b);
  std::vector<Sym> syms{Sym{}};
  std::uint8_t type = 0, last = 0;
  std::string_view body;
  std::uint64_t record_count = 0, history_count = 0;
  // With a delta: which files' records are left out, and how many records and stage
  // changes were.
  std::vector<char> left_out;
  std::uint64_t records_left_out = 0, history_left_out = 0;
  Rec scratch;
  while (in.next(type, body)) {
    // Frames come in their order: strings and records alternate; diags may repeat; the
    // rest come once.
    auto frame = static_cast<Frame>(type);
    auto records_part = [](std::uint8_t t) {
      return t == static_cast<std::uint8_t>(Frame::strings) || t == static_cast<std::uint8_t>(Frame::records);
    };
    bool alternating = records_part(type) && records_part(last);
    if ((last == 0) != (frame == Frame::files) ||
        (!alternating && (type < last || (type == last && frame != Frame::diags))))
      return false;
    last = type;
    Reader r(body);
    switch (frame) {
      case Frame::files: {
        if (!read_files(r, files, root, revision, threads, b, record_count, history_count, delta)) return false;
        if (delta && !delta->changed.empty()) {
          left_out.assign(files.size(), 0);
          for (std::size_t f : delta->changed) left_out[f] = 1;
        }
        // Counts a damaged pack could inflate are bounded by its bytes.
        if (record_count > in.left() / 32 || history_count > in.left() / 5) return false;
        recs.reserve(record_count);
        if constexpr (std::is_same_v<Rec, Deal>) b.history.reserve(b.history.size() + history_count);
        break;
      }
      case Frame::strings: codec::read_table(r, b.strings, syms); break;
      case Frame::refs:
        for (std::uint32_t n = r.count(5); n > 0 && r.ok; --n) {
          auto kind = r.get<std::uint8_t>();
          auto i = r.get<std::uint32_t>();
          if (kind >= static_cast<std::uint8_t>(RefKind::count) || i == 0 || i >= syms.size()) return false;
          // A reference that no longer resolves is reported by the per-file load, where it is.
          if (!ctx.loaded[kind] || !ctx.exists(static_cast<RefKind>(kind), b.text(syms[i]))) return false;
          if (delta) delta->refs.emplace_back(static_cast<RefKind>(kind), syms[i]);
        }
        break;
      case Frame::records: {
        codec::Decoder dec{r, syms, b};
        while (r.ok && !r.done()) {
          auto file = r.get<std::uint32_t>();
          if (file >= files.size()) return false;
          dec.file = files_begin + file;
          if (!left_out.empty() && left_out[file]) {
            // A changed file: its old records are read past, their stage changes dropped.
            std::size_t history = history_of<Rec>(b);
            for (std::uint32_t n = r.count(32); n > 0 && r.ok; --n, ++records_left_out) {
              scratch = Rec{};
              dec.decode(scratch);
            }
            if constexpr (std::is_same_v<Rec, Deal>) {
              history_left_out += b.history.size() - history;
              b.history.resize(history);
            }
            continue;
          }
          for (std::uint32_t n = r.count(32); n > 0 && r.ok; --n) dec.decode(recs.emplace_back());
        }
        break;
      }
      case Frame::diags:
        // The problems of a changed file cannot be told from the others': the entries say.
        if (!left_out.empty()) return false;
        while (r.ok && !r.done()) ctx.diags.add(codec::decode_diagnostic(r, nullptr));
        break;
      case Frame::end: {
        return r.done() && in.left() == 0 && recs.size() + records_left_out == record_count &&
               history_of<Rec>(b) - history_begin + history_left_out == history_count;
      }
      default: return false;
    }
    if (!r.done()) return false;
  }
  return false;
}

std::string_view kind_stem(ParallelKind kind) { return kind == ParallelKind::deals ? "deals" : "customers"; }

/// Of `packs` (revision packs of `kind`), the one that holds the revision's `files` with
/// the fewest changed (within PackDelta's bounds); empty when none does.
fs::path nearest_pack(std::vector<fs::path> packs, ParallelKind kind, std::uint64_t config_hash,
                      const std::vector<std::string>& files, const fs::path& root, const RevisionFiles& revision) {
  fs::path best;
  std::size_t fewest = PackDelta::kMaxChanged + 1;
  // Pruning keeps a few; a directory filled by hand is looked into no further than this.
  if (packs.size() > 2 * RecordCache::kRevisionPacks) packs.resize(2 * RecordCache::kRevisionPacks);
  for (const fs::path& path : packs) {
    int fd = open_cache_file(path);
    if (fd < 0) continue;
    FrameReader in(fd);
    std::uint8_t type = 0;
    std::string_view body;
    Book scratch;
    PackDelta delta;
    std::uint64_t records = 0, history = 0;
    if (read_header(in, kind, config_hash) && in.next(type, body) && type == static_cast<std::uint8_t>(Frame::files)) {
      Reader r(body);
      if (read_files(r, files, root, &revision, 1, scratch, records, history, &delta) && delta.changed.size() < fewest) {
        fewest = delta.changed.size();
        best = path;
      }
    }
    ::close(fd);
  }
  return best;
}

}  // namespace

fs::path RecordCache::pack_path(ParallelKind kind, const std::vector<CacheKey>& files) const {
  if (!blobs_) return dir_ / fmt::format("{}.pack", kind_stem(kind));
  std::string ids;
  for (const CacheKey& k : files) ids.append(k.rel).append(1, '\0').append(k.blob).append(1, '\0');
  return dir_ / fmt::format("git-{}.{:016x}.pack", kind_stem(kind), content_hash(ids));
}

std::vector<fs::path> RecordCache::revision_packs(ParallelKind kind) const {
  const std::string prefix = fmt::format("git-{}.", kind_stem(kind));
  std::vector<std::pair<fs::file_time_type, fs::path>> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    // "git-deals.pack" is the one revision pack earlier versions kept: read and pruned as any.
    if (name.size() < prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0 ||
        !name.ends_with(".pack") || !it->is_regular_file(ec) || it->is_symlink(ec))
      continue;
    auto mtime = it->last_write_time(ec);
    if (!ec) found.emplace_back(mtime, it->path());
  }
  std::sort(found.begin(), found.end(), std::greater<>());
  std::vector<fs::path> packs;
  for (auto& f : found) packs.push_back(std::move(f.second));
  return packs;
}

bool RecordCache::load_pack(ParallelKind kind, const std::vector<std::string>& files, LoadContext& ctx,
                            PackDelta* delta, unsigned threads) const {
  Book& b = ctx.book;
  if (files.empty() || (kind == ParallelKind::deals ? !b.deals.empty() : !b.customers.empty())) return false;
  if (delta) *delta = PackDelta{};
  fs::path path = pack_path(kind);
  RevisionFiles revision;
  if (blobs_) {
    revision.keys.reserve(files.size());
    revision.ids.reserve(files.size());
    for (const std::string& rel : files) {
      std::optional<CacheKey> key;
      if (auto oid = blobs_->blob_id(rel)) key = blob_key(rel, *oid);
      if (!key) return false;
      revision.ids.push_back(identity(*key));
      revision.keys.push_back(std::move(*key));
    }
    // The revision's own pack, or the nearest of another's.
    path = pack_path(kind, revision.keys);
    std::error_code ec;
    if (delta && !fs::is_regular_file(fs::symlink_status(path, ec)))
      path = nearest_pack(revision_packs(kind), kind, config_hash_, files, root_, revision);
    if (path.empty()) return false;
  }
  const RevisionFiles* of_revision = blobs_ ? &revision : nullptr;
  int fd = open_cache_file(path);
  if (fd < 0) return false;
  FrameReader in(fd);
  bool ok = read_header(in, kind, config_hash_);
  if (kind == ParallelKind::deals) {
    Rollback<Deal> rollback{b, ctx.diags};
    if (!(ok = ok && read_pack<Deal>(in, files, root_, of_revision, threads, ctx, delta))) rollback();
  } else {
    Rollback<Customer> rollback{b, ctx.diags};
    if (!(ok = ok && read_pack<Customer>(in, files, root_, of_revision, threads, ctx, delta))) rollback();
  }
  ::close(fd);
  return ok;
}

PackWrite RecordCache::store_pack(ParallelKind kind, const PackSource& src, const LoadContext& ctx) const {
  // A change this recent may have raced the load: such a file keeps the kind from a pack.
  for (const CacheKey& k : src.files)
    if (unsettled(k, src.started_ns)) return PackWrite::not_yet;
  for (auto [ref_kind, value] : src.refs)
    if (!ctx.loaded[static_cast<std::size_t>(ref_kind)] || !ctx.exists(ref_kind, ctx.book.text(value)))
      return PackWrite::impossible;
  const fs::path path = pack_path(kind, src.files);
  DurableFile file = cache_file(path);
  if (!file.open()) return PackWrite::failed;
  try {
    if (kind == ParallelKind::deals) write_pack<Deal>(file.fd(), src, ctx, static_cast<std::uint8_t>(kind), config_hash_);
    else write_pack<Customer>(file.fd(), src, ctx, static_cast<std::uint8_t>(kind), config_hash_);
  } catch (const std::exception&) {
    return PackWrite::failed;  // a failure to write only loses the pack; the temporary file goes with `file`
  }
  if (!file.commit()) return PackWrite::failed;
  if (blobs_) {  // the revisions loaded last keep theirs
    std::vector<fs::path> packs = revision_packs(kind);
    std::error_code ec;
    for (std::size_t i = kRevisionPacks; i < packs.size(); ++i)
      if (packs[i] != path) fs::remove(packs[i], ec);
  }
  return PackWrite::written;
}

fs::path RecordCache::no_pack_marker(ParallelKind kind) const {
  return dir_ / fmt::format("{}{}.nopack", blobs_ ? "git-" : "", kind_stem(kind));
}

bool RecordCache::entries_wanted(ParallelKind kind) const {
  std::error_code ec;  // a link is not followed: it says nothing, as any other file there
  return fs::is_regular_file(fs::symlink_status(no_pack_marker(kind), ec));
}

void RecordCache::note_packed(ParallelKind kind, bool packed) const {
  if (packed != entries_wanted(kind)) return;  // already so
  std::error_code ec;
  if (packed) {
    fs::remove(no_pack_marker(kind), ec);
  } else {
    DurableFile file = cache_file(no_pack_marker(kind));
    if (file.write("")) file.commit();
  }
}

}  // namespace salesops::core
