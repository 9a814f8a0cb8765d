// deal pipeline, funnel and forecast on a hand-worked book (the figures are in the comments).
#include "core/deals/pipeline.hpp"
#include "core/load/book.hpp"

#include <doctest/doctest.h>

#include "core/deals/funnel.hpp"
#include "core/kpi/kpi.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

// Stages: lead 0.1, qualified 0.25, proposal 0.5, negotiation 0.75 (the defaults).
// A: lead 09-20, qualified 10-05, proposal 10-20, won 11-10.
// B: lead 10-01, qualified 10-10, lost 10-25.
// C: lead 10-03, proposal 10-15 (skips qualified), still in proposal.
// D: lead 10-28, still a lead.
// E: lead 08-01, qualified 09-01, proposal 09-15, back to qualified 10-02, proposal 10-12,
//    negotiation 11-30 (after today: ignored by the funnel).
// F: a lead without history, amount or customer, opened 10-05.
const char* kDeals = R"(- id: A
  customer: C-1
  owner: zhang.wei
  amount: 1000
  stage: won
  opened: 2026-09-20
  closed: 2026-11-10
  history:
    - {date: 2026-09-20, stage: lead}
    - {date: 2026-10-05, stage: qualified}
    - {date: 2026-10-20, stage: proposal}
    - {date: 2026-11-10, stage: won}
- id: B
  customer: C-1
  owner: wang.fang
  amount: 500
  stage: lost
  opened: 2026-10-01
  closed: 2026-10-25
  history:
    - {date: 2026-10-01, stage: lead}
    - {date: 2026-10-10, stage: qualified}
    - {date: 2026-10-25, stage: lost}
- id: C
  customer: C-1
  owner: zhang.wei
  amount: 2000
  stage: proposal
  opened: 2026-10-03
  expected_close: 2026-12-15
  history:
    - {date: 2026-10-03, stage: lead}
    - {date: 2026-10-15, stage: proposal}
- id: D
  customer: C-1
  owner: wang.fang
  amount: 300
  stage: lead
  opened: 2026-10-28
  expected_close: 2026-12-01
  history:
    - {date: 2026-10-28, stage: lead}
- id: E
  customer: C-1
  owner: zhang.wei
  amount: 4000
  stage: negotiation
  opened: 2026-08-01
  expected_close: 2027-01-15
  history:
    - {date: 2026-08-01, stage: lead}
    - {date: 2026-09-01, stage: qualified}
    - {date: 2026-09-15, stage: proposal}
    - {date: 2026-10-02, stage: qualified}
    - {date: 2026-10-12, stage: proposal}
    - {date: 2026-11-30, stage: negotiation}
- id: F
  owner: zhang.wei
  stage: lead
  opened: 2026-10-05
)";

const char* kTeam = R"(teams:
  - {id: east, name: East}
  - {id: east-ka, name: Key accounts, parent: east}
people:
  - {id: zhang.wei, name: 张伟, team: east-ka, role: rep}
  - {id: wang.fang, name: 王芳, team: east, role: rep}
)";

const char* kTargets = R"(- {id: T1, owner: zhang.wei, metric: revenue, period: 2026-Q4, value: 5000}
- {id: T2, owner: east, metric: revenue, period: 2026-Q4, value: 1500}
)";

const Book& book() {
  static LoadResult r = salesops::test::load_files(
      {{"deals/2026-10.yaml", kDeals}, {"team.yaml", kTeam}, {"targets/2026.yaml", kTargets}});
  REQUIRE_MESSAGE(!r.diags.has_errors(), (r.diags.items().empty() ? "" : r.diags.items()[0].message));
  return *r.book;
}

Period period(const char* text) { return *parse_period(text, kToday, {}, nullptr); }

std::string text(const Cell& c) { return std::get<std::string>(c); }
std::int64_t count(const Cell& c) { return std::get<std::int64_t>(c); }
std::int64_t cents(const Cell& c) { return std::get<Money>(c).cents; }
bool undefined(const Cell& c) { return std::holds_alternative<Undefined>(c); }

}  // namespace

