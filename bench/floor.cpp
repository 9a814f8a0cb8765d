// The benchmark's floor: libyaml's event parser over every YAML file of a book and nothing
// else — no records, no checks. Files are read whole and parsed by `threads` workers, each
// taking the next file, as salesops does.
//
//   salesops_floor BOOK [THREADS]    prints files, bytes and events read
#include <yaml.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> yaml_files(const fs::path& root) {
  std::vector<fs::path> out;
  for (fs::recursive_directory_iterator it(root), end; it != end; ++it) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".yaml") out.push_back(it->path());
  }
  return out;
}

/// Parses one file; returns its event count, or -1 when it does not parse.
long parse(const std::string& text) {
  yaml_parser_t parser;
  yaml_event_t event;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  long events = 0;
  for (bool done = false; !done;) {
    if (!yaml_parser_parse(&parser, &event)) { events = -1; break; }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
  }
  yaml_parser_delete(&parser);
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: salesops_floor BOOK [THREADS]\n");
    return 2;
  }
  unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  std::vector<fs::path> files = yaml_files(argv[1]);
  std::atomic<std::size_t> next{0};
  std::atomic<long> events{0}, bytes{0}, failed{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      std::ifstream in(files[i], std::ios::binary);
      in.seekg(0, std::ios::end);
      std::string text(static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
      in.seekg(0);
      in.read(text.data(), static_cast<std::streamsize>(text.size()));
      long n = parse(text);
      if (n < 0) ++failed;
      else events += n;
      bytes += static_cast<long>(text.size());
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  std::printf("%zu files, %ld bytes, %ld events, %ld failed\n", files.size(), bytes.load(), events.load(), failed.load());
  return failed ? 1 : 0;
}
