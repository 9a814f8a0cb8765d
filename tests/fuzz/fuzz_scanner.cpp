// libFuzzer target: the fast YAML scanner against libyaml (core/yaml/fast.hpp). The input is
// a YAML text; the events the fast scanner delivers before it ends or bails out must be
// exactly libyaml's first events — kind, value, style, start and end marks — and libyaml
// must not stop with an error before the last of them. The writer's scan (core/yaml/scan.hpp),
// which takes the fast scanner's events and then libyaml's, must give the same events, byte
// offsets and errors as libyaml alone. Any difference traps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/yaml/fast.hpp"
#include "core/yaml/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string diff = salesops::core::fast_yaml_difference(text);
  if (!diff.empty()) {
    std::fprintf(stderr, "fast scanner differs from libyaml: %s\n", diff.c_str());
    __builtin_trap();
  }
  diff = salesops::core::yaml_scan_difference(text);
  if (!diff.empty()) {
    std::fprintf(stderr, "the writer's scan differs from libyaml's: %s\n", diff.c_str());
    __builtin_trap();
  }
  return 0;
}