TEST_CASE("funnel: entered, advanced, conversion and days on a hand-worked history") {
  Funnel f = deal_funnel(book(), period("2026-10"), kToday);
  REQUIRE(f.rows.size() == 4);
  // lead: B 10-01, C 10-03, D 10-28 entered (A's lead is in September; F has no history).
  // B and C moved on; D did not. Days: B 9 (to 10-10), C 12 (to 10-15), D 29 (to today).
  CHECK(f.rows[0].entered == 3);
  CHECK(f.rows[0].advanced == 2);
  CHECK(f.rows[0].days == 50);
  // qualified: A 10-05, B 10-10, E 10-02 (moved back). A and E reached proposal; B was lost.
  // Days: A 15, B 15 (to the lost entry), E 10.
  CHECK(f.rows[1].entered == 3);
  CHECK(f.rows[1].advanced == 2);
  CHECK(f.rows[1].days == 40);
  // proposal: A 10-20, C 10-15, E 10-12 (its September entry is outside). Only A advanced
  // (won); E's negotiation entry is after today. Days: A 21, C 42, E 45 (both to today).
  CHECK(f.rows[2].entered == 3);
  CHECK(f.rows[2].advanced == 1);
  CHECK(f.rows[2].days == 108);
  CHECK(f.rows[3].entered == 0);
  // Lowest conversion: proposal (1/3).
  REQUIRE(f.stall);
  CHECK(*f.stall == 2);

  Table t = funnel_table(book(), f);
  REQUIRE(t.columns.size() == 5);
  CHECK(t.columns[3].id == "conversion");
  CHECK(std::get<Ratio>(t.rows[0][3]).value == doctest::Approx(2.0 / 3));
  CHECK(std::get<Decimal>(t.rows[0][4]).value == doctest::Approx(50.0 / 3));
  CHECK(std::get<Decimal>(t.rows[2][4]).value == doctest::Approx(36.0));
  CHECK(undefined(t.rows[3][3]));
  CHECK(undefined(t.rows[3][4]));
}

TEST_CASE("funnel: the future is ignored, ties stall at the longer stay, no stall when all advance") {
  // Once today is past 11-30, E's negotiation entry counts: proposal advances 2 of 3, and
  // negotiation is entered in November by E alone.
  Funnel later = deal_funnel(book(), period("2026-10"), make_date(2026, 12, 5));
  CHECK(later.rows[2].advanced == 2);
  // Conversions all tie at 2/3; the average stays are lead 59/3 (D now stays to 12-05: 38),
  // qualified 40/3, proposal 121/3 (A 21, C 51, E 49 to 11-30): proposal's is the longest.
  CHECK(later.rows[0].days == 9 + 12 + 38);
  CHECK(later.rows[2].days == 21 + 51 + 49);
  REQUIRE(later.stall);
  CHECK(*later.stall == 2);
  // 2026-10-01..2026-10-04: lead B and C (both advanced), qualified E (advanced): nothing stalls.
  Funnel early = deal_funnel(book(), period("2026-10-01..2026-10-04"), kToday);
  CHECK(early.rows[0].entered == 2);
  CHECK(early.rows[0].advanced == 2);
  CHECK(early.rows[1].entered == 1);
  CHECK(early.rows[1].advanced == 1);
  CHECK_FALSE(early.stall);
}

TEST_CASE("pipeline as of a past date reads the stage each deal was in that day") {
  // On 10-16: A qualified (1000), B qualified (500, lost only on 10-25), C proposal (2000),
  // E proposal (4000), F a lead with no amount (counted, adds nothing); D not opened yet.
  Table t = pipeline_table(book(), make_date(2026, 10, 16), PipelineBy::none);
  REQUIRE(t.rows.size() == 5);
  CHECK(text(t.rows[0][0]) == "lead");
  CHECK(count(t.rows[0][1]) == 1);
  CHECK(cents(t.rows[0][2]) == 0);
  CHECK(count(t.rows[1][1]) == 2);
  CHECK(cents(t.rows[1][2]) == 150000);
  CHECK(cents(t.rows[1][4]) == 37500);  // 1500 × 0.25
  CHECK(count(t.rows[2][1]) == 2);
  CHECK(cents(t.rows[2][4]) == 300000);  // 6000 × 0.5
  CHECK(count(t.rows[3][1]) == 0);
  CHECK(text(t.rows[4][0]) == "total");
  CHECK(count(t.rows[4][1]) == 5);
  CHECK(cents(t.rows[4][2]) == 750000);
  CHECK(undefined(t.rows[4][3]));
  CHECK(cents(t.rows[4][4]) == 337500);
  // The total is the pipeline KPI of a period ending that day.
  Period p = period("2026-10-01..2026-10-16");
  CHECK(cents(kpi_value(book(), "pipeline", "company", p, kToday)) == 750000);
  CHECK(cents(kpi_value(book(), "weighted_pipeline", "company", p, kToday)) == 337500);
}

