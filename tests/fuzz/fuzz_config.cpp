// libFuzzer target: salesops.toml. Any text gives a Config and diagnostics, no crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/base/diagnostics.hpp"
#include "core/load/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  salesops::core::Diagnostics diags;
  salesops::core::Config config = salesops::core::parse_config(text, "salesops.toml", diags);
  (void)config;
  return 0;
}
