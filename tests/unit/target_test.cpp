// Targets: exact splits, status figures and the SMART audit on hand-worked books (the
// figures are worked out in the comments).
#include <doctest/doctest.h>

#include <numeric>

#include "core/load/book.hpp"
#include "core/targets/check.hpp"
#include "core/targets/split.hpp"
#include "core/targets/status.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

// east has two sub-teams; new.rep joins on 2026-11-16, the 47th day of 2026-Q4 (92 days),
// so she is active 46 of its days.
const char* kTeam = R"(teams:
  - {id: east, name: East, manager: li.na}
  - {id: east-a, name: East A, parent: east, manager: li.na}
  - {id: east-b, name: East B, parent: east, manager: li.na}
people:
  - {id: li.na, name: 李娜, team: east, role: director}
  - {id: zhang.wei, name: 张伟, team: east-a, role: rep, joined: 2025-01-01}
  - {id: wang.fang, name: 王芳, team: east-a, role: rep, joined: 2025-01-01}
  - {id: new.rep, name: New Rep, team: east-b, role: rep, joined: 2026-11-16}
)";

// Won: zhang.wei 3000 and wang.fang 1000 in 2026-Q3, zhang.wei 6000 on 2026-10-15.
// Open: zhang.wei 4000 in proposal (0.5) expected 2026-12-10, 2000 as a lead expected in
// 2027 (outside Q4).
const char* kDeals = R"(- {id: W1, customer: C-1, owner: zhang.wei, amount: 3000, stage: won, opened: 2026-07-01, closed: 2026-08-10}
- {id: W2, customer: C-1, owner: wang.fang, amount: 1000, stage: won, opened: 2026-07-01, closed: 2026-09-10}
- {id: W3, customer: C-1, owner: zhang.wei, amount: 6000, stage: won, opened: 2026-07-01, closed: 2026-10-15}
- {id: O1, customer: C-1, owner: zhang.wei, amount: 4000, stage: proposal, opened: 2026-07-01, expected_close: 2026-12-10}
- {id: O2, customer: C-1, owner: zhang.wei, amount: 2000, stage: lead, opened: 2026-07-01, expected_close: 2027-01-10}
)";

const char* kSeasonal = R"([org]
name = "Test"
[seasonality]
jan = 0.1
feb = 0.1
mar = 0.1
apr = 0.05
may = 0.05
jun = 0.05
jul = 0.05
aug = 0.05
sep = 0.05
oct = 0.1
nov = 0.1
dec = 0.2
)";

LoadResult book_with(const std::string& targets, const char* config = nullptr) {
  std::map<std::string, std::string> files = {
      {"team.yaml", kTeam}, {"deals/2026-07.yaml", kDeals}, {"targets/2026.yaml", targets}};
  if (config) files["salesops.toml"] = config;
  LoadResult r = salesops::test::load_files(files);
  REQUIRE_MESSAGE(!r.diags.has_errors(), salesops::test::places(r.diags).front());
  return r;
}

TargetSplit split(const Book& book, std::string_view target, SplitTo to, SplitBy by, bool prorate = false) {
  return split_target(book, kToday, {book.target(target), to, by, {}, prorate});
}

std::vector<std::int64_t> cents(const TargetSplit& plan) {
  std::vector<std::int64_t> out;
  for (auto& c : plan.children) out.push_back(c.value.cents);
  return out;
}

std::vector<std::string> owners(const TargetSplit& plan) {
  std::vector<std::string> out;
  for (auto& c : plan.children) out.push_back(c.owner);
  return out;
}

const TargetStatus& row(const std::vector<TargetStatus>& rows, const Book& book, std::string_view id) {
  for (auto& r : rows)
    if (book.text(r.target->id) == id) return r;
  FAIL("no row for " << id);
  return rows.front();
}

}  // namespace

TEST_CASE("split_exact: largest remainder, always the total") {
  std::vector<double> three{1, 1, 1};
  // 100.00 three ways: 33.33 each and the cent left to the first (ties to the earlier).
  CHECK(split_exact(10000, three, 1) == std::vector<std::int64_t>{3334, 3333, 3333});
  // 10 deals three ways, whole: 3.33 each, the one left over to the first.
  CHECK(split_exact(1000, three, 100) == std::vector<std::int64_t>{400, 300, 300});
  // 2:1 of 1.00: quotas 66.67 and 33.33; the cent goes to the larger remainder (.67).
  std::vector<double> two_one{2, 1};
  CHECK(split_exact(100, two_one, 1) == std::vector<std::int64_t>{67, 33});
  // No weight at all: equal parts; a zero weight gets nothing.
  std::vector<double> zeros{0, 0};
  CHECK(split_exact(500, zeros, 1) == std::vector<std::int64_t>{250, 250});
  std::vector<double> one_zero{1, 0, 0};
  CHECK(split_exact(999, one_zero, 1) == std::vector<std::int64_t>{999, 0, 0});
  // Awkward weights still add up to the total to the cent.
  std::vector<double> odd{0.1234, 0.5, 0.0001, 0.3765, 1e-9};
  auto parts = split_exact(123456789, odd, 1);
  CHECK(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}) == 123456789);
}

