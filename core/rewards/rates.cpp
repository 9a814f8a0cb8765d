// The exact arithmetic of payouts: a rate applied to an amount as the decimal it was
// written as, and rates and edges in words.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "core/rewards/rewards.hpp"

namespace salesops::core {

namespace {

/// The shortest fixed-point text that reads back as `v` ("0.05", "1", "1.25").
std::string shortest_fixed(double v) {
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc{}) return "0";
  return std::string(buf, end);
}

/// `v` as digits / 10^scale when its shortest decimal has at most 18 significant digits.
bool as_decimal(double v, __int128& digits, int& scale) {
  if (!std::isfinite(v)) return false;
  std::string s = shortest_fixed(std::fabs(v));
  digits = 0;
  scale = 0;
  bool after_point = false;
  int significant = 0;
  for (char c : s) {
    if (c == '.') { after_point = true; continue; }
    if (significant > 0 || c != '0') ++significant;
    if (significant > 18) return false;
    digits = digits * 10 + (c - '0');
    if (after_point) ++scale;
  }
  if (scale > 30) return false;
  if (v < 0) digits = -digits;
  return true;
}

/// A decimal number written from `text` with its point moved two places right (× 100).
std::string times_hundred(std::string text) {
  std::string sign;
  if (!text.empty() && text[0] == '-') { sign = "-"; text.erase(0, 1); }
  auto point = text.find('.');
  std::string whole = point == std::string::npos ? text : text.substr(0, point);
  std::string frac = point == std::string::npos ? "" : text.substr(point + 1);
  while (frac.size() < 2) frac += '0';
  whole += frac.substr(0, 2);
  frac.erase(0, 2);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return sign + whole + (frac.empty() ? "" : "." + frac);
}

}  // namespace

std::int64_t saturating_cents(__int128 v) {
  constexpr __int128 kMax = std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(std::clamp(v, -kMax, kMax));
}

std::int64_t apply_rate(std::int64_t amount, double rate) {
  __int128 digits = 0;
  int scale = 0;
  if (!as_decimal(rate, digits, scale))
    return money_from_cents_real(static_cast<long double>(amount) * static_cast<long double>(rate)).cents;
  // amount × digits fits: |amount| < 2^63 and |digits| < 10^18 < 2^60, so the product
  // stays below 2^123.
  __int128 product = static_cast<__int128>(amount) * digits;
  if (scale == 0) return saturating_cents(product);
  if (scale > 36) return 0;
  __int128 den = 1;
  for (int i = 0; i < scale; ++i) den *= 10;
  bool negative = product < 0;
  __int128 magnitude = negative ? -product : product;
  __int128 q = magnitude / den, r = magnitude % den;
  if (r >= den - r) ++q;  // half away from zero
  return saturating_cents(negative ? -q : q);
}

std::string tier_number(double v) {
  std::string s = shortest_fixed(v);
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

std::string percent_words(double v) { return times_hundred(shortest_fixed(v)) + "%"; }

std::string tier_component(const RewardTier& tier) {
  return tier.to ? fmt::format("tier:{}-{}", tier_number(tier.from), tier_number(*tier.to))
                 : fmt::format("tier:{}+", tier_number(tier.from));
}

std::string gate_minimum_words(const Book& book, const RewardPlan& plan) {
  double min = plan.gate_min.value_or(0);
  auto def = find_kpi(book.config, book.text(plan.gate_metric));
  return def && def->unit == KpiUnit::ratio ? percent_words(min) : tier_number(min);
}

}  // namespace salesops::core
