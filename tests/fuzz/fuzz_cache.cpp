// libFuzzer target: the reader of the parsed-record cache's packs and entries. A small
// directory book is loaded once with the cache on (and its kinds marked as wanting
// entries), so it has a pack of each kind and an entry per file. Each input then becomes the frames of one pack after its real header and
// files frame, each frame with a correct hash, so what is fuzzed is the decoding behind the
// hash checks. The first byte picks the kind (bit 0); with bit 1 set, the rest is instead
// the payload of the entry of one file of that kind (a file's entry, or a git blob's, which
// has the same form), behind its real header and a correct hash, its first four bytes the
// size of its string table. Otherwise the rest is frames, each a 16-bit little-endian
// length and its bytes. Loading must never crash, hang or throw, and a book taken from a
// pack or entries must hold in range.
//
// With SALESOPS_FUZZ_EMIT_SEEDS=DIR the target writes the book's real packs, in that form,
// into DIR as seeds and exits.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/load/book.hpp"
#include "core/load/cache.hpp"
#include "core/load/parallel.hpp"

namespace fs = std::filesystem;
using namespace salesops::core;

namespace {

const char kConfig[] = "[org]\nname = \"Test\"\n";
constexpr std::size_t kHeader = 8 + 4 + 1 + 8 + 8;  // magic, format, kind, config and hash probes

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

LoadResult load(const fs::path& root) {
  auto source = directory_source(root);
  return load_book(*source, root, LoadOptions{1, true});
}

/// The book, built and loaded once, and its packs cut in two.
struct Fixture {
  Fixture();
  ~Fixture() { fs::remove_all(root); }
  fs::path root;
  std::string prefix[2];  // each kind's pack up to the end of its files frame
  std::string frames[2];  // the rest of each pack
  std::string entry_head[2];  // an entry's header of each kind, up to its payload's size
  fs::path entry[2];          // and where that entry is
};

/// An entry's header: magic, format, kind, config hash, size, mtime, ctime, inode, hash;
/// then the payload's size and hash and the string table's size.
constexpr std::size_t kEntryKey = 8 + 4 + 1 + 8 * 6;

Fixture::Fixture() {
  root = fs::temp_directory_path() / ("salesops-fuzz-cache-" + std::to_string(::getpid()));
  fs::remove_all(root);
  write(root / "salesops.toml", kConfig);
  write(root / "team.yaml",
        "teams:\n  - {id: east, name: East}\npeople:\n  - {id: zhang.wei, name: 张伟, team: east, role: rep}\n");
  write(root / "customers/C-1.yaml",
        "id: C-1\nname: Acme\nowner: zhang.wei\ncontacts:\n  - {name: Li, title: CTO, phone: '1', email: a@b.c}\n"
        "interactions:\n  - {date: 2026-10-01, type: call, by: zhang.wei, summary: hi, next: 2026-11-01}\n"
        "surveys:\n  - {date: 2026-10-02, csat: 4, nps: 9, comment: ok}\n");
  write(root / "customers/C-2.yaml", "id: C-2\nname: Beta\nowner: zhang.wei\nunknown: 1\n"
        "interactions:\n  - {date: 2026-10-01, type: call, by: zhang.wei, notes: a}\n"
        "  - {date: 2026-10-02, type: call, by: zhang.wei, notes: b}\n");
  write(root / "deals/2026-10.yaml",
        "- id: D-1\n  customer: C-1\n  owner: zhang.wei\n  title: One\n  amount: 100\n  stage: won\n"
        "  opened: 2026-10-01\n  closed: 2026-10-20\n  history:\n    - {date: 2026-10-01, stage: lead}\n"
        "    - {date: 2026-10-20, stage: won}\n");
  // Repeated unknown keys: one finding with a count and its kept locations.
  write(root / "deals/2026-11.yaml", "- id: D-2\n  customer: C-2\n  stage: lead\n  colour: red\n"
        "- id: D-3\n  customer: C-2\n  stage: lead\n  colour: red\n- id: D-4\n  stage: lead\n  colour: red\n"
        "- id: D-5\n  stage: lead\n  colour: red\n");
  ::sleep(2);  // the files settle, so the load writes packs
  // A kind that packs gets no entry per file (RecordCache::entries_wanted) unless its last
  // load could make no pack, which these marks say: the load writes both.
  for (const char* mark : {"deals.nopack", "customers.nopack"}) write(root / ".salesops/cache" / mark, "");
  load(root);
  RecordCache cache(root, kConfig);
  for (int k = 0; k < 2; ++k) {
    std::string pack = read(cache.pack_path(k ? ParallelKind::deals : ParallelKind::customers));
    if (pack.size() < kHeader + 16) std::abort();  // the fixture must have its packs
    std::uint64_t size = 0;
    std::memcpy(&size, pack.data() + kHeader, 8);
    prefix[k] = pack.substr(0, kHeader + 16 + size);
    frames[k] = pack.substr(prefix[k].size());
    entry[k] = cache.path_of(k ? "deals/2026-11.yaml" : "customers/C-2.yaml");
    std::string e = read(entry[k]);
    if (e.size() < kEntryKey + 20) std::abort();  // the fixture must have its entries
    entry_head[k] = e.substr(0, kEntryKey);
  }
}

Fixture& fixture() {
  static Fixture f;
  return f;
}

/// A pack's frames after the files frame, as the input form: length-prefixed bodies.
std::string as_input(int kind, std::string_view frames) {
  std::string out(1, static_cast<char>(kind));
  while (frames.size() >= 16) {
    std::uint64_t size = 0;
    std::memcpy(&size, frames.data(), 8);
    if (size > 0xFFFF || frames.size() < 16 + size) break;
    auto n = static_cast<std::uint16_t>(size);
    out.append(reinterpret_cast<const char*>(&n), 2);
    out.append(frames.substr(16, size));
    frames.remove_prefix(16 + size);
  }
  return out;
}

}  // namespace