TEST_CASE("pace and status: the thresholds, and mirrored where lower is better") {
  // 57 of 92 days gone, 6000 of 12000: pace 6000 / (12000 × 57/92) = 0.807.
  CHECK(*pace_of(6000, 12000, 57, 92) == doctest::Approx(0.80702).epsilon(1e-4));
  CHECK_FALSE(pace_of(10, 0, 5, 30));
  using S = TargetStatus::Status;
  CHECK(status_from_pace(1.0, false) == S::on_track);
  CHECK(status_from_pace(0.9, false) == S::cautioned);
  CHECK(status_from_pace(0.8999, false) == S::off_track);
  CHECK(status_from_pace(1.0, true) == S::on_track);
  CHECK(status_from_pace(1.1, true) == S::cautioned);
  CHECK(status_from_pace(1.0 / 0.9, true) == S::cautioned);
  CHECK(status_from_pace(1.12, true) == S::off_track);
}

TEST_CASE("target status: attainment, pace, coverage and forecasts of a quarter under way") {
  LoadResult r = book_with(R"(- {id: Q4, owner: zhang.wei, metric: revenue, period: 2026-Q4, value: 12000, why: w}
- {id: Q3, owner: zhang.wei, metric: revenue, period: 2026-Q3, value: 3000, why: w}
- {id: Q3-wang, owner: wang.fang, metric: revenue, period: 2026-Q3, value: 1500, why: w}
- {id: Q1, owner: zhang.wei, metric: revenue, period: 2027-Q1, value: 1000, why: w}
- {id: WON, owner: wang.fang, metric: deals_won, period: 2026-Q4, value: 2, why: w}
- {id: OVER, owner: east-a, metric: revenue, period: 2026-Q4, value: 5000, why: w}
)");
  const Book& book = *r.book;
  TargetFilter all;
  all.period = parse_period("2026", kToday, book.config.calendar, nullptr);
  all.inside = true;
  auto rows = target_statuses(book, kToday, all);
  CHECK(rows.size() == 5);  // 2027-Q1 is not inside 2026

  const TargetStatus& q4 = row(rows, book, "Q4");
  CHECK(std::get<Money>(q4.actual).cents == 600000);
  CHECK(*q4.attainment == doctest::Approx(0.5));
  CHECK(*q4.pace == doctest::Approx(0.80702).epsilon(1e-4));
  CHECK(q4.status == TargetStatus::Status::off_track);
  // Open deals expected from today through 12-31: O1's 4000 against the 6000 left.
  CHECK(*q4.coverage == doctest::Approx(4000.0 / 6000.0));
  // Run rate 6000 × 92 / 57 = 9684.21; pipeline 6000 + 4000 × 0.5.
  CHECK(std::get<Money>(q4.run_rate_forecast).cents == 968421);
  CHECK(std::get<Money>(q4.pipeline_forecast).cents == 800000);

  // An ended period: hit at exactly the value, missed below; no pace, no coverage.
  CHECK(row(rows, book, "Q3").status == TargetStatus::Status::hit);
  CHECK(row(rows, book, "Q3-wang").status == TargetStatus::Status::missed);
  CHECK_FALSE(row(rows, book, "Q3").pace);
  CHECK_FALSE(row(rows, book, "Q3").coverage);

  // A count: nothing won, nothing expected: pace 0, coverage 0 of the 2 deals left.
  const TargetStatus& won = row(rows, book, "WON");
  CHECK(won.status == TargetStatus::Status::off_track);
  CHECK(*won.coverage == doctest::Approx(0.0));

  // Nothing of the target left (east-a won 6000 against 5000): on track, no coverage.
  CHECK(row(rows, book, "OVER").status == TargetStatus::Status::on_track);
  CHECK_FALSE(row(rows, book, "OVER").coverage);

  TargetFilter next;
  next.period = parse_period("2027-Q1", kToday, book.config.calendar, nullptr);
  auto future = target_statuses(book, kToday, next);
  REQUIRE(future.size() == 1);
  CHECK(future[0].status == TargetStatus::Status::not_started);
  CHECK_FALSE(future[0].pace);

  TargetFilter risky = all;
  risky.at_risk = true;
  CHECK(target_statuses(book, kToday, risky).size() == 2);  // Q4 and WON, both off-track
}

