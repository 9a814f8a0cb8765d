// Customer relationships: revisit and follow-up due dates at the cadence edges.
#include "core/customers/customers.hpp"
#include "core/customers/names.hpp"
#include "core/kpi/kpi.hpp"
#include "core/load/book.hpp"

#include <doctest/doctest.h>

#include "core/audit/check.hpp"
#include "fixtures.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

/// A book with one customer file C-1 holding `body` after its id, name and owner.
LoadResult book_with(const std::string& body) {
  auto r = salesops::test::load_files({{"customers/C-1.yaml", "id: C-1\nname: Acme\nowner: zhang.wei\n" + body}});
  REQUIRE_FALSE(r.diags.has_errors());
  return r;
}

std::string due_text(const CustomerDue& d) {
  return format_date(d.due) + " " + std::string(reason_name(d.reason)) + " " + std::to_string(d.days_overdue);
}

}  // namespace

TEST_CASE("customer due: a revisit is due on the day the tier's cadence runs out") {
  // Tier A: every 14 days. Last contact 2026-11-12: due 2026-11-26, today.
  auto r = book_with("tier: A\ninteractions:\n  - {date: 2026-11-12, type: call}\n");
  auto due = customers_due(*r.book, kToday);
  REQUIRE(due.size() == 1);
  CHECK(due_text(due[0]) == "2026-11-26 revisit 0");
  CHECK(format_date(*due[0].last_contact) == "2026-11-12");
  // A day earlier it is not due yet, but shows within one day.
  const Date yesterday = make_date(2026, 11, 25);
  CHECK(customers_due(*r.book, yesterday).empty());
  auto soon = customers_due(*r.book, yesterday, 1);
  REQUIRE(soon.size() == 1);
  CHECK(soon[0].days_overdue == -1);
  // A day later it is one day overdue.
  CHECK(customers_due(*r.book, make_date(2026, 11, 27))[0].days_overdue == 1);
}

TEST_CASE("customer due: the cadence counts from the latest interaction, whoever made it and in any order") {
  auto r =
      book_with("tier: B\ninteractions:\n  - {date: 2026-11-01, type: visit}\n  - {date: 2026-09-01, type: call}\n");
  auto d = customer_due(*r.book, r.book->customers[0], kToday);
  REQUIRE(d);
  CHECK(due_text(*d) == "2026-12-01 revisit -5");
  CHECK(customers_due(*r.book, kToday).empty());
  CHECK(customers_due(*r.book, kToday, 5).size() == 1);
  CHECK(customers_due(*r.book, kToday, 4).empty());
}

TEST_CASE("customer due: with no interaction, from `since`; with neither, due today") {
  auto since = book_with("tier: C\nsince: 2026-08-01\n");
  CHECK(due_text(*customer_due(*since.book, since.book->customers[0], kToday)) == "2026-10-30 revisit 27");
  auto never = book_with("tier: C\n");
  auto d = customer_due(*never.book, never.book->customers[0], kToday);
  REQUIRE(d);
  CHECK(due_text(*d) == "2026-11-26 revisit 0");
  CHECK_FALSE(d->last_contact);
}

TEST_CASE("customer due: no tier, no revisit") {
  auto r = book_with("interactions:\n  - {date: 2020-01-01, type: call}\n");
  CHECK_FALSE(customer_due(*r.book, r.book->customers[0], kToday));
}

TEST_CASE("customer due: a follow-up is open until a later interaction") {
  auto open = book_with("tier: C\ninteractions:\n  - {date: 2026-11-10, type: visit, next: 2026-11-20}\n");
  CHECK(due_text(customers_due(*open.book, kToday)[0]) == "2026-11-20 follow-up 6");
  // An interaction after it closes it, even one the same day as `next`.
  auto kept = book_with(
      "tier: C\ninteractions:\n  - {date: 2026-11-10, type: visit, next: 2026-11-20}\n"
      "  - {date: 2026-11-20, type: call}\n");
  CHECK(customers_due(*kept.book, kToday).empty());
  // A follow-up and a revisit on the same day: the follow-up is the reason.
  auto both = book_with("tier: A\ninteractions:\n  - {date: 2026-11-01, type: visit, next: 2026-11-15}\n");
  CHECK(due_text(customers_due(*both.book, kToday)[0]) == "2026-11-15 follow-up 11");
  // The revisit comes first when it is earlier.
  auto revisit = book_with("tier: A\ninteractions:\n  - {date: 2026-11-01, type: visit, next: 2026-11-20}\n");
  CHECK(due_text(customers_due(*revisit.book, kToday)[0]) == "2026-11-15 revisit 11");
}

TEST_CASE("customer due: the small book, most overdue first") {
  const Book& b = *salesops::test::small_book_load().book;
  // C-2: follow-up 2026-11-01 (25 days) before its B revisit 2026-11-04; C-1: A revisit
  // from 2026-10-12, due 10-26 (31 days); C-3: C revisit from 09-20, due 12-19.
  auto due = customers_due(b, kToday);
  REQUIRE(due.size() == 2);
  CHECK(b.text(due[0].customer->id) == "C-1");
  CHECK(due_text(due[0]) == "2026-10-26 revisit 31");
  CHECK(b.text(due[1].customer->id) == "C-2");
  CHECK(due_text(due[1]) == "2026-11-01 follow-up 25");
  CHECK(customers_due(b, kToday, 23).size() == 3);
  CHECK(customers_due(b, kToday, 22).size() == 2);
}

TEST_CASE("customer due: check warns about what is overdue, at the customer record") {
  const Book& b = *salesops::test::small_book_load().book;
  Diagnostics d;
  run_checks(b, kToday, d);
  std::vector<std::string> rules;
  for (auto& x : d.items())
    if (x.rule.rfind("customer-", 0) == 0)
      rules.push_back(x.rule + " " + x.where.file + ":" + std::to_string(x.where.line));
  CHECK(rules == std::vector<std::string>{"customer-revisit-due customers/C-1.yaml:1",
                                          "customer-follow-up-overdue customers/C-2.yaml:1"});
}

