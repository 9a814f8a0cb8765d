#pragma once
// The parsed-record cache: for each customer and deal file, the records read from it (with
// the problems found in it and the references it makes) in <book>/.salesops/cache/, so an
// unchanged book loads without parsing YAML. An entry is used only when the file's path,
// size, mtime (ns) and content hash, salesops.toml's hash and the format version all match
// and its own checksum holds; anything else is a miss and the file is parsed again. A file
// whose size, mtime, ctime and inode are those recorded, and whose last change (ctime) came
// more than a second before the entry was written, is known unchanged without being read:
// any later write, even one that restores size and mtime, sets a new ctime.
// References are kept, not their verdicts: they are checked against the book on every load.
//
// Besides the entries, each kind has a pack (deals.pack, customers.pack): everything the
// load of that kind left in the book (records, their text, diagnostics; not the id index,
// which the book builds at its first look-up) and the metadata of every file it read. When every file's size, mtime, ctime and inode are
// still those recorded, the pack gives the book in one read, without the per-file entries'
// decoding and merging. A pack is written only for a load in which every file was read in
// full and every reference resolved; on load its references are checked again against the
// book, and any that no longer resolves sends the load back to the entries, which report it.
// While a kind packs, its full loads write no entry per file (entries_wanted): the pack
// and the few files changed since serve the next load.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/durable_file.hpp"
#include "core/load/parallel.hpp"

struct stat;

namespace salesops::core {

/// A fast 64-bit hash of bytes (not cryptographic): tells a rewritten file of the same size
/// and mtime from the one cached.
std::uint64_t content_hash(std::string_view bytes);

/// Opens a file of the cache for reading: -1 unless it is a regular file. A link is not
/// followed and a FIFO or device is never waited on (a cache is a miss, never a hang).
/// `st`, when given, receives its metadata.
int open_cache_file(const std::filesystem::path& path, struct stat* st = nullptr);

/// What a kind's load read, for its pack.
struct PackSource {
  std::vector<CacheKey> files;                  // each file as it was read, in book order
  std::vector<std::pair<RefKind, Sym>> refs;    // every distinct reference made, text in the book
  std::size_t files_begin = 0, diags_begin = 0;  // where the kind's files and problems start
  std::int64_t started_ns = 0;                   // when the load started (the files' clock)
};

/// What became of a pack store_pack was asked for.
enum class PackWrite { written, not_yet, impossible, failed };

/// A pack read with some of its files changed since (load_pack with a delta): the records
/// of those files are left out, for the caller to read the files and put theirs in place.
struct PackDelta {
  /// At most this many changed files, and at most half the kind's files (or kRewriteAt);
  /// more, and the kind is read in full, by every thread, from the entries or parsed.
  static constexpr std::size_t kMaxChanged = 64;
  /// From this many changed files on, or a quarter of the records, the pack is written anew
  /// after such a load (once the changes are over a second old, as for any pack).
  static constexpr std::size_t kRewriteAt = 4;
  std::vector<std::size_t> changed;  // positions in the kind's file list, in order
  std::vector<CacheKey> files;       // every file's metadata now (changed ones too)
  std::vector<std::pair<RefKind, Sym>> refs;  // the references the pack's load made
};

class RecordCache {
 public:
  /// Entries live in `book_root`/.salesops/cache; `config_text` is salesops.toml's bytes
  /// (records depend on its stages and segments). `by_blob`: the files are a git
  /// revision's (--at, diff), whose entries are keyed by blob id and path (blob_key), never
  /// by the working tree's metadata; its packs (git-deals.<hash>.pack, ...) are one per
  /// revision loaded in full, up to kRevisionPacks a kind, each file known by its blob id,
  /// and named after the kind's paths and blob ids in that revision.
  RecordCache(const std::filesystem::path& book_root, std::string_view config_text, const BookSource* by_blob = nullptr);
  bool by_blob() const { return blobs_ != nullptr; }
  /// The key of the file `rel` of a git revision whose blob id is `oid`; nullopt for an id
  /// that is not one (hexadecimal, 40 or 64 digits).
  static std::optional<CacheKey> blob_key(const std::string& rel, const std::string& oid);

  /// The key of the file `rel` whose bytes are `text`; nullopt when it cannot be stat'ed or
  /// changed while it was read.
  std::optional<CacheKey> key(const std::string& rel, std::string_view text) const;
  /// Appends the file's cached records, problems and references to `shard` (ranges in `o`,
  /// references in `wctx.pending`). False, with the shard as it was, when there is no valid
  /// entry.
  bool load(const CacheKey& key, ParallelKind kind, Shard& shard, FileOutcome& o, LoadContext& wctx) const;
  /// As load, for a file `rel` known unchanged from its metadata alone (see above), which
  /// is then not read at all. False when its metadata does not prove it.
  bool load_unchanged(const std::string& rel, ParallelKind kind, Shard& shard, FileOutcome& o,
                      LoadContext& wctx) const;
  /// Writes the entry of a file just read into `shard` (records and problems in `o`'s
  /// ranges, `refs` the references it made). A failure to write only loses the entry.
  void store(const CacheKey& key, ParallelKind kind, const Shard& shard, const FileOutcome& o,
             const std::vector<PendingRef>& refs) const;