TEST_CASE("target split to people: equal, history with a newcomer, prorated") {
  LoadResult r = book_with(R"(- {id: Q4, owner: east, metric: revenue, period: 2026-Q4, value: 9200, why: w}
- {id: Q1, owner: east, metric: revenue, period: 2027-Q1, value: 100, why: w}
- {id: RATE, owner: east, metric: win_rate, period: 2026-Q4, value: 0.3, why: w}
- {id: ME, owner: zhang.wei, metric: revenue, period: 2026-Q4, value: 100, why: w}
)");
  const Book& book = *r.book;
  auto equal = split(book, "Q1", SplitTo::people, SplitBy::equal);
  CHECK(owners(equal) == std::vector<std::string>{"zhang.wei", "wang.fang", "new.rep"});
  CHECK(cents(equal) == std::vector<std::int64_t>{3334, 3333, 3333});

  // 2026-Q3 history: zhang.wei 3000, wang.fang 1000, new.rep none: she takes 1/3 first,
  // the others share 2/3 as 3:1 — 1/2 and 1/6 of 9200.
  auto history = split(book, "Q4", SplitTo::people, SplitBy::history);
  CHECK(cents(history) == std::vector<std::int64_t>{460000, 153333, 306667});
  CHECK(history.children[2].weight == doctest::Approx(1.0 / 3));

  // Prorated: new.rep is active 46 of 92 days, a weight of 0.5 against 1 and 1.
  auto prorated = split(book, "Q4", SplitTo::people, SplitBy::equal, true);
  CHECK(cents(prorated) == std::vector<std::int64_t>{368000, 368000, 184000});

  CHECK(split(book, "RATE", SplitTo::people, SplitBy::equal).error.find("rate or a mean") != std::string::npos);
  CHECK(split(book, "ME", SplitTo::people, SplitBy::equal).error.find("is a person") != std::string::npos);
}

TEST_CASE("target split to teams, quarters and months") {
  LoadResult r = book_with(R"(- {id: Q4, owner: east, metric: revenue, period: 2026-Q4, value: 9200, why: w}
- {id: Y, owner: company, metric: revenue, period: 2027, value: 1000, why: w}
- {id: N, owner: zhang.wei, metric: deals_won, period: 2026-Q4, value: 10, why: w}
)",
                           kSeasonal);
  const Book& book = *r.book;
  auto teams = split(book, "Q4", SplitTo::teams, SplitBy::equal);
  CHECK(owners(teams) == std::vector<std::string>{"east-a", "east-b"});
  CHECK(cents(teams) == std::vector<std::int64_t>{460000, 460000});

  // Quarters weigh their months: 0.3, 0.15, 0.15, 0.4 of 1000.
  auto quarters = split(book, "Y", SplitTo::quarters, SplitBy::seasonal);
  REQUIRE(quarters.error.empty());
  CHECK(cents(quarters) == std::vector<std::int64_t>{30000, 15000, 15000, 40000});
  CHECK(quarters.children[3].period.label == "2027-Q4");
  auto months = split(book, "Y", SplitTo::months, SplitBy::seasonal);
  CHECK(months.children.size() == 12);
  CHECK(months.children[11].value.cents == 20000);

  // A count splits in whole numbers: 10 deals over three months, 4 + 3 + 3.
  auto counts = split(book, "N", SplitTo::months, SplitBy::equal);
  CHECK(cents(counts) == std::vector<std::int64_t>{400, 300, 300});

  // By history, months compare with the same month a year earlier: none here, so equal.
  auto history = split(book, "N", SplitTo::months, SplitBy::history);
  CHECK(cents(history) == std::vector<std::int64_t>{400, 300, 300});

  CHECK(split(book, "Q4", SplitTo::people, SplitBy::seasonal).error.find("--to months or quarters") != std::string::npos);
}

TEST_CASE("target audit: children that do not add up, a child outside its parent, duplicates, growth") {
  LoadResult r = book_with(R"(- {id: P, owner: east, metric: revenue, period: 2026-Q4, value: 10000, why: w}
- {id: A, owner: east-a, metric: revenue, period: 2026-Q4, value: 6000, parent: P, why: w}
- {id: B, owner: east-b, metric: revenue, period: 2027-01, value: 3000, parent: P, why: w}
- {id: A2, owner: east-a, metric: revenue, period: 2026-Q4, value: 6000, why: w}
- {id: G, owner: zhang.wei, metric: revenue, period: 2026-12, value: 2000, baseline: 1000}
- {id: R, owner: east, metric: win_rate, period: 2026-Q4, value: 0.3, why: w}
- {id: RA, owner: east-a, metric: win_rate, period: 2026-Q4, value: 0.35, parent: R, why: w}
)");
  const Book& book = *r.book;
  auto audits = audit_targets(book, kToday);
  auto kinds = [&](std::string_view id) {
    std::vector<TargetProblem::Kind> out;
    for (auto& a : audits)
      if (book.text(a.target->id) == id)
        for (auto& p : a.problems) out.push_back(p.kind);
    return out;
  };
  using K = TargetProblem::Kind;
  // P: 10000 over east's 2026-Q3 actual of 4000 is 150% growth; its children add up to 9000.
  CHECK(kinds("P") == std::vector<K>{K::unachievable, K::children_sum});
  // A: 6000 over east-a's 4000 is exactly the policy's 50%: achievable.
  CHECK(kinds("A").empty());
  CHECK(kinds("B") == std::vector<K>{K::child_period});
  CHECK(kinds("A2") == std::vector<K>{K::duplicate});
  CHECK(kinds("G") == std::vector<K>{K::irrelevant, K::unachievable});
  CHECK(kinds("R").empty());  // a rate's children are not summed
  for (auto& a : audits)
    if (book.text(a.target->id) == "P") CHECK(a.problems[1].message.find("difference -1000") != std::string::npos);
}
