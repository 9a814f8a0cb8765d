// libFuzzer target: the record loader. The first byte picks the kind of file the rest of
// the input becomes, in an otherwise valid minimal book; loading must report problems as
// diagnostics, never crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "tests/unit/memory_book.hpp"

namespace {
const char* const kFiles[] = {
    "team.yaml",           "customers/C-1.yaml",        "customers/C-2.yaml", "deals/2026-11.yaml",
    "targets/2026.yaml",   "plans/2026-Q4.yaml",        "coaching/2026-11.yaml",
    "reviews/2026-Q4/zhang.wei.yaml", "rewards/plans.yaml", "rewards/2026.yaml", "salesops.toml",
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t kinds = sizeof kFiles / sizeof kFiles[0];
  const std::string file = kFiles[data[0] % kinds];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto result = salesops::test::load_files({{file, std::move(text)}});
  // Every diagnostic names a file of the book.
  for (const auto& d : result.diags.items())
    if (d.where.file.size() > 4096) __builtin_trap();
  return 0;
}
