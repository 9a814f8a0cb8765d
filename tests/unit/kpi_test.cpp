// Every KPI on tests/data/small, worked out by hand in the comments.
#include <doctest/doctest.h>

#include "core/book/book.hpp"
#include "core/kpi/kpi.hpp"
#include "core/load/book.hpp"
#include "fixtures.hpp"

using namespace salesops::core;
using salesops::test::small_book;

namespace {

const Date kToday = make_date(2026, 11, 26);

Period october() {
  std::string error;
  return *parse_period("2026-10", kToday, {}, &error);
}

Cell value(std::string_view kpi, std::string_view owner, const Period& p = october()) {
  return kpi_value(small_book(), kpi, owner, p, kToday);
}

bool undefined(const Cell& c) { return std::holds_alternative<Undefined>(c); }
std::int64_t cents(const Cell& c) { return std::get<Money>(c).cents; }
std::int64_t count(const Cell& c) { return std::get<std::int64_t>(c); }
double ratio(const Cell& c) { return std::get<Ratio>(c).value; }
double decimal(const Cell& c) { return std::get<Decimal>(c).value; }

}  // namespace

TEST_CASE("kpi: revenue, deals won and lost, win rate, average deal size") {
  // zhang.wei: D-1 won 1000.50 on 10-05, D-7 lost on 10-30. wang.fang: D-2 won 3000, D-3 lost.
  CHECK(cents(value("revenue", "zhang.wei")) == 100050);
  CHECK(count(value("deals_won", "zhang.wei")) == 1);
  CHECK(count(value("deals_lost", "zhang.wei")) == 1);
  CHECK(ratio(value("win_rate", "zhang.wei")) == doctest::Approx(0.5));
  CHECK(cents(value("avg_deal_size", "wang.fang")) == 300000);
  // sarah.miller closed nothing in October: win rate and average are undefined, not 0.
  CHECK(cents(value("revenue", "sarah.miller")) == 0);
  CHECK(undefined(value("win_rate", "sarah.miller")));
  CHECK(undefined(value("avg_deal_size", "sarah.miller")));
}

TEST_CASE("kpi: teams add up their subtree, the company everyone") {
  // east-ka = zhang.wei + wang.fang; east contains east-ka; company adds north.
  CHECK(cents(value("revenue", "east-ka")) == 400050);
  CHECK(cents(value("revenue", "east")) == 400050);
  CHECK(cents(value("revenue", "north")) == 0);
  CHECK(cents(value("revenue", "company")) == 400050);
  CHECK(cents(value("avg_deal_size", "east-ka")) == 200025);  // 4000.50 / 2
  CHECK(ratio(value("win_rate", "company")) == doctest::Approx(0.5));
}

TEST_CASE("kpi: sales cycle and new customers") {
  // D-1: 2026-09-01 -> 2026-10-05 = 34 days; D-2: 10-01 -> 10-20 = 19 days.
  CHECK(decimal(value("sales_cycle_days", "zhang.wei")) == doctest::Approx(34));
  CHECK(decimal(value("sales_cycle_days", "east-ka")) == doctest::Approx(26.5));
  // C-1's first win was D-0 in August: not new in October. C-2's first win is D-2.
  CHECK(count(value("new_customers", "zhang.wei")) == 0);
  CHECK(count(value("new_customers", "wang.fang")) == 1);
  std::string error;
  Period aug = *parse_period("2026-08", kToday, {}, &error);
  CHECK(count(value("new_customers", "zhang.wei", aug)) == 1);
  // C-3's first win (D-5) closes on 2026-11-02.
  Period nov = *parse_period("2026-11", kToday, {}, &error);
  CHECK(count(value("new_customers", "sarah.miller", nov)) == 1);
}

TEST_CASE("kpi: pipeline and weighted pipeline at the period's end") {
  // On 2026-10-31: D-4 (5000) was qualified (0.25) and D-5 (800) in negotiation (0.75).
  CHECK(cents(value("pipeline", "sarah.miller")) == 580000);
  CHECK(cents(value("weighted_pipeline", "sarah.miller")) == 185000);
  // D-6 has no amount or opened date: it adds nothing to amounts.
  CHECK(cents(value("pipeline", "zhang.wei")) == 0);
  // At the end of September D-1 (lead, 1000.50) and D-3 (lead, 700) were open.
  std::string error;
  Period sep = *parse_period("2026-09", kToday, {}, &error);
  CHECK(cents(value("pipeline", "east-ka", sep)) == 170050);
  CHECK(cents(value("weighted_pipeline", "east-ka", sep)) == 17005);  // 10% of 1700.50
}

