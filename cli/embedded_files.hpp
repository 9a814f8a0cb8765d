#pragma once
// Files built into the binary: the templates and the example book that `init` lays down, and
// the compiled Chinese message catalog.
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

/// The Chinese message catalog: po/zh_CN/*.po combined and compiled into a GNU .mo file.
std::string_view embedded_catalog();
/// The example book's history: a git bundle of branch `main`, whose last tree is the
/// example book plus templates/gitignore and templates/gitattributes (examples/history.py).
std::string_view example_history();

}  // namespace salesops::cli
