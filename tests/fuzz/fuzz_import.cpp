// libFuzzer target: the CSV importer. The first byte picks the kind of record, the
// delimiter, whether new people join a team and whether rows update the book's records;
// the rest is the CSV file. Parsing and
// planning must never crash, and the planned edits must apply to the book's files (the
// edits are verified as the writer verifies them) or be refused with a diagnostic.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "core/base/csv.hpp"
#include "core/import/import.hpp"
#include "core/load/book.hpp"
#include "core/yaml/edit.hpp"
#include "tests/unit/memory_book.hpp"

using namespace salesops;

namespace {
const std::map<std::string, std::string>& base_files() {
  static const std::map<std::string, std::string> files = {
      {"salesops.toml", "[org]\nname = \"Test\"\n"},
      {"team.yaml",
       "teams:\n  - {id: east, name: East}\npeople:\n  - {id: zhang.wei, name: 张伟, team: east, role: rep}\n"},
      {"customers/C-1.yaml", "id: C-1\nname: Acme\nowner: zhang.wei\n"},
      {"deals/2026-11.yaml",
       "- id: D-2026-0001\n  customer: C-1\n  owner: zhang.wei\n  title: Pumps\n  amount: 1200.00\n"
       "  stage: lead\n  opened: 2026-11-02\n"},
  };
  return files;
}

const core::Book& base_book() {
  static core::LoadResult loaded = [] {
    test::MemorySource source(base_files());
    return core::load_book(source, "/memory");
  }();
  if (!loaded.book || loaded.diags.error_count() > 0) __builtin_trap();
  return *loaded.book;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const core::Book& book = base_book();
  const std::uint8_t mode = data[0];
  const char delimiters[] = {',', ';', '\t'};
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  core::CsvTable csv = core::parse_csv(text, delimiters[(mode >> 2) % 3]);
  if (csv.error) return 0;
  core::ImportOptions options;
  options.kind = static_cast<core::ImportKind>(mode % 3);
  if (mode & 0x40) options.team = "east";
  if (mode & 0x80) options.date_format = "%d/%m/%Y";
  options.update = (mode & 0x20) != 0;  // rows naming the book's records change them in place
  options.today = core::make_date(2026, 11, 26);
  core::ImportChange plan = core::import_change(book, csv, options);
  if (!plan.ok()) return 0;
  for (const core::FileEdit& fe : plan.edits) {
    auto it = base_files().find(fe.file.generic_string());
    const std::string old_text = it == base_files().end() ? std::string{} : it->second;
    core::TextEdit edited = core::apply_edits(old_text, fe.edits, fe.file.generic_string());
    (void)edited;
  }
  return 0;
}