TEST_CASE("kpi: activities, visits, follow-ups overdue") {
  CHECK(count(value("activities", "zhang.wei")) == 2);
  CHECK(count(value("visits", "zhang.wei")) == 1);
  CHECK(count(value("activities", "sarah.miller")) == 0);  // her email was in September
  // C-1's follow-up (10-10) was met by the call on 10-12; C-2's (11-01) has passed unmet.
  CHECK(count(value("followups_overdue", "zhang.wei")) == 0);
  CHECK(count(value("followups_overdue", "wang.fang")) == 1);
}

TEST_CASE("kpi: csat and nps by customer owner") {
  // C-1 surveys: csat 5 and 3, nps 10 (promoter) and 6 (detractor).
  CHECK(decimal(value("csat", "zhang.wei")) == doctest::Approx(4.0));
  CHECK(decimal(value("nps", "zhang.wei")) == doctest::Approx(0.0));
  // C-2: csat 4, no nps answer.
  CHECK(decimal(value("csat", "wang.fang")) == doctest::Approx(4.0));
  CHECK(undefined(value("nps", "wang.fang")));
  // east-ka: csat (5+3+4)/3, nps over zhang.wei's two answers.
  CHECK(decimal(value("csat", "east-ka")) == doctest::Approx(4.0));
  std::string error;
  Period sep = *parse_period("2026-09", kToday, {}, &error);
  CHECK(decimal(value("nps", "sarah.miller", sep)) == doctest::Approx(-100.0));
}

TEST_CASE("kpi: training hours, coaching sessions, plan completion") {
  CHECK(decimal(value("training_hours", "wang.fang")) == doctest::Approx(3.0));
  CHECK(decimal(value("training_hours", "east-ka")) == doctest::Approx(6.0));
  CHECK(count(value("coaching_sessions", "zhang.wei")) == 1);
  CHECK(count(value("coaching_sessions", "chen.jie")) == 0);
  // zhang.wei: A1 done, A2 open -> 1/2. wang.fang: A3 dropped is left out -> undefined.
  CHECK(ratio(value("plan_completion", "zhang.wei")) == doctest::Approx(0.5));
  CHECK(undefined(value("plan_completion", "wang.fang")));
}

TEST_CASE("kpi: custom KPIs with comparisons and lists") {
  // big_deals: won with amount >= 1000 -> D-1 (1000.50) and D-2 (3000).
  CHECK(count(value("big_deals", "company")) == 2);
  // pro_revenue: won deals of widget-pro or service -> D-1 + D-2.
  CHECK(cents(value("pro_revenue", "company")) == 400050);
  CHECK(cents(value("pro_revenue", "zhang.wei")) == 100050);
}

TEST_CASE("kpi: table by product and by segment") {
  KpiQuery q;
  q.kpis = {"revenue", "deals_won", "activities"};
  q.period = october();
  q.today = kToday;
  q.by = GroupBy::product;
  std::string error;
  auto t = kpi_table(small_book(), q, &error);
  REQUIRE(t);
  REQUIRE(t->rows.size() == 3);  // service, widget-basic, widget-pro
  CHECK(std::get<std::string>(t->rows[2][0]) == "widget-pro");
  CHECK(std::get<Money>(t->rows[2][1]).cents == 400050);
  CHECK(std::holds_alternative<Undefined>(t->rows[2][3]));  // activities have no product
  q.by = GroupBy::segment;
  t = kpi_table(small_book(), q, &error);
  REQUIRE(t);
  REQUIRE(t->rows.size() == 2);  // enterprise, smb
  CHECK(std::get<Money>(t->rows[0][1]).cents == 100050);
  CHECK(std::get<std::int64_t>(t->rows[1][3]) == 1);  // wang.fang's visit to C-2
}

TEST_CASE("kpi: --every month splits into tidy rows") {
  KpiQuery q;
  q.kpis = {"revenue"};
  std::string error;
  q.period = *parse_period("2026-Q4", kToday, {}, &error);
  q.every = Every::month;
  q.today = kToday;
  q.by = GroupBy::company;
  auto t = kpi_table(small_book(), q, &error);
  REQUIRE(t);
  REQUIRE(t->rows.size() == 3);
  CHECK(t->columns[2].id == "period");
  CHECK(t->columns[2].type == ColumnType::period);
  const auto& november = std::get<PeriodCell>(t->rows[1][2]);
  CHECK(november.label == "2026-11");
  CHECK(november.first == make_date(2026, 11, 1));
  CHECK(november.last == make_date(2026, 11, 30));
  CHECK(std::get<Money>(t->rows[1][3]).cents == 80000);  // D-5 won on 11-02
}

TEST_CASE("kpi: an unknown KPI id is refused") {
  KpiQuery q;
  q.kpis = {"revenu"};
  q.period = october();
  std::string error;
  CHECK_FALSE(kpi_table(small_book(), q, &error));
  CHECK(error.find("revenu") != std::string::npos);
}
