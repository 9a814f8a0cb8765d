// The points of `salesops trend`: period ends, the commit each stands at, one load per commit.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/trend/books.hpp"
#include "core/trend/points.hpp"
#include "git_repo.hpp"

using namespace salesops::core;

namespace {

Period period_of(std::string_view text, Date today) {
  std::string error;
  auto p = parse_period(text, today, {}, &error);
  REQUIRE(p.has_value());
  return *p;
}

std::int64_t seconds(Date d, int h, int m, int s) {
  return static_cast<std::int64_t>(d.time_since_epoch().count()) * 86400 + h * 3600 + m * 60 + s;
}

}  // namespace

TEST_CASE("trend points: month ends within the period, the last capped at today, none not begun") {
  const Date today = make_date(2026, 11, 15);
  auto points = trend_points(period_of("2026-Q4", today), Every::month, today);
  REQUIRE(points.size() == 2);  // December has not begun
  CHECK(points[0].unit.label == "2026-10");
  CHECK(format_date(points[0].day) == "2026-10-31");
  CHECK(points[1].unit.label == "2026-11");
  CHECK(format_date(points[1].day) == "2026-11-15");
  CHECK(points[0].commit.empty());
}

TEST_CASE("trend points: ISO week ends, the first and last clipped to the period") {
  const Date today = make_date(2026, 12, 31);
  auto points = trend_points(period_of("2026-11", today), Every::week, today);
  // 2026-11-01 is a Sunday (the end of 2026-W44); 2026-11-30 a Monday (2026-W49).
  REQUIRE(points.size() == 6);
  CHECK(points[0].unit.label == "2026-W44");
  CHECK(format_date(points[0].day) == "2026-11-01");
  CHECK(format_date(points[1].day) == "2026-11-08");
  CHECK(format_date(points[4].day) == "2026-11-29");
  CHECK(points[5].unit.label == "2026-W49");
  CHECK(format_date(points[5].day) == "2026-11-30");
}

TEST_CASE("trend points: quarter ends of a year") {
  const Date today = make_date(2027, 2, 1);
  auto points = trend_points(period_of("2026", today), Every::quarter, today);
  REQUIRE(points.size() == 4);
  CHECK(format_date(points[0].day) == "2026-03-31");
  CHECK(format_date(points[1].day) == "2026-06-30");
  CHECK(format_date(points[2].day) == "2026-09-30");
  CHECK(format_date(points[3].day) == "2026-12-31");
  CHECK(points[3].unit.label == "2026-Q4");
  // A point on today's day itself: the quarter under way ends today.
  auto now = trend_points(period_of("2026", make_date(2026, 8, 10)), Every::quarter, make_date(2026, 8, 10));
  REQUIRE(now.size() == 3);
  CHECK(format_date(now[2].day) == "2026-08-10");
}

TEST_CASE("trend points: each point takes the last commit on or before its day, none before the first") {
  const Date today = make_date(2026, 12, 31);
  auto points = trend_points(period_of("2026-Q4", today), Every::month, today);
  REQUIRE(points.size() == 3);
  // Newest first, as git log lists them; b on the last second of November, c in December.
  std::vector<CommitTime> history{{"c", seconds(make_date(2026, 12, 1), 0, 0, 0)},
                                  {"b", seconds(make_date(2026, 11, 30), 23, 59, 59)},
                                  {"a", seconds(make_date(2026, 11, 2), 9, 0, 0)}};
  place_points(history, points);
  CHECK(points[0].commit.empty());  // October: nothing was committed yet
  CHECK(points[0].commit_date.empty());
  CHECK(points[1].commit == "b");
  CHECK(points[1].commit_date == "2026-11-30");
  CHECK(points[2].commit == "c");
  CHECK(points[2].commit_date == "2026-12-01");
  // Out of order dates (a rebased history): the latest date on or before the day wins.
  std::vector<CommitTime> shuffled{{"x", seconds(make_date(2026, 10, 5), 0, 0, 0)},
                                   {"y", seconds(make_date(2026, 10, 20), 0, 0, 0)}};
  place_points(shuffled, points);
  CHECK(points[0].commit == "y");
  CHECK(points[2].commit == "y");
}

TEST_CASE("trend points on a repository: first-parent history, and one load per commit") {
  salesops::test::TempRepo repo;
  const std::filesystem::path small = std::filesystem::path(SALESOPS_SOURCE_DIR) / "tests/data/small";
  std::filesystem::copy(small, repo.root(), std::filesystem::copy_options::recursive);
  std::string first = repo.commit("the book", 3);
  repo.write("notes.txt", "x\n");
  std::string second = repo.commit("a note", 20);
  std::string error;
  auto history = first_parent_history(repo.root(), "", &error);
  CHECK(error.empty());
  REQUIRE(history.size() == 2);
  CHECK(history[0].id == second);

  const Date today = make_date(2026, 11, 30);
  auto points = trend_points(period_of("2026-10-25..2026-11-30", today), Every::week, today);
  place_points(history, points);
  // W43 (Oct 25 alone), W44 (to Nov 1), W45 (Nov 8), W46 (15), W47 (22), W48 (29), W49 (Nov 30 alone).
  REQUIRE(points.size() == 7);
  CHECK(points[0].commit.empty());
  CHECK(points[1].commit.empty());   // 2026-11-01: the first commit is of 2026-11-03
  CHECK(points[2].commit == first);  // 2026-11-08
  CHECK(points[3].commit == first);  // 2026-11-15
  CHECK(points[4].commit == second);  // 2026-11-22
  CHECK(points[6].commit == second);  // 2026-11-30
  CHECK(points[6].commit_date == "2026-11-20");

  TrendBooks books(repo.root(), LoadOptions{});
  const LoadResult* a = books.at(first, &error);
  REQUIRE(a != nullptr);
  CHECK(a->book->deals.size() > 0);
  CHECK(books.at(first, &error) == a);  // the same commit is not loaded twice
  CHECK(books.at(second, &error) != nullptr);
  CHECK(books.loads() == 2);
}
