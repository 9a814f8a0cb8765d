#include <doctest/doctest.h>

#include "core/base/ids.hpp"

using namespace salesops::core;

TEST_CASE("next_id is one above the highest number with the prefix") {
  std::vector<std::string_view> ids = {"D-2026-0113", "D-2026-0007", "D-2025-0999", "D-2026-x", "D-2026-"};
  CHECK(next_id("D-2026-", 4, ids) == "D-2026-0114");
  CHECK(next_id("D-2027-", 4, ids) == "D-2027-0001");
  CHECK(next_id("C-", 4, {}) == "C-0001");
  std::vector<std::string_view> wide = {"C-9999"};
  CHECK(next_id("C-", 4, wide) == "C-10000");
}

TEST_CASE("parse_key_values splits items and refuses malformed ones") {
  std::vector<std::pair<std::string, std::string>> kv;
  std::string error;
  std::vector<std::string> items = {"zhang.wei=0.4,li.na=0.6", "x="};
  REQUIRE(parse_key_values(items, &kv, &error));
  REQUIRE(kv.size() == 3);
  CHECK(kv[0] == std::pair<std::string, std::string>{"zhang.wei", "0.4"});
  CHECK(kv[2].second == "");
  std::vector<std::string> bad = {"a=1,b"};
  CHECK_FALSE(parse_key_values(bad, &kv, &error));
  CHECK(error == "'b' is not of the form key=value");
  std::vector<std::string> twice = {"a=1", "a=2"};
  CHECK_FALSE(parse_key_values(twice, &kv, &error));
  CHECK(error == "'a' is given twice");
}