namespace {
void check(const LoadResult& r);
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Fixture& f = fixture();
  if (const char* dir = std::getenv("SALESOPS_FUZZ_EMIT_SEEDS")) {
    for (int k = 0; k < 2; ++k) {
      std::ofstream(fs::path(dir) / ("pack-" + std::to_string(k)), std::ios::binary) << as_input(k, f.frames[k]);
      std::string e = read(f.entry[k]);
      std::ofstream(fs::path(dir) / ("entry-" + std::to_string(k)), std::ios::binary)
          << static_cast<char>(k | 2) << e.substr(kEntryKey + 16);
    }
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Fixture& f = fixture();
  int kind = data[0] & 1;
  if (data[0] & 2) {
    // An entry: the packs go, so the file is read through its entry.
    RecordCache cache(f.root, kConfig);
    fs::remove(cache.pack_path(ParallelKind::deals));
    fs::remove(cache.pack_path(ParallelKind::customers));
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    if (rest.size() < 4) return 0;
    std::string_view payload = rest.substr(4);
    std::string e = f.entry_head[kind];
    std::uint64_t sizes[2] = {payload.size(), content_hash(payload)};
    e.append(reinterpret_cast<const char*>(sizes), sizeof sizes);
    e.append(rest.substr(0, 4));
    e.append(payload);
    write(f.entry[kind], e);
    check(load(f.root));
    return 0;
  }
  std::string pack = f.prefix[kind];
  for (std::size_t i = 1; i + 2 <= size;) {
    std::uint16_t n = 0;
    std::memcpy(&n, data + i, 2);
    i += 2;
    std::string_view body(reinterpret_cast<const char*>(data + i), std::min<std::size_t>(n, size - i));
    i += body.size();
    std::uint64_t head[2] = {body.size(), content_hash(body)};
    pack.append(reinterpret_cast<const char*>(head), sizeof head);
    pack.append(body);
  }
  RecordCache cache(f.root, kConfig);
  write(cache.pack_path(kind ? ParallelKind::deals : ParallelKind::customers), pack);
  check(load(f.root));
  return 0;
}

namespace {

void check(const LoadResult& r) {
  const Book& b = *r.book;
  for (const Deal& d : b.deals) {
    if (d.at.file >= b.files.size() || d.history_begin + d.history_count > b.history.size()) __builtin_trap();
    if (d.stage >= b.config.stages.size()) __builtin_trap();
    for (Sym s : {d.id, d.customer, d.owner, d.title, d.product, d.lost_reason}) (void)b.text(s).size();
  }
  for (const Customer& c : b.customers) {
    if (c.at.file >= b.files.size()) __builtin_trap();
    for (const Interaction& i : c.interactions()) (void)(b.text(i.by).size() + b.text(i.summary).size());
    for (const Survey& s : c.surveys()) (void)b.text(s.comment).size();
  }
  // Look-ups through an index taken from the pack end, found or not.
  for (const char* id : {"C-1", "C-2", "C-3"}) (void)b.customer(id);
  for (const char* id : {"D-1", "D-2", "D-3"}) (void)b.deal(id);
  // A repeated finding's kept locations and count hold together.
  for (const Diagnostic& d : r.diags.items()) {
    if (d.count < 1 || d.also.size() >= d.count) __builtin_trap();
    (void)message_text(d).size();
  }
}

}  // namespace
