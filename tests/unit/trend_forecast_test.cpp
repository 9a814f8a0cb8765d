// trend forecast: target status's forecasts at a point against the final actual.
#include "core/trend/forecast.hpp"

#include <doctest/doctest.h>

#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const char* kTarget =
    "- {id: T-nov, owner: zhang.wei, metric: revenue, period: 2026-11, value: 100000}\n";

std::string deal(const std::string& id, const std::string& stage, int amount, const std::string& expected,
                 const std::string& closed = "") {
  return fmt::format("- id: {}\n  customer: C-1\n  owner: zhang.wei\n  amount: {}\n  stage: {}\n  opened: 2026-10-01\n"
                     "  expected_close: {}\n{}",
                     id, amount, stage, expected, closed.empty() ? "" : "  closed: " + closed + "\n");
}

}  // namespace

TEST_CASE("a pipeline forecast 20% high and a run rate 40% low") {
  // On 11-15: W0 won 11-05 (30,000); W1 negotiation (0.75) 70,000 expected 11-25; W3
  // proposal (0.5) 75,000 expected 11-28.
  // pipeline = 30,000 + 52,500 + 37,500 = 120,000; run rate = 30,000 × 30 / 15 = 60,000.
  // Finally W1 won 11-20 and W3 lost: actual 100,000. Errors +20,000 (+20%), −40,000 (−40%).
  auto then = salesops::test::load_files(
      {{"targets/2026.yaml", kTarget},
       {"deals/2026-10.yaml", deal("W0", "won", 30000, "2026-11-05", "2026-11-05") +
                                  deal("W1", "negotiation", 70000, "2026-11-25") +
                                  deal("W3", "proposal", 75000, "2026-11-28")}});
  auto final_book = salesops::test::load_files(
      {{"targets/2026.yaml", kTarget},
       {"deals/2026-10.yaml", deal("W0", "won", 30000, "2026-11-05", "2026-11-05") +
                                  deal("W1", "won", 70000, "2026-11-25", "2026-11-20") +
                                  deal("W3", "lost", 75000, "2026-11-28", "2026-11-29")}});
  REQUIRE(then.book);
  REQUIRE(final_book.book);
  Period november = month_period(make_date(2026, 11, 1));
  // A point whose book has no target yet gives no row.
  auto empty = salesops::test::load_files({});
  std::vector<BookAtPoint> points{{make_date(2026, 11, 8), empty.book.get()},
                                  {make_date(2026, 11, 15), then.book.get()}};
  auto rows = forecast_history(points, *final_book.book, make_date(2026, 12, 1), november);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].point == 1);
  CHECK(rows[0].actual == Cell{Money{10000000}});
  CHECK(rows[0].pipeline == Cell{Money{12000000}});
  CHECK(rows[0].run_rate == Cell{Money{6000000}});
  CHECK(forecast_error(rows[0].pipeline, rows[0].actual) == Money{2000000});
  CHECK(*relative_error(rows[0].pipeline, rows[0].actual) == doctest::Approx(0.2));
  CHECK(*relative_error(rows[0].run_rate, rows[0].actual) == doctest::Approx(-0.4));

  Table bias = forecast_bias_table(*final_book.book, rows);
  REQUIRE(bias.rows.size() == 1);
  CHECK(bias.rows[0][4] == Cell{std::int64_t{1}});
  CHECK(std::get<Ratio>(bias.rows[0][7]).value == doctest::Approx(0.2));
  CHECK(bias.rows[0][9] == Cell{std::string("optimistic")});
}
