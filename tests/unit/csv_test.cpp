// The CSV reader: RFC 4180 quoting, BOM, line ends, and where malformed text breaks.
#include "core/base/csv.hpp"

#include <doctest/doctest.h>

using namespace salesops::core;

namespace {

std::vector<std::vector<std::string>> rows(const CsvTable& t) {
  std::vector<std::vector<std::string>> out;
  for (auto& r : t.records) out.push_back(r.fields);
  return out;
}

std::vector<std::uint32_t> lines(const CsvTable& t) {
  std::vector<std::uint32_t> out;
  for (auto& r : t.records) out.push_back(r.line);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("csv: plain fields, empty fields, a missing last line end") {
  auto t = parse_csv("a,b,c\n1,,3\n,,\nx,y,z");
  REQUIRE_FALSE(t.error);
  CHECK(rows(t) == Rows{{"a", "b", "c"}, {"1", "", "3"}, {"", "", ""}, {"x", "y", "z"}});
  CHECK(lines(t) == std::vector<std::uint32_t>{1, 2, 3, 4});
}

TEST_CASE("csv: quoted fields hold delimiters, doubled quotes and line breaks") {
  auto t = parse_csv("name,note\n\"Acme, Inc.\",\"he said \"\"hi\"\"\"\n\"multi\nline\",\"\"\nlast,x\n");
  REQUIRE_FALSE(t.error);
  CHECK(rows(t) == Rows{{"name", "note"}, {"Acme, Inc.", "he said \"hi\""}, {"multi\nline", ""}, {"last", "x"}});
  // A record that spans lines is numbered by its first line; the next one by its own.
  CHECK(lines(t) == std::vector<std::uint32_t>{1, 2, 3, 5});
}

TEST_CASE("csv: a byte-order mark is skipped; CRLF and LF both end lines") {
  auto t = parse_csv(
      "\xef\xbb\xbf"
      "id,name\r\n1,\"two\r\nlines\"\r\n2,张伟\r\n");
  REQUIRE_FALSE(t.error);
  CHECK(rows(t) == Rows{{"id", "name"}, {"1", "two\nlines"}, {"2", "张伟"}});
  CHECK(lines(t) == std::vector<std::uint32_t>{1, 2, 4});
  CHECK(rows(parse_csv("a\rb\r")) == Rows{{"a"}, {"b"}});
}

TEST_CASE("csv: blank lines are skipped but keep the numbering") {
  auto t = parse_csv("a,b\n\n1,2\n\n\n3,4\n");
  CHECK(rows(t) == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
  CHECK(lines(t) == std::vector<std::uint32_t>{1, 3, 6});
  // A quoted empty field is a value, not a blank line.
  CHECK(rows(parse_csv("a\n\"\"\n")) == Rows{{"a"}, {""}});
}

TEST_CASE("csv: malformed text names its line and column") {
  auto stray = parse_csv("a,b\n1,2\n3,ab\"c\n4,5\n");
  REQUIRE(stray.error);
  CHECK(stray.error->line == 3);
  CHECK(stray.error->column == 5);
  CHECK(stray.error->message.find("quote inside a field") != std::string::npos);

  auto after = parse_csv("a,b\n\"x\"y,2\n");
  REQUIRE(after.error);
  CHECK(after.error->line == 2);
  CHECK(after.error->column == 4);

  // An unclosed quote is reported where it opens, however far the text runs after it.
  auto open = parse_csv("a,b\n1,2\n3,\"never\nclosed,4\n5,6\n");
  REQUIRE(open.error);
  CHECK(open.error->line == 3);
  CHECK(open.error->column == 3);
  CHECK(open.error->message == "a quoted field is never closed");
}

TEST_CASE("csv: not UTF-8") {
  auto bad = parse_csv("a\n\xff\xfe\n");
  REQUIRE(bad.error);
  CHECK(bad.error->line == 2);
  auto utf16 =
      parse_csv(std::string("\xff\xfe"
                            "a\0,\0",
                            6));
  REQUIRE(utf16.error);
  CHECK(utf16.error->message.find("UTF-16") != std::string::npos);
}

TEST_CASE("csv: a NUL byte is binary data, named at its line") {
  auto bin = parse_csv(std::string("a,b\n1,2\n3,\0\n", 11));
  REQUIRE(bin.error);
  CHECK(bin.error->line == 3);
  CHECK(bin.error->column == 3);
  CHECK(bin.error->message == "a NUL byte: this is not a text file");
}

TEST_CASE("csv: another delimiter") {
  CHECK(rows(parse_csv("a;b\n\"x;y\";2\n", ';')) == Rows{{"a", "b"}, {"x;y", "2"}});
}