  /// Fills the book with the pack of `kind` when it holds and `files` are its unchanged
  /// files; false, with the book as it was (but for unused text), otherwise. With `delta`,
  /// up to PackDelta::kMaxChanged of the files may have changed, when the pack holds no
  /// problem: their records are left out and `delta` says
  /// which (see load_kind_parallel).
  /// For a git revision, the pack is the revision's own, or with `delta` and none, the one
  /// of the kind's packs with the fewest files changed. `threads` threads (0: one per core)
  /// look up the files of a working tree.
  bool load_pack(ParallelKind kind, const std::vector<std::string>& files, LoadContext& ctx,
                 PackDelta* delta = nullptr, unsigned threads = 1) const;
  /// Writes the pack of `kind` from what its load left in ctx.book: not_yet when a file
  /// changed within a second of `src.started_ns`, impossible when a reference does not
  /// resolve, failed when the file could not be written.
  PackWrite store_pack(ParallelKind kind, const PackSource& src, const LoadContext& ctx) const;
  /// Whether a full load of `kind` (not the few changed files read beside a pack, which
  /// always get theirs) writes an entry for each file it parses: only when the kind's last
  /// full load could make no pack (a file not read in full, a reference unresolved), so
  /// that such a book is read from entries from its third load on. Otherwise that load's
  /// pack serves the next one, with the few files changed since parsed apart (load_pack),
  /// and an entry for each of a book's 100,000 customer files would cost its first load
  /// (a CI job's, on a fresh clone) five times a load without the cache.
  bool entries_wanted(ParallelKind kind) const;
  /// Records whether a full load of `kind` could make its pack, for entries_wanted.
  void note_packed(ParallelKind kind, bool packed) const;
  /// Whether the file of `key` changed within the second before `started_ns`: such a file
  /// keeps its kind from a pack (store_pack), so a full load writes its entry whatever
  /// entries_wanted says, and a book read right after it was written is cached still.
  static bool unsettled(const CacheKey& key, std::int64_t started_ns) { return key.ctime_ns > started_ns - kSettledNs; }
  /// How long after its last change a file is known unchanged by its metadata alone.
  static constexpr std::int64_t kSettledNs = 1000000000;
  /// The clock file change times are set by, in ns.
  static std::int64_t now_ns();
  /// The key of `rel` from its stat data (its hash left 0).
  static CacheKey stat_key(const std::string& rel, const struct stat& st);
  /// The keys `files` (relative to `root`) have now, none for a file that is not a regular
  /// file. A kind's files are many (a customer a file): `threads` threads (0: one per core)
  /// stat a run of them each, the kernel's look-ups being most of a warm load's time.
  static std::vector<std::optional<CacheKey>> stat_keys(const std::filesystem::path& root,
                                                        const std::vector<std::string>& files, unsigned threads);

  std::filesystem::path path_of(const std::string& rel) const;
  /// The pack of `kind`: the working tree's, or the git revision's whose files are `files`
  /// (their keys, blob_key).
  std::filesystem::path pack_path(ParallelKind kind, const std::vector<CacheKey>& files = {}) const;
  /// The packs of revisions a kind keeps, the most recently written first.
  static constexpr std::size_t kRevisionPacks = 4;
  /// Present while the last full load of `kind` could make no pack (entries_wanted).
  std::filesystem::path no_pack_marker(ParallelKind kind) const;

 private:
  /// Reads the entry of `rel` and checks its header against `key` (with ctime and inode
  /// when `by_metadata`) and its checksum; "" when it does not hold.
  /// `stale_entry`, when given, receives the whole entry when the file's change time or
  /// inode differs from the entry's.
  std::string entry_payload(const CacheKey& key, ParallelKind kind, bool by_metadata, std::uint32_t& table_size,
                            std::string* stale_entry = nullptr) const;
  /// Writes `entry` (the entry of `key.rel`) again with `key`'s change time and inode.
  void refresh_metadata(const CacheKey& key, std::string entry) const;
  void write_entry(const CacheKey& key, std::string_view bytes) const;
  /// Where the entry of `key` is: named after its path, or after its blob and path.
  std::filesystem::path entry_file(const CacheKey& key) const;
  /// `target` (in the cache directory) written the durable way but not flushed to disk: an
  /// entry lost in a crash is only read again from its record file.
  DurableFile cache_file(const std::filesystem::path& target) const;
  /// The revision packs of `kind` in the cache directory (links left out), the newest first.
  std::vector<std::filesystem::path> revision_packs(ParallelKind kind) const;
  bool decode(const std::string& rel, std::string_view payload, std::uint32_t table_size, ParallelKind kind,
              Shard& shard, FileOutcome& o, LoadContext& wctx) const;

  std::filesystem::path root_, dir_;
  std::uint64_t config_hash_;
  const BookSource* blobs_ = nullptr;  // the revision whose blob ids key the entries
};

}  // namespace salesops::core
