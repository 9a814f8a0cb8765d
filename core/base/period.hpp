#pragma once
// Reporting periods (SPEC section 3): calendar and fiscal years and quarters, months, ISO
// weeks, inclusive date ranges and the relative words, all resolved against a given today.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.hpp"

namespace salesops::core {

/// What a period expression named; decides its label and what "previous" means.
enum class PeriodKind { year, fiscal_year, quarter, fiscal_quarter, month, week, range };

/// An inclusive span of days with its canonical label ("2026-11", "2026-Q3", "2026",
/// "FY2026", "FY2026-Q1", "2026-W05", "2026-11-01..2026-11-15", or "2026-11-05" for a
/// one-day range). Parsing a label again, with the same settings, gives the same period.
struct Period {
  Date first;
  Date last;
  std::string label;
  PeriodKind kind = PeriodKind::range;

  int days() const { return days_between(first, last) + 1; }
  bool contains(Date d) const { return first <= d && d <= last; }
  friend bool operator==(const Period&, const Period&) = default;
};

/// The calendar a book keeps (salesops.toml [org]).
struct CalendarSettings {
  unsigned fiscal_year_start = 1;  // month the fiscal year starts, 1-12
  std::chrono::weekday week_start = std::chrono::Monday;
};

/// Parses a period expression: 2026, FY2026 (the fiscal year ending in 2026), FY2026-Q1..Q4,
/// 2026-Q3 (calendar quarter), 2026-11, 2026-W05 (ISO week), 2026-11-01..2026-11-15
/// (inclusive), a single date 2026-11-05 (that one day), and the relative words
/// this-month, last-month, this-quarter, last-quarter, this-year, last-year (calendar
/// units, labelled canonically: last-month on 2026-11-26 is "2026-10"), ytd, mtd, qtd
/// (ranges from the unit's first day through today), this-week, last-week (ISO weeks; when
/// `week_start` is not Monday, the seven-day ranges starting on that weekday).
/// On failure returns nullopt and sets `error` (when given) to a message naming the input.
std::optional<Period> parse_period(std::string_view text, Date today, const CalendarSettings& settings,
                                   std::string* error);

/// The unit of `--every`.
enum class Every { week, month, quarter, year };
/// Parses week, month, quarter or year.
std::optional<Every> parse_every(std::string_view text);
std::string_view every_name(Every every);

/// Splits a period into consecutive calendar sub-periods (ISO weeks, months, calendar
/// quarters or years) labelled 2026-W05, 2026-07, 2026-Q3, 2026. The first and last are
/// clipped to the period; their label stays the whole sub-period's label.
std::vector<Period> split_period(const Period& period, Every every);

/// The previous comparable period: the same kind shifted back one unit (2026-11 -> 2026-10,
/// 2026-Q1 -> 2025-Q4, FY2026 -> FY2025, 2026-W01 -> the previous ISO year's last week).
/// A calendar or fiscal unit is taken from the one holding `first`, so a clipped sub-period
/// gives the whole unit before it. A range gives the range of equal length just before it.
Period previous_period(const Period& period, const CalendarSettings& settings);

/// "year", "fiscal_year", "quarter", "fiscal_quarter", "month", "week" or "range".
std::string_view period_kind_name(PeriodKind kind);

/// The calendar month, quarter or year holding a date, and the calendar year `year`.
Period month_period(Date d);
Period quarter_period(Date d);
Period year_period(int year);
/// The ISO week holding a date (Monday to Sunday), labelled with its ISO year and number.
Period week_period(Date d);
/// The sub-period unit of `every` holding a date: week_period, month_period, ...
Period period_containing(Date d, Every every);
/// The fiscal year ending in calendar year `fiscal_year`, and its quarter 1-4.
Period fiscal_year_period(int fiscal_year, const CalendarSettings& settings);
Period fiscal_quarter_period(int fiscal_year, unsigned quarter, const CalendarSettings& settings);
/// An inclusive range (first <= last) with its canonical label.
Period range_period(Date first, Date last);

/// The ISO 8601 week-numbering year and week (1-53) of a date.
struct IsoWeek {
  int year = 0;
  unsigned week = 0;
};
IsoWeek iso_week(Date d);
/// 52 or 53: the number of ISO weeks in an ISO year.
unsigned iso_weeks_in_year(int year);

/// Today's date in UTC by the system clock: the one function that reads the clock.
Date system_today();
/// Resolves "today": the --today option when given, else SALESOPS_TODAY when set and not
/// empty, else `clock_today`. A value that is not a valid YYYY-MM-DD is an error (the
/// other source is not tried), reported through `error` naming where it came from.
std::optional<Date> today_from(std::string_view option_value, const char* env_value, Date clock_today,
                               std::string* error);
/// The same, falling back to system_today().
std::optional<Date> today_from(std::string_view option_value, const char* env_value, std::string* error);

}  // namespace salesops::core
