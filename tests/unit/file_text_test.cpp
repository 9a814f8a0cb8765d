#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/base/file_text.hpp"

using salesops::core::FileText;
namespace fs = std::filesystem;

namespace {

struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& bytes) {
    std::string tmpl = (fs::temp_directory_path() / "salesops-text-XXXXXX").string();
    int fd = ::mkstemp(tmpl.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    path = tmpl;
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { fs::remove(path); }
};

/// Bytes that differ from page to page, so a page read back from the wrong place shows.
std::string pattern(std::size_t size) {
  std::string s(size, ' ');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + (i / 4093 + i) % 26);
  return s;
}

std::optional<FileText> map_file(const fs::path& p, std::size_t size) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  auto text = FileText::map(fd, size);
  ::close(fd);
  return text;
}

}  // namespace

TEST_CASE("file text: a mapped file reads as its bytes, and again after each pass gives its pages back") {
  const std::string bytes = pattern(3 * FileText::kMapFrom + 1234);
  TempFile file(bytes);
  auto text = map_file(file.path, bytes.size());
  REQUIRE(text);
  CHECK(text->view() == bytes);
  for (int pass = 0; pass < 3; ++pass) {
    for (std::size_t at = 0; at <= bytes.size(); at += 65536) {
      CHECK(text->view().substr(at, 100) == std::string_view(bytes).substr(at, 100));
      text->release_before(at);
    }
    text->release_before(bytes.size());
    CHECK(text->view() == bytes);  // read again from the file, every page in its place
  }
  CHECK(!text->torn());
  FileText moved = std::move(*text);
  CHECK(moved.view() == bytes);
  CHECK(std::move(moved).take() == bytes);
}

TEST_CASE("file text: a file cut short while mapped reads as zero bytes past its new end and is torn, not a crash") {
  const std::string bytes = pattern(2 * FileText::kMapFrom);
  TempFile file(bytes);
  auto text = map_file(file.path, bytes.size());
  REQUIRE(text);
  CHECK(text->view().substr(0, 10) == bytes.substr(0, 10));
  text->release_before(bytes.size());
  fs::resize_file(file.path, 4096);
  CHECK(text->view().substr(0, 4096) == std::string_view(bytes).substr(0, 4096));
  CHECK(!text->torn());
  std::string_view v = text->view();
  CHECK(v[v.size() - 1] == '\0');
  CHECK(v[8192] == '\0');
  CHECK(text->torn());
}

TEST_CASE("file text: a copy is never torn and gives nothing back") {
  FileText text(std::string("- id: D-1\n"));
  text.release_before(100);
  CHECK(text.view() == "- id: D-1\n");
  CHECK(!text.torn());
}