TEST_CASE("pipeline by owner and by team") {
  // Today: C proposal 2000, E proposal 4000 (its negotiation entry is dated 11-30), F lead
  // (zhang.wei); D lead 300 (wang.fang).
  Table by_owner = pipeline_table(book(), kToday, PipelineBy::owner);
  REQUIRE(by_owner.columns[0].id == "owner");
  REQUIRE(by_owner.rows.size() == 10);
  CHECK(text(by_owner.rows[0][0]) == "zhang.wei");
  CHECK(count(by_owner.rows[0][2]) == 1);  // lead: F
  CHECK(cents(by_owner.rows[4][3]) == 600000);
  CHECK(cents(by_owner.rows[4][5]) == 300000);  // (2000 + 4000) × 0.5
  CHECK(text(by_owner.rows[5][0]) == "wang.fang");
  CHECK(cents(by_owner.rows[9][5]) == 3000);
  // east holds east-ka: both people; east-ka only zhang.wei.
  Table by_team = pipeline_table(book(), kToday, PipelineBy::team);
  REQUIRE(by_team.rows.size() == 10);
  CHECK(text(by_team.rows[4][0]) == "east");
  CHECK(count(by_team.rows[4][2]) == 4);
  CHECK(cents(by_team.rows[4][3]) == 630000);
  CHECK(text(by_team.rows[9][0]) == "east-ka");
  CHECK(count(by_team.rows[9][2]) == 3);
}

TEST_CASE("forecast: won, weighted open deals in the rest of the period, target and gap") {
  // 2026-Q4 on 11-26. zhang.wei won A (1000); open and expected from 11-26 to 12-31: C
  // (2000 × 0.5); E closes in January. wang.fang: D (300 × 0.1).
  Table t = forecast_table(book(), period("2026-Q4"), kToday);
  REQUIRE(t.columns.size() == 7);
  CHECK(t.columns[3].id == "weighted_open");
  REQUIRE(t.rows.size() == 5);  // two people, two teams, the company
  CHECK(text(t.rows[0][0]) == "zhang.wei");
  CHECK(cents(t.rows[0][2]) == 100000);
  CHECK(cents(t.rows[0][3]) == 100000);
  CHECK(cents(t.rows[0][4]) == 200000);
  CHECK(cents(t.rows[0][5]) == 500000);
  CHECK(cents(t.rows[0][6]) == 300000);
  CHECK(cents(t.rows[1][3]) == 3000);
  CHECK(undefined(t.rows[1][5]));
  CHECK(undefined(t.rows[1][6]));
  // east: 1000 won + 1030 open = 2030 over a target of 1500: the gap is negative.
  CHECK(text(t.rows[2][0]) == "east");
  CHECK(cents(t.rows[2][4]) == 203000);
  CHECK(cents(t.rows[2][6]) == -53000);
  CHECK(text(t.rows[4][0]) == "company");
  CHECK(cents(t.rows[4][3]) == 103000);
  // The per-row pass gives what expected_weighted gives for each owner.
  CHECK(cents(t.rows[0][3]) == expected_weighted(book(), "zhang.wei", kToday, make_date(2026, 12, 31)).cents);
  CHECK(cents(t.rows[2][3]) == expected_weighted(book(), "east", kToday, make_date(2026, 12, 31)).cents);
  // A period that has ended has nothing left to expect: forecast = won.
  Table past = forecast_table(book(), period("2026-10"), kToday);
  for (auto& row : past.rows) CHECK(cents(row[3]) == 0);
}
