// Reward payouts on tests/data/rewards, every figure worked out by hand in the comments
// (period 2026-Q3: 92 days).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "core/load/book.hpp"
#include "core/rewards/rewards.hpp"
#include "core/rewards/statement.hpp"
#include "fixtures.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

const LoadResult& rewards_book() {
  static LoadResult r = salesops::test::load_data_book("rewards");
  return r;
}

std::vector<PlanPayout> payouts(const std::string& period, const std::string& person = {},
                                std::vector<WhatIf> what_if = {}) {
  const Book& b = *rewards_book().book;
  PayoutQuery q;
  q.today = kToday;
  q.period = *parse_period(period, kToday, b.config.calendar, nullptr);
  q.person = person;
  q.what_if = std::move(what_if);
  KpiCalculator kpis(b, kToday);
  return compute_payouts(b, q, kpis);
}

const PlanPayout& find(const std::vector<PlanPayout>& all, std::string_view plan, std::string_view period) {
  const Book& b = *rewards_book().book;
  for (auto& p : all)
    if (b.text(p.plan->id) == plan && p.period.label == period) return p;
  FAIL("no payout of ", plan, " for ", period);
  throw;
}

/// component=amount in cents, one per line: short to compare.
std::vector<std::string> lines(const PlanPayout& p) {
  std::vector<std::string> out;
  for (auto& l : p.lines) out.push_back(fmt::format("{}={}", l.component, l.amount.cents));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("the rewards fixture loads cleanly") {
  CHECK(rewards_book().diags.error_count() == 0);
}

TEST_CASE("apply_rate: the rate as written, rounded once half away from zero") {
  CHECK(apply_rate(10, 0.05) == 1);          // 0.5 cent
  CHECK(apply_rate(10, 0.15) == 2);          // 1.5 cents (0.15 is below 0.15 in binary)
  CHECK(apply_rate(-10, 0.15) == -2);
  CHECK(apply_rate(4, 0.125) == 1);          // 0.5
  CHECK(apply_rate(1, 0.125) == 0);          // 0.125
  CHECK(apply_rate(1234567, 0.08) == 98765);  // 98765.36
  CHECK(apply_rate(5000000, 1.3) == 6500000);
  CHECK(apply_rate(INT64_MAX, 2.0) == INT64_MAX);  // saturates
  CHECK(tier_number(0) == "0.0");
  CHECK(tier_number(1.25) == "1.25");
  CHECK(percent_words(0.05) == "5%");
  CHECK(percent_words(0.025) == "2.5%");
  CHECK(percent_words(1.3) == "130%");
}

TEST_CASE("plan periods: the whole units inside the period") {
  Period year = year_period(2026);
  CHECK(plan_periods("quarter", year).size() == 4);
  CHECK(plan_periods("month", year).size() == 12);
  Period nov = month_period(make_date(2026, 11, 3));
  CHECK(plan_periods("quarter", nov).empty());  // 2026-Q4 is not inside 2026-11
  CHECK(plan_periods("month", nov).at(0).label == "2026-11");
}

TEST_CASE("marginal across three bands, spiff and team bonus") {
  // Target 100,000, revenue 130,000: 50,000 × 0 + 50,000 × 5% + 30,000 × 8% = 4,900;
  // two widget-pro deals × 500; east-a at 240,000 of 200,000 (120%) pays 5,000.
  auto all = payouts("2026-Q3", "zhang.wei");
  const PlanPayout& p = find(all, "rep-commission", "2026-Q3");
  CHECK(lines(p) == V{"tier:0.0-0.5=0", "tier:0.5-1.0=250000", "tier:1.0+=240000", "spiff:widget-pro=100000",
                      "team_bonus=500000"});
  CHECK(std::get<Money>(p.lines[1].basis).cents == 5000000);
  CHECK(std::get<Money>(p.lines[2].basis).cents == 3000000);
  CHECK(std::get<std::int64_t>(p.lines[3].basis) == 2);
  CHECK(p.total().cents == 1090000);
  CHECK(p.lines[1].reason == "50,000.00 of revenue between 50% and 100% of target × 5% = 2,500.00");
  CHECK(p.lines[2].reason == "30,000.00 of revenue above 100% of target × 8% = 2,400.00");
  CHECK(!p.gated);
  CHECK(!p.capped);
}

TEST_CASE("gate failing: every line kept at 0 and a gate line") {
  // wang.fang won 1 of 6 closed deals: 16.7% < 20%. Target 50,000, revenue 40,000:
  // 25,000 × 0 and 15,000 × 5% = 750, the team bonus 5,000, all paid 0.
  PlanPayout p = find(payouts("2026-Q3", "wang.fang"), "rep-commission", "2026-Q3");
  CHECK(p.gated);
  CHECK(lines(p) == V{"tier:0.0-0.5=0", "tier:0.5-1.0=0", "team_bonus=0", "gate=0"});
  CHECK(std::get<Money>(p.lines[1].basis).cents == 1500000);
  CHECK(p.lines[3].reason.find("win_rate 16.7% is below the gate of 20%") == 0);
  CHECK(p.total().cents == 0);
}

TEST_CASE("proration for a mid-period joiner, gate passing exactly at its minimum") {
  // new.rep joined 2026-08-16: 46 of 92 days, target 92,000 × 46/92 = 46,000; revenue
  // 60,000: 23,000 × 0, 23,000 × 5% = 1,150, 14,000 × 8% = 1,120, one spiff 500, team bonus
  // 5,000: 7,770. Win rate 1/5 = 20%, equal to the gate: passes.
  PlanPayout p = find(payouts("2026-Q3", "new.rep"), "rep-commission", "2026-Q3");
  CHECK(p.active_days == 46);
  CHECK(p.target == 4600000);
  CHECK(!p.gated);
  CHECK(lines(p) == V{"tier:0.0-0.5=0", "tier:0.5-1.0=115000", "tier:1.0+=112000", "spiff:widget-pro=50000",
                      "team_bonus=500000"});
  CHECK(p.total().cents == 777000);
  CHECK(p.notes.at(0) == "target 92,000.00 × 46 of 92 days active = 46,000.00");
}

TEST_CASE("no target: no tier lines, the spiff and team bonus still pay") {
  PlanPayout p = find(payouts("2026-Q3", "no.target"), "rep-commission", "2026-Q3");
  CHECK(lines(p) == V{"spiff:widget-pro=50000", "team_bonus=500000"});
  CHECK(p.notes.at(0) == "no revenue target for 2026-Q3: no tier lines");
  CHECK(!p.target);
}

TEST_CASE("retroactive on the upper tier edge, with a rate spiff and the cap binding") {
  // chen.jie: revenue 130,000.00 on target 100,000 is exactly 130%: the 1.3+ band, all of
  // it × 4% = 5,200; install deals 12,345.67 × 2% = 246.9134 -> 246.91; 5,446.91 > cap
  // 5,000: cap line -446.91.
  PlanPayout p = find(payouts("2026-Q3", "chen.jie"), "east-b-retro", "2026-Q3");
  CHECK(lines(p) == V{"tier:1.3+=520000", "spiff:install=24691", "cap=-44691"});
  CHECK(std::get<Money>(p.lines[0].basis).cents == 13000000);
  CHECK(p.capped);
  CHECK(p.total().cents == 500000);
}

TEST_CASE("retroactive on a lower tier edge; half-cent lines add up on their own") {
  auto all = payouts("2026-Q3", "xu.li");
  // 40,000 on 50,000 is exactly 80%: the 0.8-1.0 band, 40,000 × 2% = 800.
  CHECK(lines(find(all, "east-b-retro", "2026-Q3")) == V{"tier:0.8-1.0=80000"});
  // September: target 10.10, revenue 20.20: 10.10 × 5% = 0.505 -> 0.51 and 10.10 × 15% =
  // 1.515 -> 1.52; the total is the sum of the rounded lines, 2.03 (not 2.02).
  const PlanPayout& sep = find(all, "round-monthly", "2026-09");
  CHECK(lines(sep) == V{"tier:0.0-1.0=51", "tier:1.0+=152"});
  CHECK(sep.total().cents == 203);
  // July and August have no target: no lines.
  CHECK(find(all, "round-monthly", "2026-07").lines.empty());
}

TEST_CASE("marginal exactly on a tier edge: the band above pays nothing") {
  // With revenue 100,000 on 100,000, the 1.0+ band is not reached.
  auto all = payouts("2026-Q3", "zhang.wei", {{"revenue", false, 100000}});
  const PlanPayout& p = find(all, "rep-commission", "2026-Q3");
  CHECK(lines(p) == V{"tier:0.0-0.5=0", "tier:0.5-1.0=250000", "spiff:widget-pro=100000", "team_bonus=500000"});
}

TEST_CASE("what-if: a deal not yet closed changes the lines and the team's attainment") {
  // wang.fang +10,000 and a win rate of 25%: revenue 50,000 is 100% of target, so the
  // 1.0+ band is not reached: 25,000 × 5% = 1,250; the gate passes; the team bonus pays.
  auto p = find(payouts("2026-Q3", "wang.fang", {{"revenue", true, 10000}, {"win_rate", false, 0.25}}),
                "rep-commission", "2026-Q3");
  CHECK(lines(p) == V{"tier:0.0-0.5=0", "tier:0.5-1.0=125000", "team_bonus=500000"});
  // zhang.wei -50,000: revenue 80,000; east-a falls to 190,000 of 200,000 (95%): no bonus.
  auto z = find(payouts("2026-Q3", "zhang.wei", {{"revenue", true, -50000}}), "rep-commission", "2026-Q3");
  CHECK(lines(z) == V{"tier:0.0-0.5=0", "tier:0.5-1.0=150000", "spiff:widget-pro=100000"});
  CHECK(z.notes.back() == "team east-a at 95.0% of its revenue target, below 100%: no team bonus");
}

TEST_CASE("a year holds four quarters and twelve months; people outside a plan get none of it") {
  auto all = payouts("2026");
  std::size_t zhang_quarters = 0, li_na = 0, xu_months = 0;
  const Book& b = *rewards_book().book;
  for (auto& p : all) {
    if (b.text(p.person->id) == "zhang.wei") ++zhang_quarters;
    if (b.text(p.person->id) == "li.na") ++li_na;
    if (b.text(p.person->id) == "xu.li" && b.text(p.plan->id) == "round-monthly") ++xu_months;
  }
  CHECK(zhang_quarters == 4);
  CHECK(li_na == 0);
  CHECK(xu_months == 12);
  // new.rep was active on no day of Q1 and Q2 (joined 2026-08-16).
  std::size_t new_rep = 0;
  for (auto& p : all) new_rep += b.text(p.person->id) == "new.rep";
  CHECK(new_rep == 2);
}

TEST_CASE("a plan's tiers: the same cells in its section as in the flat reward plans table") {
  const Book& b = *rewards_book().book;
  const RewardPlan& plan = b.reward_plans.at(0);
  Table tiers = reward_tiers_table(plan);
  REQUIRE(tiers.rows.size() == plan.tiers.size());
  CHECK(std::get<std::string>(tiers.rows[0][0]) == "tier:0.0-0.5");
  CHECK(std::get<std::string>(tiers.rows.back()[0]) == "tier:1.0+");
  CHECK(std::holds_alternative<Undefined>(tiers.rows.back()[2]));  // the top tier has no upper edge
  CHECK(tier_component(plan.tiers[1]) == "tier:0.5-1.0");
  Table flat = reward_plans_table(b, kToday);
  for (std::size_t i = 0; i < tiers.rows.size(); ++i)
    for (std::size_t c = 0; c < tiers.columns.size(); ++c) CHECK(flat.rows[i][6 + c] == tiers.rows[i][c]);
}

TEST_CASE("a statement: notes, lines and subtotal per plan period, grants with their kind and amount") {
  const Book& b = *rewards_book().book;
  PayoutQuery q;
  q.today = kToday;
  q.period = *parse_period("2026-Q3", kToday, b.config.calendar, nullptr);
  KpiCalculator kpis(b, kToday);
  Statement s = reward_statement(b, *b.person("zhang.wei"), q, kpis);
  const PlanPayout& p = find(s.payouts, "rep-commission", "2026-Q3");
  std::vector<StatementEntry> entries = statement_entries(b, p);
  REQUIRE(entries.size() == p.notes.size() + p.lines.size() + 1);
  CHECK(entries.front().component == "note");
  CHECK(std::holds_alternative<Undefined>(entries.front().amount));
  CHECK(entries[p.notes.size()].component == "tier:0.0-0.5");
  CHECK(entries.back().component == "subtotal");
  CHECK(entries.back().reason == "rep-commission for 2026-Q3");
  CHECK(std::get<Money>(entries.back().amount) == p.total());

  // Q3 holds three grants that reach zhang.wei: recognition, own bonus, the team's trip.
  REQUIRE(s.grants.size() == 3);
  StatementGrantEntry bonus = statement_grant_entry(b, s.grants[1]);
  CHECK(bonus.grant == "G-2026-0002");
  CHECK(bonus.kind == "bonus");
  CHECK(std::get<Money>(bonus.amount).cents == 100050);
  StatementGrantEntry trip = statement_grant_entry(b, s.grants[2]);
  CHECK(trip.kind == "trip");
  CHECK(trip.reason == "Team offsite, to team east-a");
  CHECK(std::holds_alternative<Undefined>(trip.amount));
}

namespace {

/// The rewards fixture with new.rep's target line replaced by `target_line`.
LoadResult fixture_with_target(const std::string& target_line) {
  namespace fs = std::filesystem;
  const fs::path root = SALESOPS_SOURCE_DIR "/tests/data/rewards";
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    files[fs::relative(e.path(), root).generic_string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string& targets = files.at("targets/2026.yaml");
  std::size_t from = targets.find("- {id: T-new.rep,");
  REQUIRE(from != std::string::npos);
  targets.replace(from, targets.find('\n', from) - from, target_line);
  salesops::test::MemorySource source(std::move(files));
  return load_book(source, "/memory");
}

/// new.rep's rep-commission for 2026-Q3 in cents.
std::int64_t new_rep_commission(const Book& b) {
  PayoutQuery q;
  q.today = kToday;
  q.period = *parse_period("2026-Q3", kToday, b.config.calendar, nullptr);
  q.person = "new.rep";
  KpiCalculator kpis(b, kToday);
  for (const PlanPayout& p : compute_payouts(b, q, kpis))
    if (b.text(p.plan->id) == "rep-commission") return p.total().cents;
  FAIL("no rep-commission payout for new.rep");
  return 0;
}

}  // namespace

TEST_CASE("a target prorated by target split is not prorated again by the plan") {
  // As tests/cli/reward-calc-double-proration: new.rep (46 of 92 days) has 28,571.43 of
  // east-a's 200,000 from `target split --prorate`; revenue 60,000. On that target:
  // 14,285.71 × 5% = 714.29, 31,428.57 × 8% = 2,514.29, spiff 500, team bonus 5,000:
  // 8,728.58. Prorated again (target 14,285.72) it would be 357.14 + 3,657.14 + 500 +
  // 5,000 = 9,514.28: what the same value without `prorated: true` pays.
  const std::string line = "- {id: T-new.rep, owner: new.rep, metric: revenue, period: 2026-Q3, value: 28571.43, why: quota";
  LoadResult once = fixture_with_target(line + ", prorated: true}");
  REQUIRE(once.diags.error_count() == 0);
  CHECK(new_rep_commission(*once.book) == 872858);
  LoadResult twice = fixture_with_target(line + "}");
  REQUIRE(twice.diags.error_count() == 0);
  CHECK(new_rep_commission(*twice.book) == 951428);
}
