#include "core/base/period.hpp"

#include <doctest/doctest.h>

#include <numeric>

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);  // a Thursday in 2026-W48, 2026-Q4

CalendarSettings fiscal_from(unsigned month) {
  CalendarSettings s;
  s.fiscal_year_start = month;
  return s;
}

Period parse_ok(std::string_view text, Date today = kToday, const CalendarSettings& s = {}) {
  std::string error;
  auto p = parse_period(text, today, s, &error);
  INFO("parsing '", text, "': ", error);
  REQUIRE(p.has_value());
  CHECK(error.empty());
  return *p;
}

std::string parse_error(std::string_view text, const CalendarSettings& s = {}) {
  std::string error;
  auto p = parse_period(text, kToday, s, &error);
  INFO("parsing '", text, "'");
  CHECK_FALSE(p.has_value());
  CHECK_FALSE(error.empty());
  return error;
}

// Checks a period's span, label and kind in one line.
void check_period(const Period& p, std::string_view first, std::string_view last, std::string_view label,
                  PeriodKind kind) {
  CHECK(format_date(p.first) == first);
  CHECK(format_date(p.last) == last);
  CHECK(p.label == label);
  CHECK(period_kind_name(p.kind) == period_kind_name(kind));
}

}  // namespace

TEST_CASE("period: calendar year, quarter and month") {
  check_period(parse_ok("2026"), "2026-01-01", "2026-12-31", "2026", PeriodKind::year);
  check_period(parse_ok("2026-Q1"), "2026-01-01", "2026-03-31", "2026-Q1", PeriodKind::quarter);
  check_period(parse_ok("2026-Q3"), "2026-07-01", "2026-09-30", "2026-Q3", PeriodKind::quarter);
  check_period(parse_ok("2026-Q4"), "2026-10-01", "2026-12-31", "2026-Q4", PeriodKind::quarter);
  check_period(parse_ok("2026-11"), "2026-11-01", "2026-11-30", "2026-11", PeriodKind::month);
  check_period(parse_ok("2026-01"), "2026-01-01", "2026-01-31", "2026-01", PeriodKind::month);
  CHECK(parse_ok("2026").days() == 365);
  CHECK(parse_ok("2024").days() == 366);
}

TEST_CASE("period: leap February") {
  CHECK(parse_ok("2024-02").days() == 29);
  CHECK(parse_ok("2026-02").days() == 28);
  CHECK(parse_ok("2100-02").days() == 28);
  CHECK(parse_ok("2000-02").days() == 29);
  CHECK(parse_ok("2024-Q1").days() == 91);
}

TEST_CASE("period: fiscal year starting in January equals the calendar year") {
  check_period(parse_ok("FY2026"), "2026-01-01", "2026-12-31", "FY2026", PeriodKind::fiscal_year);
  check_period(parse_ok("FY2026-Q1"), "2026-01-01", "2026-03-31", "FY2026-Q1", PeriodKind::fiscal_quarter);
  check_period(parse_ok("FY2026-Q4"), "2026-10-01", "2026-12-31", "FY2026-Q4", PeriodKind::fiscal_quarter);
}

TEST_CASE("period: fiscal year starting in April ends in March of its named year") {
  auto april = fiscal_from(4);
  check_period(parse_ok("FY2026", kToday, april), "2025-04-01", "2026-03-31", "FY2026", PeriodKind::fiscal_year);
  check_period(parse_ok("FY2026-Q1", kToday, april), "2025-04-01", "2025-06-30", "FY2026-Q1",
               PeriodKind::fiscal_quarter);
  check_period(parse_ok("FY2026-Q3", kToday, april), "2025-10-01", "2025-12-31", "FY2026-Q3",
               PeriodKind::fiscal_quarter);
  check_period(parse_ok("FY2026-Q4", kToday, april), "2026-01-01", "2026-03-31", "FY2026-Q4",
               PeriodKind::fiscal_quarter);
  CHECK(parse_ok("FY2024", kToday, april).days() == 366);  // 2023-04-01..2024-03-31 holds 2024-02-29
  CHECK(parse_ok("FY2024", kToday, april).contains(make_date(2024, 2, 29)));
  CHECK(parse_ok("FY2025", kToday, april).days() == 365);
  // Calendar quarters stay calendar quarters whatever the fiscal year.
  check_period(parse_ok("2026-Q1", kToday, april), "2026-01-01", "2026-03-31", "2026-Q1", PeriodKind::quarter);
}

