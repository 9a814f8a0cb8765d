#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base/path_list.hpp"

using salesops::core::PathList;

TEST_CASE("path list: paths read back in order, cut back and appended again") {
  PathList l;
  CHECK(l.empty());
  std::vector<std::string> paths{"salesops.toml", "", "deals/2026-01.yaml", "customers/c-000001.yaml", "客户/名单.yaml"};
  l.reserve(paths.size(), 64);
  l.append(paths.begin(), paths.end());
  REQUIRE(l.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) CHECK(l[i] == paths[i]);
  CHECK(l.back() == "客户/名单.yaml");
  CHECK(std::vector<std::string>(l.begin(), l.end()) == paths);
  CHECK(std::find(l.begin(), l.end(), "deals/2026-01.yaml") - l.begin() == 2);
  CHECK_THROWS_AS(l.at(paths.size()), std::out_of_range);
  l.resize(3);
  CHECK(l.size() == 3);
  CHECK(l.back() == "deals/2026-01.yaml");
  l.pop_back();
  l.push_back("deals/2026-02.yaml");
  CHECK(l[2] == "deals/2026-02.yaml");
  CHECK(l[1].empty());
  l.resize(0);
  CHECK(l.empty());
  l.push_back("a");
  CHECK(l[0] == "a");
}
