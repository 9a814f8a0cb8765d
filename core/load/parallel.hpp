#pragma once
// Reading the files of the numerous kinds (customers, deals) in parallel. Workers take
// contiguous batches of files and read each batch into a shard of their own (records, text,
// diagnostics); the shards are merged into the book in file order, so records, their order
// and every diagnostic are those a sequential load gives.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/load/book.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

class RecordCache;

enum class ParallelKind : std::uint8_t { customers, deals };

/// A file's identity when it was read: its metadata, and the hash of its bytes (0 when
/// they were not read).
struct CacheKey {
  std::string rel;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t hash = 0;
  /// A file of a git revision: its blob id (its metadata then 0, `hash` that of its path).
  std::string blob{};
};

/// One file as a worker read it: ranges into its shard.
struct FileOutcome {
  std::string rel;
  bool read_failed = false;
  std::string read_error;  // why it could not be read
  bool parsed = false;     // passed the text checks and was read as records
  bool partial = false;    // part of it was not read as records (YamlReader::partial)
  bool cached = false;     // its records came from the cache
  std::optional<CacheKey> key;  // when the cache is in use and the file's metadata was read
  std::uint32_t diags_begin = 0, diags_end = 0;
  std::uint32_t records_begin = 0, records_end = 0;  // shard's deals or customers
  std::uint32_t pending_begin = 0, pending_end = 0;  // references to kinds not loaded yet
};

/// What one worker read from one batch of files. Marks' `file` index `book.files`.
struct Shard {
  Book book;
  Diagnostics diags;
  std::vector<FileOutcome> files;
  std::vector<Mark> id_marks;       // where each kept record's id is, by record
  std::vector<PendingRef> pending;  // references left for the merge
  /// With the cache in use: every distinct reference the batch made, for the kind's pack.
  std::vector<std::pair<RefKind, Sym>> refs_made;
};


/// Reads `files` (all of `kind`, in book order) from `source` and merges their records
/// into ctx.book, their problems into ctx.diags. `directory` says the source may be read
/// from several threads; other sources are read one file at a time. `cache` may be null.
void load_kind_parallel(ParallelKind kind, const std::vector<std::string>& files, BookSource& source, bool directory,
                        LoadContext& ctx, const LoadOptions& options, RecordCache* cache, std::size_t& files_read);

}  // namespace salesops::core
