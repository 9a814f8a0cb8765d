#include "core/base/money.hpp"

#include <doctest/doctest.h>

#include <limits>

using salesops::core::div_round_half_away;
using salesops::core::format_money;
using salesops::core::format_money_grouped;
using salesops::core::Money;
using salesops::core::money_error_text;
using salesops::core::money_from_cents_real;
using salesops::core::MoneyError;
using salesops::core::parse_money;

namespace {

MoneyError error_of(std::string_view text) {
  MoneyError error = MoneyError::none;
  CHECK_FALSE(parse_money(text, &error).has_value());
  return error;
}

}  // namespace

TEST_CASE("money: parses whole amounts and one or two decimals") {
  CHECK(parse_money("12500")->cents == 1250000);
  CHECK(parse_money("12500.5")->cents == 1250050);
  CHECK(parse_money("12500.50")->cents == 1250050);
  CHECK(parse_money("0.05")->cents == 5);
  CHECK(parse_money("0")->cents == 0);
  CHECK(parse_money("007")->cents == 700);
  CHECK(parse_money("-3.05")->cents == -305);
  CHECK(parse_money("-0.5")->cents == -50);
  CHECK(parse_money("-0")->cents == 0);
}

TEST_CASE("money: a successful parse clears the error") {
  MoneyError error = MoneyError::syntax;
  CHECK(parse_money("1.25", &error).has_value());
  CHECK(error == MoneyError::none);
}

TEST_CASE("money: rejects more than two decimals") {
  CHECK(error_of("1.234") == MoneyError::too_many_decimals);
  CHECK(error_of("1.200") == MoneyError::too_many_decimals);
  CHECK(error_of("-0.001") == MoneyError::too_many_decimals);
}

TEST_CASE("money: rejects malformed text as syntax errors") {
  for (std::string_view bad : {"", "-", "+5", " 5", "5 ", "1e5", "1E5", "1,000", "1.000,00", "12.", ".5",
                               "-.5", "1.2a", "1.2.3", "--1", "abc", "1_000", "0x10", "１２"}) {
    CAPTURE(bad);
    CHECK(error_of(bad) == MoneyError::syntax);
  }
}

TEST_CASE("money: limits the magnitude to the largest amount, 999999999.99") {
  CHECK(parse_money("999999999.99")->cents == 99'999'999'999);
  CHECK(parse_money("-999999999.99")->cents == -99'999'999'999);
  CHECK(parse_money("0999999999.99")->cents == 99'999'999'999);
  CHECK(error_of("1000000000") == MoneyError::too_large);
  CHECK(error_of("-1000000000.00") == MoneyError::too_large);
  CHECK(error_of("92233720368547758.07") == MoneyError::too_large);
  CHECK(error_of("92233720368547758.08") == MoneyError::too_large);
  CHECK(error_of("-92233720368547758.08") == MoneyError::too_large);
  CHECK(error_of("92233720368547759") == MoneyError::too_large);
  CHECK(error_of("100000000000000000000000000") == MoneyError::too_large);
}

TEST_CASE("money: every error has an explanation") {
  CHECK(std::string_view(money_error_text(MoneyError::too_many_decimals)) == "an amount has at most two decimals");
  CHECK_FALSE(std::string_view(money_error_text(MoneyError::syntax)).empty());
  CHECK(std::string_view(money_error_text(MoneyError::too_large)) == "an amount is at most 999999999.99");
}

TEST_CASE("money: ten million of the largest amounts add up within int64 cents") {
  std::int64_t largest = parse_money("999999999.99")->cents;
  CHECK(largest <= std::numeric_limits<std::int64_t>::max() / 10'000'000);
  CHECK(-largest >= std::numeric_limits<std::int64_t>::min() / 10'000'000);
}

TEST_CASE("money: formats with two decimals and no separators") {
  CHECK(format_money(Money{1250000}) == "12500.00");
  CHECK(format_money(Money{-305}) == "-3.05");
  CHECK(format_money(Money{5}) == "0.05");
  CHECK(format_money(Money{-5}) == "-0.05");
  CHECK(format_money(Money{0}) == "0.00");
  CHECK(format_money(Money{123456789}) == "1234567.89");
  CHECK(format_money(Money{std::numeric_limits<std::int64_t>::min()}) == "-92233720368547758.08");
}

TEST_CASE("money: formats with thousands separators for tables") {
  CHECK(format_money_grouped(Money{1250000}) == "12,500.00");
  CHECK(format_money_grouped(Money{-123456789}) == "-1,234,567.89");
  CHECK(format_money_grouped(Money{99999}) == "999.99");
  CHECK(format_money_grouped(Money{100000}) == "1,000.00");
  CHECK(format_money_grouped(Money{-100}) == "-1.00");
  CHECK(format_money_grouped(Money{100000000}) == "1,000,000.00");
  CHECK(format_money_grouped(Money{std::numeric_limits<std::int64_t>::max()}) == "92,233,720,368,547,758.07");
}

TEST_CASE("money: format and parse round-trip") {
  for (std::int64_t cents : {0LL, 1LL, -1LL, 99LL, -100LL, 1250050LL, -987654321LL}) {
    CAPTURE(cents);
    CHECK(parse_money(format_money(Money{cents}))->cents == cents);
  }
}

TEST_CASE("money: division rounds half away from zero") {
  CHECK(div_round_half_away(5, 2) == 3);
  CHECK(div_round_half_away(-5, 2) == -3);
  CHECK(div_round_half_away(5, -2) == -3);
  CHECK(div_round_half_away(-5, -2) == 3);
  CHECK(div_round_half_away(7, 3) == 2);
  CHECK(div_round_half_away(8, 3) == 3);
  CHECK(div_round_half_away(-7, 3) == -2);
  CHECK(div_round_half_away(-8, 3) == -3);
  CHECK(div_round_half_away(6, 3) == 2);
  CHECK(div_round_half_away(0, 7) == 0);
  CHECK(div_round_half_away(1, 2) == 1);
  CHECK(div_round_half_away(-1, 2) == -1);
  CHECK(div_round_half_away(1, 3) == 0);
  CHECK(div_round_half_away(std::numeric_limits<std::int64_t>::max(), 2) == 4611686018427387904LL);
  CHECK(div_round_half_away(std::numeric_limits<std::int64_t>::min(), 1) == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("money: real-valued cents round half away from zero") {
  CHECK(money_from_cents_real(2.5L).cents == 3);
  CHECK(money_from_cents_real(-2.5L).cents == -3);
  CHECK(money_from_cents_real(2.4999L).cents == 2);
  CHECK(money_from_cents_real(-2.4999L).cents == -2);
  CHECK(money_from_cents_real(0.5L).cents == 1);
  CHECK(money_from_cents_real(-0.5L).cents == -1);
  // 5% commission on 12,345.67 is 61,728.35 cents: 617.28.
  CHECK(money_from_cents_real(1234567.0L * 0.05L).cents == 61728);
  CHECK(money_from_cents_real(0.0L).cents == 0);
  CHECK(money_from_cents_real(std::numeric_limits<long double>::quiet_NaN()).cents == 0);
  CHECK(money_from_cents_real(1e30L).cents == std::numeric_limits<std::int64_t>::max());
  CHECK(money_from_cents_real(-1e30L).cents == -std::numeric_limits<std::int64_t>::max());
}
