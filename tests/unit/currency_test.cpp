// Exchange rates: parsing a rate exactly, converting cents with one rounding, and the rate
// in effect on a day.
#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>

#include "core/base/money.hpp"
#include "core/book/book.hpp"

using namespace salesops::core;

TEST_CASE("currency: a rate is parsed exactly, in millionths") {
  CHECK(parse_rate("7.1234") == 7'123'400);
  CHECK(parse_rate("7") == 7'000'000);
  CHECK(parse_rate("0.000001") == 1);
  CHECK(parse_rate("1000000") == 1'000'000'000'000);
  CHECK(parse_rate("1000000.000000") == 1'000'000'000'000);
  CHECK_FALSE(parse_rate("1000000.000001"));
  CHECK_FALSE(parse_rate("0"));
  CHECK_FALSE(parse_rate("0.0000001"));  // seven decimals
  CHECK_FALSE(parse_rate("-1"));
  CHECK_FALSE(parse_rate(""));
  CHECK_FALSE(parse_rate("."));
  CHECK_FALSE(parse_rate("7."));
  CHECK_FALSE(parse_rate(".5"));
  CHECK_FALSE(parse_rate("1e3"));
  CHECK_FALSE(parse_rate("7.1.2"));
  CHECK_FALSE(parse_rate("99999999999999999999999"));
}

TEST_CASE("currency: conversion rounds half away from zero, once") {
  // 1 cent at 0.5 is exactly half a cent: away from zero.
  CHECK(convert_money(Money{1}, 500'000).cents == 1);
  CHECK(convert_money(Money{-1}, 500'000).cents == -1);
  // Just under and just over the half.
  CHECK(convert_money(Money{1}, 499'999).cents == 0);
  CHECK(convert_money(Money{1}, 500'001).cents == 1);
  CHECK(convert_money(Money{3}, 1'500'000).cents == 5);  // 4.5 -> 5
  CHECK(convert_money(Money{-3}, 1'500'000).cents == -5);
  // 1,000.00 at 7.1234 = 7,123.40 exactly; 0.01 at 7.1234 = 0.071234 -> 0.07.
  CHECK(convert_money(Money{100'000}, 7'123'400).cents == 712'340);
  CHECK(convert_money(Money{1}, 7'123'400).cents == 7);
  // 12,345.67 at 0.137137: 1234567 x 137137 = 169304814679 millionths of a cent -> 169305.
  CHECK(convert_money(Money{1'234'567}, 137'137).cents == 169'305);
  // 0.02 at 7.25 is 14.5 cents -> 15; at 7.249999 it is 14.499998 -> 14.
  CHECK(convert_money(Money{2}, 7'250'000).cents == 15);
  CHECK(convert_money(Money{2}, 7'249'999).cents == 14);
  // The largest amount at the largest rate needs 128 bits on the way.
  CHECK(convert_money(Money{99'999'999'999}, 1'000'000'000'000).cents == 99'999'999'999'000'000);
  CHECK(convert_money(Money{0}, 7'123'400).cents == 0);
  CHECK(convert_money(Money{123}, 1'000'000).cents == 123);  // a rate of 1 changes nothing
}

TEST_CASE("currency: the rate in effect is the latest dated on or before the day") {
  Book b;
  b.config.currency = "CNY";
  auto day = [](int y, int m, int d) { return make_date(y, m, d); };
  b.rates.push_back({"EUR", day(2026, 1, 1), 7'800'000, {}});
  b.rates.push_back({"USD", day(2026, 1, 1), 7'100'000, {}});
  b.rates.push_back({"USD", day(2026, 7, 1), 7'200'000, {}});
  CHECK(b.rate_on("USD", day(2025, 12, 31)) == nullptr);
  CHECK(b.rate_on("USD", day(2026, 1, 1))->micro == 7'100'000);
  CHECK(b.rate_on("USD", day(2026, 6, 30))->micro == 7'100'000);
  CHECK(b.rate_on("USD", day(2026, 7, 1))->micro == 7'200'000);
  CHECK(b.rate_on("USD", day(2030, 1, 1))->micro == 7'200'000);
  CHECK(b.rate_on("EUR", day(2026, 3, 1))->micro == 7'800'000);
  CHECK(b.rate_on("GBP", day(2026, 3, 1)) == nullptr);
  CHECK(b.rate_on("AAA", day(2026, 3, 1)) == nullptr);

  CHECK(b.currency_slot("CNY") == 0);
  CHECK(b.currency_slot("USD") == 1);
  CHECK(b.currency_slot("USD") == 1);
  Deal d;
  d.id = b.strings.store("D-1");
  d.amount = Money{100'000};
  d.currency = *b.currency_slot("USD");
  CHECK(b.currency_of(d) == "USD");
  CHECK(b.amount_in_book_currency(d, day(2026, 6, 30)).cents == 710'000);
  CHECK(b.amount_in_book_currency(d, day(2026, 7, 1)).cents == 720'000);
  CHECK_THROWS_AS(b.amount_in_book_currency(d, day(2025, 12, 31)), std::runtime_error);
  d.currency = 0;
  CHECK(b.amount_in_book_currency(d, day(2025, 12, 31)).cents == 100'000);
}

TEST_CASE("currency: a deal stays 64 bytes") {
  CHECK(sizeof(Deal) <= 64);
}
