#include "core/base/period.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/enum_names.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

using std::chrono::days;

constexpr std::string_view kExpected =
    N_("expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD, FYYYYY, FYYYYY-Qn, a range A..B "
       "or a relative word (this-month, last-month, this-quarter, last-quarter, this-year, "
       "last-year, this-week, last-week, ytd, qtd, mtd)");

int year_of(Date d) { return static_cast<int>(ymd(d).year()); }
unsigned month_of(Date d) { return static_cast<unsigned>(ymd(d).month()); }

Date last_of_month(int y, unsigned m) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::last};
}

// The first day of the month `delta` months after (y, m).
Date shift_months(int y, unsigned m, int delta) {
  int index = y * 12 + static_cast<int>(m) - 1 + delta;
  int year = index >= 0 ? index / 12 : -((-index + 11) / 12);
  return make_date(year, static_cast<unsigned>(index - year * 12) + 1, 1);
}

unsigned fiscal_start(const CalendarSettings& s) {
  return s.fiscal_year_start >= 1 && s.fiscal_year_start <= 12 ? s.fiscal_year_start : 1;
}

// The fiscal year (named by the calendar year it ends in) holding a date.
int fiscal_year_of(Date d, const CalendarSettings& s) {
  unsigned start = fiscal_start(s);
  if (start == 1) return year_of(d);
  return month_of(d) >= start ? year_of(d) + 1 : year_of(d);
}

unsigned fiscal_quarter_of(Date d, const CalendarSettings& s) {
  return (month_of(d) + 12 - fiscal_start(s)) % 12 / 3 + 1;
}

Date iso_week_monday(int iso_year, unsigned week) {
  Date jan4 = make_date(iso_year, 1, 4);
  Date week1 = jan4 - days{std::chrono::weekday{jan4}.iso_encoding() - 1};
  return week1 + days{7 * (static_cast<int>(week) - 1)};
}

// Reads a non-empty run of ASCII digits (at most 9, so it fits an int).
bool read_number(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

bool is_year(std::string_view s, int& year) { return s.size() == 4 && read_number(s, year); }

// The seven days starting on `week_start` that hold `d`: an ISO week when it is Monday.
Period week_holding(Date d, const CalendarSettings& s) {
  if (s.week_start == std::chrono::Monday) return week_period(d);
  Date first = d - (std::chrono::weekday{d} - s.week_start);
  return range_period(first, first + days{6});
}

std::optional<Period> parse_relative(std::string_view w, Date today, const CalendarSettings& s) {
  if (w == "this-month") return month_period(today);
  if (w == "last-month") return month_period(month_period(today).first - days{1});
  if (w == "this-quarter") return quarter_period(today);
  if (w == "last-quarter") return quarter_period(quarter_period(today).first - days{1});
  if (w == "this-year") return year_period(year_of(today));
  if (w == "last-year") return year_period(year_of(today) - 1);
  if (w == "this-week") return week_holding(today, s);
  if (w == "last-week") return week_holding(today - days{7}, s);
  if (w == "ytd") return range_period(year_period(year_of(today)).first, today);
  if (w == "qtd") return range_period(quarter_period(today).first, today);
  if (w == "mtd") return range_period(month_period(today).first, today);
  return std::nullopt;
}

}  // namespace

std::string_view period_kind_name(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::year: return "year";
    case PeriodKind::fiscal_year: return "fiscal_year";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::fiscal_quarter: return "fiscal_quarter";
    case PeriodKind::month: return "month";
    case PeriodKind::week: return "week";
    case PeriodKind::range: return "range";
  }
  return "range";
}

Period month_period(Date d) {
  int y = year_of(d);
  unsigned m = month_of(d);
  return {make_date(y, m, 1), last_of_month(y, m), fmt::format("{:04}-{:02}", y, m), PeriodKind::month};
}

Period quarter_period(Date d) {
  int y = year_of(d);
  unsigned q = (month_of(d) - 1) / 3 + 1;
  return {make_date(y, 3 * q - 2, 1), last_of_month(y, 3 * q), fmt::format("{:04}-Q{}", y, q),
          PeriodKind::quarter};
}

Period year_period(int year) {
  return {make_date(year, 1, 1), make_date(year, 12, 31), fmt::format("{:04}", year), PeriodKind::year};
}

IsoWeek iso_week(Date d) {
  // The ISO year and week are those of the Thursday of the date's Monday-based week.
  Date thursday = d - days{std::chrono::weekday{d}.iso_encoding() - 1} + days{3};
  int year = year_of(thursday);
  auto week = static_cast<unsigned>(days_between(make_date(year, 1, 1), thursday) / 7 + 1);
  return {year, week};
}

