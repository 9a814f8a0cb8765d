#include "core/base/money.hpp"

#include <cmath>
#include <limits>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

constexpr std::uint64_t kMaxMagnitude = std::numeric_limits<std::int64_t>::max();
// The largest amount a record or option may hold, 999,999,999.99 (salesops-book(5)): ten
// million such amounts, indeed 92 million, add up within int64 cents, so a sum over a
// book cannot wrap; products and rates are checked where they are taken.
constexpr std::uint64_t kMaxAmount = 99'999'999'999;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The magnitude of a value as unsigned, so that INT64_MIN formats without overflow.
std::uint64_t magnitude(std::int64_t v) {
  return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

std::string format_cents(std::int64_t cents, bool grouped) {
  std::uint64_t mag = magnitude(cents);
  std::string whole = std::to_string(mag / 100);
  if (grouped) {
    std::string out;
    out.reserve(whole.size() + whole.size() / 3);
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
      out += whole[i];
    }
    whole = std::move(out);
  }
  unsigned frac = static_cast<unsigned>(mag % 100);
  std::string text;
  if (cents < 0) text += '-';
  text += whole;
  text += '.';
  text += static_cast<char>('0' + frac / 10);
  text += static_cast<char>('0' + frac % 10);
  return text;
}

std::optional<Money> fail(MoneyError* error, MoneyError why) {
  if (error) *error = why;
  return std::nullopt;
}

}  // namespace

std::optional<Money> parse_money(std::string_view text, MoneyError* error) {
  if (error) *error = MoneyError::none;
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && text[pos] == '-') {
    negative = true;
    ++pos;
  }
  std::size_t int_start = pos;
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  std::string_view whole = text.substr(int_start, pos - int_start);
  std::string_view decimals;
  if (whole.empty()) return fail(error, MoneyError::syntax);
  if (pos < text.size()) {
    if (text[pos] != '.') return fail(error, MoneyError::syntax);
    decimals = text.substr(pos + 1);
    if (decimals.empty()) return fail(error, MoneyError::syntax);
    for (char c : decimals) {
      if (!is_digit(c)) return fail(error, MoneyError::syntax);
    }
    if (decimals.size() > 2) return fail(error, MoneyError::too_many_decimals);
  }

  // Accumulate the magnitude in cents, refusing anything past the largest amount.
  std::uint64_t cents = 0;
  auto push_digit = [&](char c) {
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (cents > (kMaxAmount - d) / 10) return false;
    cents = cents * 10 + d;
    return true;
  };
  for (char c : whole) {
    if (!push_digit(c)) return fail(error, MoneyError::too_large);
  }
  for (std::size_t i = 0; i < 2; ++i) {
    if (!push_digit(i < decimals.size() ? decimals[i] : '0')) return fail(error, MoneyError::too_large);
  }
  auto value = static_cast<std::int64_t>(cents);
  return Money{negative ? -value : value};
}

const char* money_error_text(MoneyError error) {
  switch (error) {
    case MoneyError::none:
      return N_("no error");
    case MoneyError::syntax:
      return N_("expected a decimal amount such as 12500 or -12500.50");
    case MoneyError::too_many_decimals:
      return N_("an amount has at most two decimals");
    case MoneyError::too_large:
      return N_("an amount is at most 999999999.99");
  }
  return N_("invalid amount");
}

std::string format_money(Money m) { return format_cents(m.cents, false); }

std::string format_money_short(Money m) {
  std::string s = format_money(m);
  return s.ends_with(".00") ? s.substr(0, s.size() - 3) : s;
}

std::string format_money_grouped(Money m) { return format_cents(m.cents, true); }

std::int64_t div_round_half_away(std::int64_t num, std::int64_t den) {
  std::uint64_t n = magnitude(num);
  std::uint64_t d = magnitude(den);
  std::uint64_t q = n / d;
  std::uint64_t r = n % d;
  if (r >= d - r) ++q;  // r / d >= 1/2, written without overflowing 2 * r
  bool negative = (num < 0) != (den < 0);
  if (negative) return q >= kMaxMagnitude + 1 ? std::numeric_limits<std::int64_t>::min()
                                              : -static_cast<std::int64_t>(q);
  return static_cast<std::int64_t>(q);
}

Money money_from_cents_real(long double cents) {
  if (std::isnan(cents)) return Money{0};
  long double rounded = std::roundl(cents);  // halves go away from zero
  constexpr auto kMax = static_cast<long double>(std::numeric_limits<std::int64_t>::max());
  if (rounded >= kMax) return Money{std::numeric_limits<std::int64_t>::max()};
  if (rounded <= -kMax) return Money{-std::numeric_limits<std::int64_t>::max()};
  return Money{static_cast<std::int64_t>(rounded)};
}

std::optional<Money> checked_add(Money a, Money b) {
  Money sum;
  if (__builtin_add_overflow(a.cents, b.cents, &sum.cents)) return std::nullopt;
  return sum;
}

bool fits_cents(long double cents) {
  constexpr auto kMax = static_cast<long double>(std::numeric_limits<std::int64_t>::max());
  return !std::isnan(cents) && std::fabs(std::roundl(cents)) < kMax;
}

}  // namespace salesops::core

namespace salesops::core {

std::optional<std::int64_t> parse_rate(std::string_view text) {
  constexpr std::int64_t kMaxMicro = 1'000'000'000'000;  // 1,000,000 units
  std::int64_t micro = 0;
  std::size_t pos = 0, decimals = 0;
  bool point = false, digits = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !point && digits) { point = true; continue; }
    if (!is_digit(c)) return std::nullopt;
    if (point && ++decimals > 6) return std::nullopt;
    digits = true;
    micro = micro * 10 + (c - '0');
    if (micro > kMaxMicro) return std::nullopt;
  }
  if (!digits || (point && decimals == 0)) return std::nullopt;
  for (; decimals < 6; ++decimals) {
    micro *= 10;
    if (micro > kMaxMicro) return std::nullopt;
  }
  if (micro <= 0 || micro > kMaxMicro) return std::nullopt;
  return micro;
}

Money convert_money(Money m, std::int64_t micro) {
  __int128 product = static_cast<__int128>(m.cents) * micro;
  __int128 mag = product < 0 ? -product : product;
  __int128 q = (mag + 500'000) / 1'000'000;  // half away from zero
  __int128 limit = std::numeric_limits<std::int64_t>::max();
  if (q > limit) q = limit;
  return Money{static_cast<std::int64_t>(product < 0 ? -q : q)};
}

}  // namespace salesops::core
