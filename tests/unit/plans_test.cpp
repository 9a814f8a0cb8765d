// Plans: naming actions, choosing them, completion (the plan_completion KPI), the draft of a new plan.
#include "core/load/book.hpp"
#include "core/plans/plans.hpp"

#include <doctest/doctest.h>

#include "core/kpi/kpi.hpp"
#include "fixtures.hpp"
#include "memory_book.hpp"

using namespace salesops::core;
using salesops::test::small_book;

namespace {

const Date kToday = make_date(2026, 11, 26);

const char* kTwoPlans =
    "id: P-Q4\nperiod: 2026-Q4\nowner: zhang.wei\n"
    "actions:\n"
    "  - {id: A1, title: a, owner: zhang.wei, due: 2026-11-01, status: open}\n"
    "  - {id: A2, title: b, owner: zhang.wei, due: 2026-12-01, status: open}\n";
const char* kMonthPlan =
    "id: P-11\nperiod: 2026-11\nowner: zhang.wei\n"
    "actions:\n"
    "  - {id: A1, title: c, owner: zhang.wei, due: 2026-11-20, status: done, done_on: 2026-11-19}\n";

}  // namespace

TEST_CASE("plans: actions are named PLAN/ACTION, or by a bare id when one plan has it") {
  auto r = salesops::test::load_files({{"plans/2026-Q4.yaml", kTwoPlans}, {"plans/2026-11.yaml", kMonthPlan}});
  REQUIRE_FALSE(r.diags.has_errors());
  const Book& b = *r.book;
  std::string error;
  auto a = resolve_action(b, "P-11/A1", &error);
  REQUIRE(a);
  CHECK(b.text(a->action->title) == "c");
  auto bare = resolve_action(b, "A2", &error);
  REQUIRE(bare);
  CHECK(b.text(bare->plan->id) == "P-Q4");
  CHECK_FALSE(resolve_action(b, "A1", &error));
  CHECK(error == "action 'A1' is in 2 plans: name it PLAN/A1 (P-11/A1, P-Q4/A1)");
  CHECK_FALSE(resolve_action(b, "P-Q4/A3", &error));
  CHECK(error == "plan 'P-Q4' has no action 'A3' (did you mean 'A1'?)");
  // The current plan is the shortest whose period holds today.
  CHECK(b.text(current_plan(b, kToday)->id) == "P-11");
  CHECK(b.text(current_plan(b, make_date(2026, 12, 5))->id) == "P-Q4");
  CHECK(current_plan(b, make_date(2027, 1, 1)) == nullptr);
}

TEST_CASE("plans: --due-within counts overdue actions in, --overdue only those") {
  const Book& b = small_book();
  ActionFilter f;
  f.due_within = 0;
  // A2 (due 10-30) and A4 (11-10) are open and overdue on 11-26; A1 is done, A3 dropped.
  CHECK(select_actions(b, kToday, f).size() == 2);
  f.due_within.reset();
  f.overdue = true;
  f.owners = {b.person("wang.fang")->id};
  auto rows = select_actions(b, kToday, f);
  REQUIRE(rows.size() == 1);
  CHECK(b.text(rows[0].action->id) == "A4");
  // On 10-25, A2 is due in five days and A4 in sixteen.
  ActionFilter soon;
  soon.due_within = 5;
  CHECK(select_actions(b, make_date(2026, 10, 25), soon).size() == 1);
}

TEST_CASE("plans: status completion is the plan_completion KPI") {
  const Book& b = small_book();
  std::string error;
  Period q4 = *parse_period("2026-Q4", kToday, {}, &error);
  Table t = plan_status_table(b, q4, kToday, PlanStatusBy::person);
  REQUIRE(t.rows.size() == 2);
  for (auto& row : t.rows) {
    std::string owner = std::get<std::string>(row[0]);
    Cell kpi = kpi_value(b, "plan_completion", owner, q4, kToday);
    CHECK(std::get<Ratio>(row[5]).value == doctest::Approx(std::get<Ratio>(kpi).value));
  }
  // zhang.wei: A1 done, A2 open and overdue; wang.fang: A4 overdue, A3 dropped and left out.
  CHECK(std::get<std::int64_t>(t.rows[0][2]) == 2);
  CHECK(std::get<std::int64_t>(t.rows[0][4]) == 1);
  CHECK(std::get<std::int64_t>(t.rows[1][2]) == 1);
}

TEST_CASE("plans: a new plan keeps the template's comments and reads back as a plan") {
  const Book& b = small_book();
  const char* tmpl =
      "# header comment\n"
      "id: P-X                # the id\n"
      "period: 2026-Q4\n"
      "owner: li.na           # a person\n"
      "market:\n"
      "  size:\n"
      "segments:              # groups\n"
      "#  - id: example\n"
      "strategies:\n"
      "actions:\n";
  std::string error;
  PlanDraftRequest req{"P-2027-Q1", *parse_period("2027-Q1", kToday, {}, &error), "zhang.wei", kToday};
  std::string text = plan_draft(b, req, tmpl);
  INFO(text);
  CHECK(text.starts_with(
      "# header comment\nid: P-2027-Q1          # the id\nperiod: 2027-Q1\nowner: zhang.wei       # a person\n"));
  CHECK(text.find("    revenue: 4800.50\n    previous: 200.00\n    growth: 23.0025\n") != std::string::npos);
  CHECK(text.find("      - {reason: price, deals: 1, amount: 700.00}\n") != std::string::npos);
  CHECK(text.find("segments:              # groups\n#  - id: example\n  - id: abc-a ") != std::string::npos);
  auto r = salesops::test::load_files(
      {{"team.yaml", "teams: [{id: east, name: E}]\npeople: [{id: zhang.wei, name: Z, team: east}]\n"},
       {"plans/2027-Q1.yaml", text}});
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.book->plans.size() == 1);
  const Plan& p = r.book->plans[0];
  CHECK(r.book->text(p.id) == "P-2027-Q1");
  CHECK(p.segments.size() == 3);  // the ABC classes A, B and C of 2026-Q4's three customers
  CHECK(p.strategies.empty());
  CHECK(p.actions.empty());
}
