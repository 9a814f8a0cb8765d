// libFuzzer target: period expressions (--period). The first byte sets the calendar (fiscal
// year start, week start), the second moves today; the rest is the expression. A parsed
// period must be well formed, and splitting it or taking the previous one must hold too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/period.hpp"

using namespace salesops::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  CalendarSettings settings;
  settings.fiscal_year_start = 1 + data[0] % 12;
  settings.week_start = std::chrono::weekday{static_cast<unsigned>((data[0] / 12) % 7)};
  const Date today = make_date(2026, 1 + data[1] % 12, 1 + (data[1] / 12) % 28);
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  std::string error;
  auto period = parse_period(text, today, settings, &error);
  if (!period) {
    if (error.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  if (period->last < period->first || period->label.empty()) __builtin_trap();
  if (period->days() <= 800) {
    for (Every every : {Every::week, Every::month, Every::quarter, Every::year}) {
      auto parts = split_period(*period, every);
      if (parts.empty() || parts.front().first != period->first || parts.back().last != period->last)
        __builtin_trap();
      for (std::size_t i = 1; i < parts.size(); ++i)
        if (parts[i].first <= parts[i - 1].last) __builtin_trap();
    }
  }
  Period before = previous_period(*period, settings);
  if (before.last < before.first) __builtin_trap();
  return 0;
}
