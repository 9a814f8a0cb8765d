#pragma once
// Money as integer minor units (cents). Binary floating point never touches money.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace salesops::core {

struct Money {
  std::int64_t cents = 0;
  friend constexpr auto operator<=>(Money, Money) = default;
  constexpr Money& operator+=(Money o) { cents += o.cents; return *this; }
  constexpr Money& operator-=(Money o) { cents -= o.cents; return *this; }
  friend constexpr Money operator+(Money a, Money b) { return {a.cents + b.cents}; }
  friend constexpr Money operator-(Money a, Money b) { return {a.cents - b.cents}; }
  friend constexpr Money operator-(Money a) { return {-a.cents}; }
};

enum class MoneyError { none, syntax, too_many_decimals, too_large };

/// Parses a decimal amount: optional '-', digits, optional '.' and at most two decimals.
/// Sets `error` (when given) to say why it failed. No '+', spaces, exponents or thousands
/// separators; the magnitude is at most 999,999,999.99 (salesops-book(5)), so a sum of
/// ninety million amounts cannot overflow.
std::optional<Money> parse_money(std::string_view text, MoneyError* error = nullptr);
/// A short English explanation of a parse failure, for diagnostics.
const char* money_error_text(MoneyError error);
/// "12500.00", "-3.05": two decimals, no separators (machine formats).
std::string format_money(Money m);
/// An amount as records hold it: "12500" when whole, else two decimals ("12500.50", "0.35").
std::string format_money_short(Money m);
/// "12,500.00": thousands separators (tables).
std::string format_money_grouped(Money m);
/// Divides num/den rounding half away from zero (den != 0, and the quotient fits).
std::int64_t div_round_half_away(std::int64_t num, std::int64_t den);
/// Rounds a real-valued amount in cents to whole cents, half away from zero. NaN gives 0;
/// values beyond the int64 range saturate.
Money money_from_cents_real(long double cents);

/// a + b, or nothing when the sum leaves the int64 range of cents. Sums of amounts go
/// through it (or fits_cents), so that an overflow is an error naming a record, never a
/// wrapped or saturated figure.
std::optional<Money> checked_add(Money a, Money b);
/// True when a real amount in cents (a weighted or custom sum) rounds to a figure that
/// int64 cents hold; false for NaN and beyond the range money_from_cents_real saturates at.
bool fits_cents(long double cents);

/// An exchange rate in millionths: "7.1234" is 7123400. Digits, an optional '.' and at most
/// six decimals; above 0 and at most 1,000,000. Nothing when malformed or out of range.
std::optional<std::int64_t> parse_rate(std::string_view text);
/// `m` times `micro` / 1,000,000, rounded to whole cents half away from zero, computed
/// exactly in 128-bit integers.
Money convert_money(Money m, std::int64_t micro);

}  // namespace salesops::core