unsigned iso_weeks_in_year(int year) { return iso_week(make_date(year, 12, 28)).week; }

Period week_period(Date d) {
  IsoWeek w = iso_week(d);
  Date monday = iso_week_monday(w.year, w.week);
  return {monday, monday + days{6}, fmt::format("{:04}-W{:02}", w.year, w.week), PeriodKind::week};
}

Period period_containing(Date d, Every every) {
  switch (every) {
    case Every::week: return week_period(d);
    case Every::month: return month_period(d);
    case Every::quarter: return quarter_period(d);
    case Every::year: return year_period(year_of(d));
  }
  return month_period(d);
}

Period fiscal_year_period(int fiscal_year, const CalendarSettings& settings) {
  unsigned start = fiscal_start(settings);
  Date first = start == 1 ? make_date(fiscal_year, 1, 1) : make_date(fiscal_year - 1, start, 1);
  Date last = shift_months(year_of(first), start, 12) - days{1};
  return {first, last, fmt::format("FY{:04}", fiscal_year), PeriodKind::fiscal_year};
}

Period fiscal_quarter_period(int fiscal_year, unsigned quarter, const CalendarSettings& settings) {
  Date year_first = fiscal_year_period(fiscal_year, settings).first;
  int offset = 3 * (static_cast<int>(quarter) - 1);
  Date first = shift_months(year_of(year_first), month_of(year_first), offset);
  Date last = shift_months(year_of(year_first), month_of(year_first), offset + 3) - days{1};
  return {first, last, fmt::format("FY{:04}-Q{}", fiscal_year, quarter), PeriodKind::fiscal_quarter};
}

Period range_period(Date first, Date last) {
  std::string label = first == last ? format_date(first) : format_date(first) + ".." + format_date(last);
  return {first, last, std::move(label), PeriodKind::range};
}

namespace {

// The years a period may cover (inclusive; salesops-periods(7)): dates in records may lie
// anywhere, but a report split by week stays some 16,000 rows at most.
constexpr int kFirstPeriodYear = 1900;
constexpr int kLastPeriodYear = 2200;

std::optional<Period> parse_unbounded(std::string_view text, Date today, const CalendarSettings& settings,
                                      std::string* error) {
  auto fail = [&](std::string message) -> std::optional<Period> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  auto unknown = [&] { return fail(fmt::format(N_("unknown period '{}': {}"), text, kExpected)); };

  if (auto relative = parse_relative(text, today, settings)) return relative;

  if (auto dots = text.find(".."); dots != std::string_view::npos) {
    std::string_view a = text.substr(0, dots);
    std::string_view b = text.substr(dots + 2);
    auto first = parse_date(a);
    auto last = parse_date(b);
    if (!first || !last) {
      return fail(fmt::format(N_("invalid range '{}': '{}' is not a date YYYY-MM-DD"), text, first ? b : a));
    }
    if (*last < *first) return fail(fmt::format(N_("invalid range '{}': it ends before it starts"), text));
    return range_period(*first, *last);
  }

  int year = 0;
  if (text.starts_with("FY")) {
    std::string_view rest = text.substr(2);
    unsigned quarter = 0;
    if (rest.size() == 7 && rest.substr(4, 2) == "-Q") {
      int q = 0;
      if (!read_number(rest.substr(6), q) || q < 1 || q > 4) {
        return fail(fmt::format(N_("invalid quarter in '{}': expected Q1 to Q4"), text));
      }
      quarter = static_cast<unsigned>(q);
      rest = rest.substr(0, 4);
    }
    if (!is_year(rest, year)) return unknown();
    if (settings.fiscal_year_start < 1 || settings.fiscal_year_start > 12) {
      return fail(fmt::format(N_("cannot resolve '{}': fiscal_year_start must be a month 1-12, not {}"), text,
                              settings.fiscal_year_start));
    }
    if (quarter == 0) return fiscal_year_period(year, settings);
    return fiscal_quarter_period(year, quarter, settings);
  }

  if (is_year(text, year)) return year_period(year);
  if (text.size() < 7 || text[4] != '-' || !is_year(text.substr(0, 4), year)) return unknown();
  std::string_view rest = text.substr(5);
  int n = 0;
  if (rest.size() == 2 && rest[0] == 'Q') {
    if (!read_number(rest.substr(1), n) || n < 1 || n > 4) {
      return fail(fmt::format(N_("invalid quarter in '{}': expected Q1 to Q4"), text));
    }
    return quarter_period(make_date(year, 3 * static_cast<unsigned>(n) - 2, 1));
  }
  if (rest.size() == 3 && rest[0] == 'W') {
    if (!read_number(rest.substr(1), n)) return unknown();
    unsigned weeks = iso_weeks_in_year(year);
    if (n < 1 || static_cast<unsigned>(n) > weeks) {
      return fail(fmt::format(N_("invalid week '{}': ISO year {:04} has weeks W01 to W{}"), text, year, weeks));
    }
    return week_period(iso_week_monday(year, static_cast<unsigned>(n)));
  }
  if (rest.size() == 2 && read_number(rest, n) && n >= 1 && n <= 12) {
    return month_period(make_date(year, static_cast<unsigned>(n), 1));
  }
  if (rest.size() == 5 && rest[2] == '-') {
    if (auto day = parse_date(text)) return range_period(*day, *day);
    int m = 0, d = 0;
    if (read_number(rest.substr(0, 2), m) && read_number(rest.substr(3, 2), d)) {
      return fail(fmt::format(N_("invalid date '{}': no such day in the calendar"), text));
    }
  }
  return unknown();
}

}  // namespace