TEST_CASE("period: fiscal year starting in October") {
  auto october = fiscal_from(10);
  check_period(parse_ok("FY2026", kToday, october), "2025-10-01", "2026-09-30", "FY2026",
               PeriodKind::fiscal_year);
  check_period(parse_ok("FY2026-Q1", kToday, october), "2025-10-01", "2025-12-31", "FY2026-Q1",
               PeriodKind::fiscal_quarter);
  check_period(parse_ok("FY2026-Q2", kToday, october), "2026-01-01", "2026-03-31", "FY2026-Q2",
               PeriodKind::fiscal_quarter);
  check_period(parse_ok("FY2026-Q4", kToday, october), "2026-07-01", "2026-09-30", "FY2026-Q4",
               PeriodKind::fiscal_quarter);
}

TEST_CASE("period: fiscal year starting in December, quarters crossing February") {
  auto december = fiscal_from(12);
  check_period(parse_ok("FY2026", kToday, december), "2025-12-01", "2026-11-30", "FY2026",
               PeriodKind::fiscal_year);
  check_period(parse_ok("FY2026-Q1", kToday, december), "2025-12-01", "2026-02-28", "FY2026-Q1",
               PeriodKind::fiscal_quarter);
  check_period(parse_ok("FY2024-Q1", kToday, december), "2023-12-01", "2024-02-29", "FY2024-Q1",
               PeriodKind::fiscal_quarter);
}

TEST_CASE("period: ISO weeks") {
  check_period(parse_ok("2026-W05"), "2026-01-26", "2026-02-01", "2026-W05", PeriodKind::week);
  check_period(parse_ok("2026-W01"), "2025-12-29", "2026-01-04", "2026-W01", PeriodKind::week);
  check_period(parse_ok("2026-W48"), "2026-11-23", "2026-11-29", "2026-W48", PeriodKind::week);
  check_period(parse_ok("2025-W01"), "2024-12-30", "2025-01-05", "2025-W01", PeriodKind::week);
  CHECK(parse_ok("2026-W05").days() == 7);
}

TEST_CASE("period: ISO week 53 exists only in long years") {
  check_period(parse_ok("2020-W53"), "2020-12-28", "2021-01-03", "2020-W53", PeriodKind::week);
  check_period(parse_ok("2026-W53"), "2026-12-28", "2027-01-03", "2026-W53", PeriodKind::week);
  CHECK(parse_error("2025-W53") == "invalid week '2025-W53': ISO year 2025 has weeks W01 to W52");
  CHECK(parse_error("2026-W54") == "invalid week '2026-W54': ISO year 2026 has weeks W01 to W53");
  CHECK(parse_error("2026-W00") == "invalid week '2026-W00': ISO year 2026 has weeks W01 to W53");
  CHECK(iso_weeks_in_year(2020) == 53);
  CHECK(iso_weeks_in_year(2026) == 53);
  CHECK(iso_weeks_in_year(2015) == 53);
  CHECK(iso_weeks_in_year(2025) == 52);
  CHECK(iso_weeks_in_year(2021) == 52);
}

TEST_CASE("period: the week of January 1 may belong to the previous ISO year") {
  CHECK(week_period(make_date(2021, 1, 1)).label == "2020-W53");
  CHECK(week_period(make_date(2027, 1, 1)).label == "2026-W53");
  CHECK(week_period(make_date(2022, 1, 1)).label == "2021-W52");
  CHECK(week_period(make_date(2026, 1, 1)).label == "2026-W01");
  CHECK(week_period(make_date(2024, 12, 30)).label == "2025-W01");  // and December to the next
  IsoWeek w = iso_week(make_date(2021, 1, 3));
  CHECK(w.year == 2020);
  CHECK(w.week == 53u);
}

