#include "core/base/date.hpp"

#include <doctest/doctest.h>

using salesops::core::days_between;
using salesops::core::format_date;
using salesops::core::make_date;
using salesops::core::parse_date;

TEST_CASE("date: parses strict ISO dates") {
  REQUIRE(parse_date("2026-11-05").has_value());
  CHECK(*parse_date("2026-11-05") == make_date(2026, 11, 5));
  CHECK(*parse_date("2026-01-01") == make_date(2026, 1, 1));
  CHECK(*parse_date("2026-12-31") == make_date(2026, 12, 31));
}

TEST_CASE("date: rejects malformed text") {
  for (std::string_view bad : {"", "2026-1-05", "2026-11-5", "26-11-05", "2026/11/05", "2026-11-05 ",
                               " 2026-11-05", "2026-11-05T00:00", "20261105", "2026-13-01", "2026-00-10",
                               "2026-11-00", "2026-11-31", "2026-1a-05", "+026-11-05"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_date(bad).has_value());
  }
}

TEST_CASE("date: leap years") {
  CHECK(parse_date("2024-02-29").has_value());  // divisible by 4
  CHECK(parse_date("2000-02-29").has_value());  // divisible by 400
  CHECK_FALSE(parse_date("2026-02-29").has_value());
  CHECK_FALSE(parse_date("2026-02-30").has_value());
  CHECK_FALSE(parse_date("2024-02-30").has_value());
  CHECK_FALSE(parse_date("2100-02-29").has_value());  // divisible by 100, not 400
  CHECK_FALSE(parse_date("1900-02-29").has_value());
}

TEST_CASE("date: formats as YYYY-MM-DD") {
  CHECK(format_date(make_date(2026, 3, 7)) == "2026-03-07");
  CHECK(format_date(make_date(999, 12, 31)) == "0999-12-31");
  CHECK(format_date(*parse_date("2024-02-29")) == "2024-02-29");
}

TEST_CASE("date: days between dates") {
  CHECK(days_between(make_date(2026, 11, 1), make_date(2026, 11, 15)) == 14);
  CHECK(days_between(make_date(2026, 11, 15), make_date(2026, 11, 1)) == -14);
  CHECK(days_between(make_date(2024, 2, 28), make_date(2024, 3, 1)) == 2);
  CHECK(days_between(make_date(2026, 2, 28), make_date(2026, 3, 1)) == 1);
  CHECK(days_between(make_date(2025, 12, 31), make_date(2026, 1, 1)) == 1);
}
