// Sums of amounts past the int64 cents: an error naming where the sum stopped, never a
// wrapped or saturated figure. Amounts are bounded when read (999999999.99), so these books
// set their cents after loading, standing for some ninety million deals.
#include <doctest/doctest.h>

#include <climits>
#include <stdexcept>

#include "core/deals/pipeline.hpp"
#include "core/kpi/kpi.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

std::unique_ptr<Book> huge_book() {
  auto r = salesops::test::load_files(
      {{"deals/2026-10.yaml",
        "- {id: D-1, customer: C-1, owner: zhang.wei, amount: 1, stage: lost, opened: 2026-10-01, closed: 2026-10-02}\n"
        "- {id: D-2, customer: C-1, owner: zhang.wei, amount: 1, stage: lost, opened: 2026-10-01, closed: 2026-10-03}\n"
        "- {id: D-3, customer: C-1, owner: zhang.wei, amount: 1, stage: lead, opened: 2026-10-01}\n"
        "- {id: D-4, customer: C-1, owner: zhang.wei, amount: 1, stage: lead, opened: 2026-10-01}\n"}});
  REQUIRE(r.book);
  for (Deal& d : r.book->deals) d.amount.cents = INT64_MAX / 2 + 1;
  return std::move(r.book);
}

Period october() {
  std::string error;
  return *parse_period("2026-10", kToday, {}, &error);
}

}  // namespace

TEST_CASE("money sums: checked_add and fits_cents") {
  CHECK(checked_add(Money{INT64_MAX - 1}, Money{1})->cents == INT64_MAX);
  CHECK_FALSE(checked_add(Money{INT64_MAX}, Money{1}));
  CHECK_FALSE(checked_add(Money{INT64_MIN}, Money{-1}));
  CHECK(fits_cents(9.2e18L));
  CHECK_FALSE(fits_cents(9.3e18L));
  CHECK_FALSE(fits_cents(-9.3e18L));
  CHECK_FALSE(fits_cents(std::numeric_limits<long double>::quiet_NaN()));
}

TEST_CASE("money sums: a custom KPI's sum of amounts names the deal it overflows at") {
  auto b = huge_book();
  CustomKpi k;
  k.id = "closed_amount";
  k.kind = "deals";
  k.aggregate = CustomKpi::Aggregate::sum;
  k.field = "amount";
  b->config.custom_kpis = {k};
  b->deals[2].amount.cents = b->deals[3].amount.cents = 100;  // the open deals' pipeline stays small
  CHECK_THROWS_WITH_AS(kpi_value(*b, "closed_amount", "zhang.wei", october(), kToday),
                       "the sum of closed_amount at deal D-2 overflows", std::overflow_error);
}

TEST_CASE("money sums: the weighted pipeline names the deal it overflows at") {
  auto b = huge_book();
  // A probability above 1 is refused when read; here it lets the weighted sum pass the
  // amounts' own sum, which is checked first.
  b->config.stages[0].probability = 5;
  b->deals[2].amount.cents = b->deals[3].amount.cents = INT64_MAX / 8;
  CHECK_THROWS_WITH_AS(kpi_value(*b, "weighted_pipeline", "zhang.wei", october(), kToday),
                       doctest::Contains("the weighted pipeline at deal D-4"), std::overflow_error);
}

TEST_CASE("money sums: deal pipeline names the deal it overflows at") {
  auto b = huge_book();
  CHECK_THROWS_WITH_AS(pipeline_table(*b, make_date(2026, 10, 16), PipelineBy::none), "the pipeline at deal D-4 overflows",
                       std::overflow_error);
}