TEST_CASE("period: inclusive date ranges and single dates") {
  Period r = parse_ok("2026-11-01..2026-11-15");
  check_period(r, "2026-11-01", "2026-11-15", "2026-11-01..2026-11-15", PeriodKind::range);
  CHECK(r.days() == 15);
  CHECK(r.contains(make_date(2026, 11, 1)));
  CHECK(r.contains(make_date(2026, 11, 15)));
  CHECK_FALSE(r.contains(make_date(2026, 10, 31)));
  CHECK_FALSE(r.contains(make_date(2026, 11, 16)));
  check_period(parse_ok("2026-11-05"), "2026-11-05", "2026-11-05", "2026-11-05", PeriodKind::range);
  CHECK(parse_ok("2026-11-05").days() == 1);
  // A one-day range is labelled as the date itself.
  CHECK(parse_ok("2026-11-05..2026-11-05").label == "2026-11-05");
  check_period(parse_ok("2024-02-29"), "2024-02-29", "2024-02-29", "2024-02-29", PeriodKind::range);
}

TEST_CASE("period: relative words resolve against today") {
  check_period(parse_ok("this-month"), "2026-11-01", "2026-11-30", "2026-11", PeriodKind::month);
  check_period(parse_ok("last-month"), "2026-10-01", "2026-10-31", "2026-10", PeriodKind::month);
  check_period(parse_ok("this-quarter"), "2026-10-01", "2026-12-31", "2026-Q4", PeriodKind::quarter);
  check_period(parse_ok("last-quarter"), "2026-07-01", "2026-09-30", "2026-Q3", PeriodKind::quarter);
  check_period(parse_ok("this-year"), "2026-01-01", "2026-12-31", "2026", PeriodKind::year);
  check_period(parse_ok("last-year"), "2025-01-01", "2025-12-31", "2025", PeriodKind::year);
  check_period(parse_ok("ytd"), "2026-01-01", "2026-11-26", "2026-01-01..2026-11-26", PeriodKind::range);
  check_period(parse_ok("qtd"), "2026-10-01", "2026-11-26", "2026-10-01..2026-11-26", PeriodKind::range);
  check_period(parse_ok("mtd"), "2026-11-01", "2026-11-26", "2026-11-01..2026-11-26", PeriodKind::range);
  check_period(parse_ok("this-week"), "2026-11-23", "2026-11-29", "2026-W48", PeriodKind::week);
  check_period(parse_ok("last-week"), "2026-11-16", "2026-11-22", "2026-W47", PeriodKind::week);
}

TEST_CASE("period: relative words across year boundaries") {
  Date jan15 = make_date(2026, 1, 15);
  check_period(parse_ok("last-month", jan15), "2025-12-01", "2025-12-31", "2025-12", PeriodKind::month);
  check_period(parse_ok("last-quarter", jan15), "2025-10-01", "2025-12-31", "2025-Q4", PeriodKind::quarter);
  check_period(parse_ok("last-quarter", make_date(2026, 3, 31)), "2025-10-01", "2025-12-31", "2025-Q4",
               PeriodKind::quarter);
  check_period(parse_ok("last-quarter", make_date(2026, 4, 1)), "2026-01-01", "2026-03-31", "2026-Q1",
               PeriodKind::quarter);
  check_period(parse_ok("last-month", make_date(2024, 3, 31)), "2024-02-01", "2024-02-29", "2024-02",
               PeriodKind::month);
  Date jan1 = make_date(2026, 1, 1);
  check_period(parse_ok("ytd", jan1), "2026-01-01", "2026-01-01", "2026-01-01", PeriodKind::range);
  check_period(parse_ok("this-week", jan1), "2025-12-29", "2026-01-04", "2026-W01", PeriodKind::week);
  check_period(parse_ok("last-week", make_date(2026, 1, 2)), "2025-12-22", "2025-12-28", "2025-W52",
               PeriodKind::week);
  check_period(parse_ok("last-week", make_date(2021, 1, 8)), "2020-12-28", "2021-01-03", "2020-W53",
               PeriodKind::week);
}

TEST_CASE("period: weeks follow week_start when it is not Monday") {
  CalendarSettings sunday;
  sunday.week_start = std::chrono::Sunday;
  check_period(parse_ok("this-week", kToday, sunday), "2026-11-22", "2026-11-28", "2026-11-22..2026-11-28",
               PeriodKind::range);
  check_period(parse_ok("last-week", kToday, sunday), "2026-11-15", "2026-11-21", "2026-11-15..2026-11-21",
               PeriodKind::range);
  // On the start day itself the week begins today.
  check_period(parse_ok("this-week", make_date(2026, 11, 22), sunday), "2026-11-22", "2026-11-28",
               "2026-11-22..2026-11-28", PeriodKind::range);
  // ISO week expressions are always Monday-based.
  CHECK(format_date(parse_ok("2026-W48", kToday, sunday).first) == "2026-11-23");
}