std::optional<Period> parse_period(std::string_view text, Date today, const CalendarSettings& settings,
                                   std::string* error) {
  auto period = parse_unbounded(text, today, settings, error);
  if (!period) return period;
  if (year_of(period->first) < kFirstPeriodYear || year_of(period->last) > kLastPeriodYear) {
    if (error)
      *error = fmt::format(N_("period '{}'{} is outside the years {} to {} that reports cover"), text,
                           period->kind == PeriodKind::range
                               ? ""
                               : fmt::format(" ({})", range_period(period->first, period->last).label),
                           kFirstPeriodYear, kLastPeriodYear);
    return std::nullopt;
  }
  return period;
}

namespace {

constexpr EnumNames<Every, 4> kEveryNames({"week", "month", "quarter", "year"});

}  // namespace

std::optional<Every> parse_every(std::string_view text) { return kEveryNames.parse(text); }

std::string_view every_name(Every every) { return kEveryNames.name(every); }

std::vector<Period> split_period(const Period& period, Every every) {
  std::vector<Period> parts;
  for (Date d = period.first; d <= period.last;) {
    Period unit = period_containing(d, every);
    d = unit.last + days{1};
    unit.first = std::max(unit.first, period.first);
    unit.last = std::min(unit.last, period.last);
    parts.push_back(std::move(unit));
  }
  return parts;
}

Period previous_period(const Period& period, const CalendarSettings& settings) {
  switch (period.kind) {
    case PeriodKind::year: return year_period(year_of(period.first) - 1);
    case PeriodKind::month: return month_period(month_period(period.first).first - days{1});
    case PeriodKind::quarter: return quarter_period(quarter_period(period.first).first - days{1});
    case PeriodKind::week: return week_period(week_period(period.first).first - days{1});
    case PeriodKind::fiscal_year:
      return fiscal_year_period(fiscal_year_of(period.first, settings) - 1, settings);
    case PeriodKind::fiscal_quarter: {
      Date before = fiscal_quarter_period(fiscal_year_of(period.first, settings),
                                          fiscal_quarter_of(period.first, settings), settings)
                        .first -
                    days{1};
      return fiscal_quarter_period(fiscal_year_of(before, settings), fiscal_quarter_of(before, settings),
                                   settings);
    }
    case PeriodKind::range: break;
  }
  int length = period.days();
  return range_period(period.first - days{length}, period.first - days{1});
}

Date system_today() {
  return std::chrono::floor<days>(std::chrono::system_clock::now());
}

std::optional<Date> today_from(std::string_view option_value, const char* env_value, Date clock_today,
                               std::string* error) {
  auto resolve = [&](std::string_view value, std::string_view source) -> std::optional<Date> {
    auto d = parse_date(value);
    if (!d && error) *error = fmt::format(N_("invalid {} '{}': expected a date YYYY-MM-DD"), source, value);
    return d;
  };
  if (!option_value.empty()) return resolve(option_value, "--today");
  if (env_value && *env_value) return resolve(env_value, "SALESOPS_TODAY");
  return clock_today;
}

std::optional<Date> today_from(std::string_view option_value, const char* env_value, std::string* error) {
  bool needs_clock = option_value.empty() && !(env_value && *env_value);
  return today_from(option_value, env_value, needs_clock ? system_today() : Date{}, error);
}

}  // namespace salesops::core
