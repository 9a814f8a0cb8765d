#include "cli/fit.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "cli/render.hpp"

using namespace salesops;
using core::Money;

namespace {

std::size_t widest_line(const core::Table& table) {
  std::ostringstream out;
  cli::render(out, table, cli::RenderOptions{cli::Format::table});
  std::size_t widest = 0;
  std::string line;
  std::istringstream in(out.str());
  while (std::getline(in, line)) widest = std::max(widest, cli::display_width(line));
  return widest;
}

core::Table deals() {
  core::Table t;
  t.add_column("id");
  t.add_column("title");
  t.add_column("amount", core::ColumnType::money);
  t.add_column("note");
  t.mark_detail({"note"});
  t.add_row() = {std::string("D-1"), std::string("华东区域年度框架协议续签与二期扩容"), Money{123456789}, std::string("x")};
  t.add_row() = {std::string("D-2"), std::string("Renewal of the annual framework agreement"), Money{5000}, std::string("y")};
  return t;
}

}  // namespace

TEST_CASE("cut_to_width cuts by display width and marks the cut") {
  CHECK(cli::cut_to_width("abcdef", 6) == "abcdef");
  CHECK(cli::cut_to_width("abcdefg", 6) == "abcde…");
  // A wide character is never split: 华东区 is six columns; five leave room for 华东 and the mark.
  CHECK(cli::cut_to_width("华东区域", 5) == "华东…");
  CHECK(cli::display_width(cli::cut_to_width("华东区域", 6)) <= 6);
  // A cut that ends at a space drops the space.
  CHECK(cli::cut_to_width("ab cdef", 4) == "ab…");
}

TEST_CASE("fit_table: compact columns go first, then text is cut, numbers never") {
  core::Table t = deals();
  auto hidden = cli::fit_table(t, 40, true, true);
  REQUIRE(t.columns.size() == 3);
  CHECK(hidden == std::vector<std::string>{"note"});
  CHECK(widest_line(t) <= 40);
  CHECK(std::get<Money>(t.rows[0][2]).cents == 123456789);  // still the number
  CHECK(std::get<std::string>(t.rows[1][1]).ends_with("…"));
  CHECK(std::get<std::string>(t.rows[0][0]) == "D-1");
}

TEST_CASE("fit_table: a table that fits is unchanged") {
  core::Table t = deals();
  core::Table before = t;
  auto hidden = cli::fit_table(t, 200, false, true);
  CHECK(hidden.empty());
  CHECK(t.rows == before.rows);
}

TEST_CASE("fit_table: columns at the right go when cutting is not enough") {
  core::Table t = deals();
  auto hidden = cli::fit_table(t, 24, false, true);
  CHECK(widest_line(t) <= 24);
  CHECK(t.columns.front().id == "id");
  CHECK(!hidden.empty());
}

TEST_CASE("select_columns orders by the ids given and names the closest id of an unknown one") {
  core::Table t = deals();
  CHECK(!cli::select_columns(t, {"amount", "id"}));
  REQUIRE(t.columns.size() == 2);
  CHECK(t.columns[0].id == "amount");
  CHECK(std::get<std::string>(t.rows[0][1]) == "D-1");
  core::Table u = deals();
  auto error = cli::select_columns(u, {"titel"});
  REQUIRE(error);
  CHECK(error->find("did you mean 'title'?") != std::string::npos);
  CHECK(error->find("id, title, amount, note") != std::string::npos);
}