TEST_CASE("period: invalid expressions are rejected with a message") {
  CHECK(parse_error("2026-13") ==
        "unknown period '2026-13': expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD, FYYYYY, FYYYYY-Qn, "
        "a range A..B or a relative word (this-month, last-month, this-quarter, last-quarter, this-year, "
        "last-year, this-week, last-week, ytd, qtd, mtd)");
  CHECK(parse_error("2026-Q5") == "invalid quarter in '2026-Q5': expected Q1 to Q4");
  CHECK(parse_error("FY2026-Q0") == "invalid quarter in 'FY2026-Q0': expected Q1 to Q4");
  CHECK(parse_error("2026-02-30") == "invalid date '2026-02-30': no such day in the calendar");
  CHECK(parse_error("2100-02-29") == "invalid date '2100-02-29': no such day in the calendar");
  CHECK(parse_error("2026-11-15..2026-11-01") == "invalid range '2026-11-15..2026-11-01': it ends before it starts");
  CHECK(parse_error("2026-11-01..2026-11-31") ==
        "invalid range '2026-11-01..2026-11-31': '2026-11-31' is not a date YYYY-MM-DD");
  CHECK(parse_error("2026-11..2026-12") == "invalid range '2026-11..2026-12': '2026-11' is not a date YYYY-MM-DD");
  CHECK(parse_error("FY2026", fiscal_from(13)) ==
        "cannot resolve 'FY2026': fiscal_year_start must be a month 1-12, not 13");
  for (std::string_view bad : {"", "26", "20266", "2026-", "2026-1", "2026-00", "2026-Q", "2026-Q10", "2026-W5",
                               "2026-w05", "2026-q3", "fy2026", "FY26", "FY2026-Q", "FY2026Q1", "FY-2026",
                               "2026 ", " 2026", "next-month", "This-month", "2026-11-01..", "..2026-11-01",
                               "2026-11-01...2026-11-02", "..", "2026/11", "2026-1a", "2026-11-5", "-2026"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_period(bad, kToday, {}, nullptr).has_value());  // no error sink: must not crash
    parse_error(bad);
  }
}

TEST_CASE("period: labels parse back to the same period") {
  auto april = fiscal_from(4);
  for (std::string_view text : {"2026", "FY2026", "FY2026-Q2", "2026-Q3", "2026-11", "2026-W05", "2020-W53",
                                "2026-11-01..2026-11-15", "2026-11-05", "ytd", "last-quarter", "this-week"}) {
    CAPTURE(text);
    Period p = parse_ok(text, kToday, april);
    CHECK(parse_ok(p.label, kToday, april) == p);
  }
}

TEST_CASE("period: --every units") {
  CHECK(parse_every("week") == Every::week);
  CHECK(parse_every("month") == Every::month);
  CHECK(parse_every("quarter") == Every::quarter);
  CHECK(parse_every("year") == Every::year);
  CHECK_FALSE(parse_every("weekly").has_value());
  CHECK_FALSE(parse_every("Month").has_value());
  CHECK_FALSE(parse_every("").has_value());
  for (Every e : {Every::week, Every::month, Every::quarter, Every::year}) CHECK(parse_every(every_name(e)) == e);
}

TEST_CASE("period: splitting a range by month clips the first and last month") {
  auto parts = split_period(parse_ok("2026-01-15..2026-03-10"), Every::month);
  REQUIRE(parts.size() == 3);
  check_period(parts[0], "2026-01-15", "2026-01-31", "2026-01", PeriodKind::month);
  check_period(parts[1], "2026-02-01", "2026-02-28", "2026-02", PeriodKind::month);
  check_period(parts[2], "2026-03-01", "2026-03-10", "2026-03", PeriodKind::month);
}

