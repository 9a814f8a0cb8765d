#pragma once
// Files built into the binary: the templates and the example book that `init` lays down.
#include <span>
#include <string_view>

namespace salesops::cli {

struct EmbeddedFile {
  const char* path;  // relative to the source tree: templates/..., examples/book/...
  const char* data;
  std::size_t size;
  std::string_view bytes() const { return {data, size}; }
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace salesops::cli