TEST_CASE("customer segments: ABC cut-offs at exactly 80% and 95%") {
  CHECK(abc_class(80, 100) == 'A');
  CHECK(abc_class(81, 100) == 'B');
  CHECK(abc_class(95, 100) == 'B');
  CHECK(abc_class(96, 100) == 'C');
  // In cents, where a double would round: 0.80 of 1000.03 is 800.024.
  CHECK(abc_class(80002, 100003) == 'A');
  CHECK(abc_class(80003, 100003) == 'B');

  // Three customers with 8000, 1500 and 500 won: cumulative 80%, 95%, 100%.
  auto r = salesops::test::load_files({
      {"customers/C-2.yaml", "id: C-2\nname: Two\nowner: zhang.wei\n"},
      {"customers/C-3.yaml", "id: C-3\nname: Three\nowner: zhang.wei\n"},
      {"deals/2026-10.yaml",
       "- {id: D-1, customer: C-1, owner: zhang.wei, amount: 8000, stage: won, opened: 2026-10-01, closed: "
       "2026-10-02}\n"
       "- {id: D-2, customer: C-2, owner: zhang.wei, amount: 1000, stage: won, opened: 2026-10-01, closed: "
       "2026-10-02}\n"
       "- {id: D-3, customer: C-2, owner: zhang.wei, amount: 500, stage: won, opened: 2026-10-01, closed: 2026-10-03}\n"
       "- {id: D-4, customer: C-3, owner: zhang.wei, amount: 500, stage: won, opened: 2026-10-01, closed: 2026-10-04}\n"
       "- {id: D-5, customer: C-3, owner: zhang.wei, amount: 9000, stage: won, opened: 2026-10-01, closed: "
       "2026-11-04}\n"},
  });
  REQUIRE_FALSE(r.diags.has_errors());
  std::string error;
  Period oct = *parse_period("2026-10", kToday, {}, &error);
  Table t = customer_segments_table(*r.book, oct, SegmentBy::customer);
  REQUIRE(t.rows.size() == 3);
  std::vector<std::string> classes;
  for (auto& row : t.rows) classes.push_back(std::get<std::string>(row[0]) + std::get<std::string>(row[6]));
  CHECK(classes == std::vector<std::string>{"C-1A", "C-2B", "C-3C"});
  CHECK(std::get<Ratio>(t.rows[1][5]).value == doctest::Approx(0.95));
  CHECK(std::get<Money>(t.rows[1][3]).cents == 150000);

  // The table is the analysis's values, row for row.
  std::vector<AbcCustomer> abc = abc_customers(*r.book, oct);
  REQUIRE(abc.size() == 3);
  CHECK(r.book->text(abc[1].customer->id) == "C-2");
  CHECK(abc[1].abc == 'B');
  CHECK(abc[1].revenue.cents == 150000);
  CHECK(abc[1].share == doctest::Approx(0.15));
  CHECK(abc[2].cumulative_share == doctest::Approx(1.0));
}

TEST_CASE("customer satisfaction: csat and nps per owner and team are the KPIs of SPEC 4") {
  const Book& b = *salesops::test::small_book_load().book;
  std::string error;
  Period year = *parse_period("2026", kToday, {}, &error);
  for (SatisfactionBy by : {SatisfactionBy::owner, SatisfactionBy::team}) {
    Table t = customer_satisfaction_table(b, year, std::nullopt, by);
    REQUIRE_FALSE(t.rows.empty());
    for (auto& row : t.rows) {
      std::string owner = std::get<std::string>(row[0]);
      CAPTURE(owner);
      Cell csat = kpi_value(b, "csat", owner, year, kToday), nps = kpi_value(b, "nps", owner, year, kToday);
      CHECK(csat.index() == row[3].index());
      CHECK(nps.index() == row[6].index());
      if (auto* d = std::get_if<Decimal>(&csat)) CHECK(std::get<Decimal>(row[3]).value == doctest::Approx(d->value));
      if (auto* d = std::get_if<Decimal>(&nps)) CHECK(std::get<Decimal>(row[6]).value == doctest::Approx(d->value));
    }
  }
  // zhang.wei: csat 5 and 3 (one of two is 4 or 5), nps 10 and 6.
  Table t = customer_satisfaction_table(b, year, std::nullopt, SatisfactionBy::owner);
  CHECK(std::get<std::string>(t.rows[0][0]) == "zhang.wei");
  CHECK(std::get<Ratio>(t.rows[0][4]).value == doctest::Approx(0.5));
}

TEST_CASE("customer names: the same company once forms, case, punctuation and legal forms are set aside") {
  CHECK(normalised_name("上海星海科技有限公司") == normalised_name("上海星海科技"));
  CHECK(normalised_name("上海瑞丰机械股份有限公司") == "上海瑞丰机械");
  CHECK(normalised_name("Evergreen Tech Inc.") == "evergreentech");
  CHECK(normalised_name("ＥＶＥＲＧＲＥＥＮ　ＴＥＣＨ") == "evergreentech");
  CHECK(normalised_name("Greenfield Machinery Co., Ltd.") == normalised_name("greenfield machinery"));
  CHECK(normalised_name("Costco") == "costco");  // a suffix is a word of its own
  CHECK(normalised_name("Inc.") == "inc");       // a name is never only dropped
  CHECK(normalised_name("公司") == "公司");
  CHECK(normalised_name("--") == "");
  CHECK(normalised_name("Gamma GmbH") != normalised_name("Gamma Tools"));
}