TEST_CASE("period: splitting by week labels ISO weeks") {
  auto parts = split_period(parse_ok("2026-01-15..2026-03-10"), Every::week);
  REQUIRE(parts.size() == 9);
  check_period(parts[0], "2026-01-15", "2026-01-18", "2026-W03", PeriodKind::week);
  check_period(parts[1], "2026-01-19", "2026-01-25", "2026-W04", PeriodKind::week);
  check_period(parts[8], "2026-03-09", "2026-03-10", "2026-W11", PeriodKind::week);

  auto year = split_period(parse_ok("2026"), Every::week);
  REQUIRE(year.size() == 53);
  check_period(year.front(), "2026-01-01", "2026-01-04", "2026-W01", PeriodKind::week);
  check_period(year.back(), "2026-12-28", "2026-12-31", "2026-W53", PeriodKind::week);
  auto y2021 = split_period(parse_ok("2021"), Every::week);
  check_period(y2021.front(), "2021-01-01", "2021-01-03", "2020-W53", PeriodKind::week);
  check_period(y2021.back(), "2021-12-27", "2021-12-31", "2021-W52", PeriodKind::week);
}

TEST_CASE("period: split sub-periods are consecutive and cover the period") {
  Period fy = parse_ok("FY2026", kToday, fiscal_from(4));
  for (Every e : {Every::week, Every::month, Every::quarter, Every::year}) {
    CAPTURE(every_name(e));
    auto parts = split_period(fy, e);
    REQUIRE_FALSE(parts.empty());
    CHECK(parts.front().first == fy.first);
    CHECK(parts.back().last == fy.last);
    for (std::size_t i = 1; i < parts.size(); ++i) CHECK(days_between(parts[i - 1].last, parts[i].first) == 1);
    int total = std::accumulate(parts.begin(), parts.end(), 0, [](int n, const Period& p) { return n + p.days(); });
    CHECK(total == fy.days());
  }
  auto quarters = split_period(fy, Every::quarter);
  REQUIRE(quarters.size() == 4);
  CHECK(quarters[0].label == "2025-Q2");
  CHECK(quarters[3].label == "2026-Q1");
  auto years = split_period(fy, Every::year);
  REQUIRE(years.size() == 2);
  check_period(years[0], "2025-04-01", "2025-12-31", "2025", PeriodKind::year);
  check_period(years[1], "2026-01-01", "2026-03-31", "2026", PeriodKind::year);
  CHECK(split_period(parse_ok("2026"), Every::month).size() == 12);
  auto single = split_period(parse_ok("2026-11-05"), Every::quarter);
  REQUIRE(single.size() == 1);
  check_period(single[0], "2026-11-05", "2026-11-05", "2026-Q4", PeriodKind::quarter);
}

TEST_CASE("period: previous comparable period") {
  CalendarSettings cal;
  auto prev = [&](std::string_view text, const CalendarSettings& s) {
    return previous_period(parse_ok(text, kToday, s), s);
  };
  check_period(prev("2026-11", cal), "2026-10-01", "2026-10-31", "2026-10", PeriodKind::month);
  check_period(prev("2026-01", cal), "2025-12-01", "2025-12-31", "2025-12", PeriodKind::month);
  check_period(prev("2024-03", cal), "2024-02-01", "2024-02-29", "2024-02", PeriodKind::month);
  check_period(prev("2026-Q1", cal), "2025-10-01", "2025-12-31", "2025-Q4", PeriodKind::quarter);
  check_period(prev("2026", cal), "2025-01-01", "2025-12-31", "2025", PeriodKind::year);
  check_period(prev("FY2026", cal), "2025-01-01", "2025-12-31", "FY2025", PeriodKind::fiscal_year);
  check_period(prev("2026-W01", cal), "2025-12-22", "2025-12-28", "2025-W52", PeriodKind::week);
  check_period(prev("2021-W01", cal), "2020-12-28", "2021-01-03", "2020-W53", PeriodKind::week);
  check_period(prev("2026-W05", cal), "2026-01-19", "2026-01-25", "2026-W04", PeriodKind::week);
  check_period(prev("2026-11-01..2026-11-15", cal), "2026-10-17", "2026-10-31", "2026-10-17..2026-10-31",
               PeriodKind::range);
  check_period(prev("2026-11-05", cal), "2026-11-04", "2026-11-04", "2026-11-04", PeriodKind::range);
  check_period(prev("2024-03-01..2024-03-31", cal), "2024-01-30", "2024-02-29", "2024-01-30..2024-02-29",
               PeriodKind::range);
}

