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

TEST_CASE("new_id: the prefix, a letter and three base32 characters, the same for the same seed") {
  std::vector<std::string_view> none;
  std::string a = new_id("D-2026-", "zhang.wei\nC-1\n900", none);
  CHECK(a.size() == 11);
  CHECK(a.starts_with("D-2026-"));
  CHECK(std::string_view("abcdefghjkmnpqrstvwxyz").find(a[7]) != std::string_view::npos);
  for (char c : a.substr(8)) CHECK(std::string_view("0123456789abcdefghjkmnpqrstvwxyz").find(c) != std::string_view::npos);
  CHECK(new_id("D-2026-", "zhang.wei\nC-1\n900", none) == a);
  CHECK(new_id("D-2026-", "sarah.miller\nC-1\n900", none) != a);
  std::vector<std::string_view> taken = {a};
  std::string b = new_id("D-2026-", "zhang.wei\nC-1\n900", taken);
  CHECK(b != a);
  CHECK(b.starts_with("D-2026-"));
  CHECK(is_record_id(b));
}

TEST_CASE("new_record_place: after the owner's last record, else where the id's hash says") {
  std::vector<std::string_view> owners = {"li.na", "zhang.wei", "li.na", "wang.fang"};
  CHECK(new_record_place(owners, "li.na", "D-2026-k3f9") == 3);
  CHECK(new_record_place(owners, "zhang.wei", "D-2026-k3f9") == 2);
  CHECK(new_record_place(owners, "wang.fang", "D-2026-k3f9") == 4);
  std::size_t first = new_record_place(owners, "sarah.miller", "D-2026-k3f9");
  CHECK(first <= owners.size());
  CHECK(new_record_place(owners, "sarah.miller", "D-2026-k3f9") == first);
  CHECK(new_record_place({}, "sarah.miller", "D-2026-k3f9") == 0);
}
