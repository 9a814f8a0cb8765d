// Dates of `salesops import` in the format an export writes them: strptime(3) reads the
// field, which it must consume whole; the time of a timestamp is read and dropped.
#include <fmt/format.h>

#include <ctime>
#include <string_view>

#include "core/base/i18n.hpp"
#include "core/import/import.hpp"

namespace salesops::core {

namespace {

// The conversions a --date-format may hold, and which part of a date each gives.
struct DateCode {
  char code;
  bool year, month, day;
};
constexpr DateCode kDateCodes[] = {
    {'Y', true, false, false},  {'y', true, false, false},  {'m', false, true, false},  {'b', false, true, false},
    {'B', false, true, false},  {'h', false, true, false},  {'d', false, false, true},  {'e', false, false, true},
    {'D', true, true, true},    {'F', true, true, true},    {'H', false, false, false}, {'I', false, false, false},
    {'M', false, false, false}, {'S', false, false, false}, {'p', false, false, false}, {'T', false, false, false},
    {'R', false, false, false}, {'a', false, false, false}, {'A', false, false, false}, {'z', false, false, false},
    {'n', false, false, false}, {'t', false, false, false}, {'%', false, false, false}};

const DateCode* date_code(char c) {
  for (const DateCode& d : kDateCodes)
    if (d.code == c) return &d;
  return nullptr;
}

}  // namespace

std::optional<std::string> date_format_error(std::string_view format) {
  if (format.empty()) return std::nullopt;
  bool year = false, month = false, day = false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (i + 1 == format.size()) return std::string(N_("it ends in a lone %: write %% for a percent sign"));
    const DateCode* d = date_code(format[++i]);
    if (!d)
      return fmt::format(N_("%{} is not a code it reads: the codes are %Y %y %m %b %B %d %e %F %D (the date), "
                            "%H %I %M %S %p %T %R %z (a time, dropped), %a %A (a weekday), %n %t %%"),
                         format[i]);
    year |= d->year, month |= d->month, day |= d->day;
  }
  const char* missing = !year ? "year" : !month ? "month" : !day ? "day" : nullptr;
  if (missing)
    return fmt::format(N_("it has no {}: a date needs a year (%Y or %y), a month (%m or %b) and a day (%d)"), missing);
  return std::nullopt;
}

std::optional<Date> parse_date_with(std::string_view text, std::string_view format) {
  if (auto iso = parse_date(text)) return iso;
  if (format.empty() || date_format_error(format)) return std::nullopt;
  const std::string field(text), fmt_text(format);
  std::tm tm{};
  tm.tm_mday = 0;
  const char* end = strptime(field.c_str(), fmt_text.c_str(), &tm);
  if (!end || *end != '\0') return std::nullopt;  // the whole field, or it is not this format
  const int year = tm.tm_year + 1900;
  // %Y reads any number of digits: a year before 1000 is a short year read as a long one.
  if (year < 1000 || year > 9999) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)},
                                  std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

}  // namespace salesops::core