TEST_CASE("period: previous fiscal periods follow the fiscal calendar") {
  auto april = fiscal_from(4);
  auto october = fiscal_from(10);
  auto prev = [](std::string_view text, const CalendarSettings& s) {
    return previous_period(parse_ok(text, kToday, s), s);
  };
  check_period(prev("FY2026", april), "2024-04-01", "2025-03-31", "FY2025", PeriodKind::fiscal_year);
  check_period(prev("FY2026-Q1", april), "2025-01-01", "2025-03-31", "FY2025-Q4", PeriodKind::fiscal_quarter);
  check_period(prev("FY2026-Q2", april), "2025-04-01", "2025-06-30", "FY2026-Q1", PeriodKind::fiscal_quarter);
  check_period(prev("FY2026-Q1", october), "2025-07-01", "2025-09-30", "FY2025-Q4", PeriodKind::fiscal_quarter);
  check_period(prev("FY2026-Q2", october), "2025-10-01", "2025-12-31", "FY2026-Q1", PeriodKind::fiscal_quarter);
}

TEST_CASE("period: previous of a clipped sub-period is the whole unit before it") {
  auto parts = split_period(parse_ok("2026-01-15..2026-03-10"), Every::month);
  check_period(previous_period(parts[0], {}), "2025-12-01", "2025-12-31", "2025-12", PeriodKind::month);
}

TEST_CASE("period: helpers for the unit holding a date") {
  Date d = make_date(2026, 8, 15);
  check_period(month_period(d), "2026-08-01", "2026-08-31", "2026-08", PeriodKind::month);
  check_period(quarter_period(d), "2026-07-01", "2026-09-30", "2026-Q3", PeriodKind::quarter);
  check_period(year_period(2026), "2026-01-01", "2026-12-31", "2026", PeriodKind::year);
  check_period(week_period(d), "2026-08-10", "2026-08-16", "2026-W33", PeriodKind::week);
  CHECK(period_containing(d, Every::quarter) == quarter_period(d));
  CHECK(period_containing(d, Every::year) == year_period(2026));
  check_period(fiscal_quarter_period(2027, 2, fiscal_from(4)), "2026-07-01", "2026-09-30", "FY2027-Q2",
               PeriodKind::fiscal_quarter);
  check_period(range_period(make_date(2026, 1, 1), make_date(2026, 1, 2)), "2026-01-01", "2026-01-02",
               "2026-01-01..2026-01-02", PeriodKind::range);
}

TEST_CASE("period: today from --today, then SALESOPS_TODAY, then the clock") {
  const Date clock = make_date(2030, 6, 1);
  std::string error;
  CHECK(today_from("2026-11-26", "2026-01-02", clock, &error) == make_date(2026, 11, 26));
  CHECK(today_from("", "2026-01-02", clock, &error) == make_date(2026, 1, 2));
  CHECK(today_from("", "", clock, &error) == clock);
  CHECK(today_from("", nullptr, clock, &error) == clock);
  CHECK(error.empty());
  // A valid option wins over a broken environment value.
  CHECK(today_from("2026-11-26", "garbage", clock, &error) == make_date(2026, 11, 26));

  CHECK_FALSE(today_from("2026-13-01", nullptr, clock, &error).has_value());
  CHECK(error == "invalid --today '2026-13-01': expected a date YYYY-MM-DD");
  CHECK_FALSE(today_from("", "yesterday", clock, &error).has_value());
  CHECK(error == "invalid SALESOPS_TODAY 'yesterday': expected a date YYYY-MM-DD");
  CHECK_FALSE(today_from("2026-02-29", nullptr, clock, nullptr).has_value());
  // Without a clock value the given option is used as is.
  CHECK(today_from("2024-02-29", nullptr, &error) == make_date(2024, 2, 29));
}

TEST_CASE("period: lies within the years 1900 to 2200") {
  check_period(parse_ok("1900-01-01..2200-12-31"), "1900-01-01", "2200-12-31", "1900-01-01..2200-12-31",
               PeriodKind::range);
  parse_ok("1900");
  parse_ok("2200-W52");
  CHECK(parse_error("2201") == "period '2201' (2201-01-01..2201-12-31) is outside the years 1900 to 2200 that reports cover");
  parse_error("1899-12");
  parse_error("0001-01-01..9999-12-31");
  parse_error("FY1900", fiscal_from(4));  // 1899-04-01..1900-03-31
  std::string error;
  CHECK_FALSE(parse_period("this-year", make_date(9000, 1, 1), {}, &error).has_value());  // a far today
  CHECK(error.find("outside the years 1900 to 2200") != std::string::npos);
}
