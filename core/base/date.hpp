#pragma once
// Calendar dates: ISO YYYY-MM-DD, no times, no time zones.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace salesops::core {

using Date = std::chrono::sys_days;

/// Parses a strict ISO date (YYYY-MM-DD) that exists in the calendar.
std::optional<Date> parse_date(std::string_view text);
/// Formats as YYYY-MM-DD.
std::string format_date(Date d);
/// Days from `from` to `to` (negative when `to` is earlier).
inline int days_between(Date from, Date to) { return static_cast<int>((to - from).count()); }
inline std::chrono::year_month_day ymd(Date d) { return std::chrono::year_month_day{d}; }
inline Date make_date(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

}  // namespace salesops::core
