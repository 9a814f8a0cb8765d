// Which files of a book the fast YAML scanner (core/yaml/fast.hpp) reads to their end, and
// where and why it hands the others to libyaml.
//
//   salesops_fastpath BOOK    prints one line per file that falls back, then the counts
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/yaml/fast.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: salesops_fastpath BOOK\n");
    return 2;
  }
  long files = 0, fast = 0;
  for (fs::recursive_directory_iterator it(argv[1]), end; it != end; ++it) {
    if (it->path().filename().string().starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".yaml") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    salesops::core::FastYamlScanner scanner(s);
    salesops::core::FastYamlEvent event;
    while (scanner.next(event)) {}
    ++files;
    if (!scanner.bailed()) ++fast;
    else std::printf("%s:%u: libyaml from event %zu: %s\n", it->path().c_str(), scanner.bail_line(), scanner.delivered(),
                     scanner.bail_reason());
  }
  std::printf("%ld YAML files, %ld read by the fast scanner to their end, %ld handed to libyaml\n", files, fast, files - fast);
  return 0;
}
