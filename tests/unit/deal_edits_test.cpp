// deal add and deal move: the edits they plan, applied to the file text, and their refusals.
#include "core/deals/edits.hpp"
#include "core/load/book.hpp"

#include <doctest/doctest.h>

#include "core/yaml/edit.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

const char* kDeals = R"(# October
- id: D-2026-0007
  customer: C-1
  owner: zhang.wei
  amount: 2000
  stage: proposal
  opened: 2026-10-03
  expected_close: 2026-12-15
  history:
    - {date: 2026-10-03, stage: lead}
    - {date: 2026-10-15, stage: proposal}
- id: D-2026-0009
  customer: C-1
  owner: zhang.wei
  amount: 500
  stage: lost
  opened: 2026-10-01
  closed: 2026-10-25
  lost_reason: price
  history:
    - {date: 2026-10-01, stage: lead}
    - {date: 2026-10-25, stage: lost}
- id: lead-1
  owner: zhang.wei
  stage: lead
  opened: 2026-10-05
)";

const Book& book() {
  static LoadResult r = salesops::test::load_files({{"deals/2026-10.yaml", kDeals}});
  REQUIRE_FALSE(r.diags.has_errors());
  return *r.book;
}

/// The file's text after the change's edits.
std::string applied(const WriteChange& c, std::string_view text = kDeals) {
  REQUIRE_FALSE(c.refused);
  REQUIRE(c.edits.size() == 1);
  TextEdit e = apply_edits(text, c.edits[0].edits, c.file);
  REQUIRE(e.ok());
  return e.text;
}

std::string refusal(const WriteChange& c) {
  REQUIRE(c.refused);
  CHECK(c.edits.empty());
  return c.refused->message;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("deal move to won: the stage line, a closed line and one history line") {
  WriteChange c = deal_move_change(book(), {"D-2026-0007", "won", make_date(2026, 11, 20), ""}, kToday);
  CHECK(c.file == "deals/2026-10.yaml");
  std::string want = replaced(kDeals, "  stage: proposal\n", "  stage: won\n");
  want = replaced(want, "  expected_close: 2026-12-15\n", "  expected_close: 2026-12-15\n  closed: 2026-11-20\n");
  want = replaced(want, "    - {date: 2026-10-15, stage: proposal}\n",
                  "    - {date: 2026-10-15, stage: proposal}\n    - {date: 2026-11-20, stage: won}\n");
  CHECK(applied(c) == want);
}

TEST_CASE("deal move to lost with a reason; reopening clears closed and lost_reason") {
  WriteChange lost = deal_move_change(book(), {"D-2026-0007", "lost", kToday, "budget"}, kToday);
  std::string text = applied(lost);
  CHECK(text.find("  closed: 2026-11-26\n  lost_reason: budget\n  history:") != std::string::npos);
  CHECK(text.find("{date: 2026-11-26, stage: lost}") != std::string::npos);

  WriteChange reopen = deal_move_change(book(), {"D-2026-0009", "qualified", kToday, "new budget"}, kToday);
  std::string want = replaced(kDeals, "  stage: lost\n", "  stage: qualified\n");
  want = replaced(want, "  closed: 2026-10-25\n  lost_reason: price\n", "");
  want = replaced(
      want, "    - {date: 2026-10-25, stage: lost}\n",
      "    - {date: 2026-10-25, stage: lost}\n    - {date: 2026-11-26, stage: qualified, reason: new budget}\n");
  CHECK(applied(reopen) == want);

  // lost to won: closed moves to the new date and the lost_reason goes.
  std::string won = applied(deal_move_change(book(), {"D-2026-0009", "won", kToday, ""}, kToday));
  CHECK(won.find("lost_reason") == std::string::npos);
  CHECK(won.find("  closed: 2026-11-26\n") != std::string::npos);
}

TEST_CASE("deal move: a deal without history first records the stage it had since it opened") {
  std::string text = applied(deal_move_change(book(), {"lead-1", "qualified", kToday, ""}, kToday));
  CHECK(
      text.ends_with("  stage: qualified\n  opened: 2026-10-05\n  history:\n"
                     "    - {date: 2026-10-05, stage: lead}\n    - {date: 2026-11-26, stage: qualified}\n"));
}

TEST_CASE("deal move refusals") {
  auto move = [](const char* id, const char* stage, Date date) {
    return deal_move_change(book(), {id, stage, date, ""}, kToday);
  };
  CHECK(refusal(move("D-2026-0008", "won", kToday)) == "unknown deal 'D-2026-0008'");
  CHECK(refusal(move("D-2026-0007", "wonn", kToday)) == "unknown stage 'wonn'");
  CHECK(refusal(move("D-2026-0007", "proposal", kToday)) == "deal 'D-2026-0007' is already in proposal");
  // A date before the last history entry, on it (allowed), before opened, after today.
  WriteChange early = move("D-2026-0007", "negotiation", make_date(2026, 10, 14));
  CHECK(refusal(early).find("cannot be dated 2026-10-14") != std::string::npos);
  CHECK(early.refused->where.file == "deals/2026-10.yaml");
  CHECK(early.refused->where.line == 2);
  CHECK_FALSE(move("D-2026-0007", "negotiation", make_date(2026, 10, 15)).refused);
  CHECK(refusal(move("lead-1", "qualified", make_date(2026, 10, 4))).find("opened on 2026-10-05") != std::string::npos);
  CHECK(refusal(move("D-2026-0007", "won", make_date(2026, 11, 27))).find("after today") != std::string::npos);
  // A lead without customer or amount cannot close.
  CHECK(refusal(move("lead-1", "won", kToday)).find("without a customer, an amount") != std::string::npos);
}

TEST_CASE("deal add: an id of the opened year drawn from the deal, the opened month's file, a history entry") {
  NewDeal n;
  n.owner = "zhang.wei";
  n.customer = "C-1";
  n.title = "二期: 扩容";
  n.amount = Money{1250050};
  n.opened = make_date(2026, 11, 3);
  n.expected_close = make_date(2026, 12, 20);
  WriteChange c = deal_add_change(book(), n, kToday);
  CHECK(c.id == "D-2026-znt5");
  CHECK(deal_add_change(book(), n, kToday).id == c.id);
  CHECK(c.file == "deals/2026-11.yaml");
  CHECK(applied(c, "") ==
        "- id: D-2026-znt5\n  customer: C-1\n  owner: zhang.wei\n  title: \"二期: 扩容\"\n  amount: 12500.50\n"
        "  stage: lead\n  opened: 2026-11-03\n  expected_close: 2026-12-20\n  history:\n"
        "    - {date: 2026-11-03, stage: lead}\n");
  // Another year has its own prefix; a whole amount is written without decimals.
  n.opened = make_date(2027, 1, 2);
  n.expected_close.reset();
  n.amount = Money{300000};
  n.stage = "qualified";
  c = deal_add_change(book(), n, make_date(2027, 1, 5));
  CHECK(c.id == "D-2027-g1d6");
  CHECK(c.file == "deals/2027-01.yaml");
  CHECK(applied(c, "").find("  amount: 3000\n  stage: qualified\n") != std::string::npos);
}

TEST_CASE("deal add refusals") {
  NewDeal n;
  n.owner = "zhang.wei";
  n.opened = kToday;
  auto with = [&](auto change) {
    NewDeal d = n;
    change(d);
    return deal_add_change(book(), d, kToday);
  };
  CHECK(refusal(with([](NewDeal& d) { d.owner = "zhang.wie"; })) == "unknown owner 'zhang.wie'");
  CHECK(with([](NewDeal& d) { d.owner = "zhang.wie"; }).refused->hint == "did you mean zhang.wei?");
  CHECK(refusal(with([](NewDeal& d) { d.customer = "C-2"; })) == "unknown customer 'C-2'");
  CHECK(refusal(with([](NewDeal& d) { d.stage = "propsal"; })) == "unknown stage 'propsal'");
  CHECK(refusal(with([](NewDeal& d) { d.stage = "won"; })) == "a new deal cannot be won");
  CHECK(refusal(with([](NewDeal& d) { d.amount = Money{-1}; })).find("negative") != std::string::npos);
  CHECK(refusal(with([](NewDeal& d) { d.expected_close = make_date(2026, 11, 1); })).find("before the opened") !=
        std::string::npos);
  CHECK(refusal(with([](NewDeal& d) { d.opened = make_date(2026, 11, 27); })) ==
        "the opened date 2026-11-27 is after today (2026-11-26)");
  CHECK(refusal(with([](NewDeal& d) { d.id = "D-2026-0009"; })) == "deal 'D-2026-0009' already exists");
  CHECK(refusal(with([](NewDeal& d) { d.id = "-x"; })) == "'-x' is not a valid id");
  CHECK(with([](NewDeal& d) { d.id = "custom.1"; }).id == "custom.1");
}

TEST_CASE("deal edit: values replaced in place, a missing key inserted in schema order, an empty one removed") {
  WriteChange c = deal_edit_change(book(), "D-2026-0007", {{"product", "widget-pro"}, {"amount", "2500.5"}}, kToday);
  CHECK(applied(c) == replaced(kDeals, "  amount: 2000\n", "  product: widget-pro\n  amount: 2500.50\n"));
  CHECK(c.records.size() == 1);
  CHECK(c.records[0].fields == std::vector<std::string>{"product", "amount"});
  WriteChange removed = deal_edit_change(book(), "D-2026-0007", {{"expected_close", ""}}, kToday);
  CHECK(applied(removed) == replaced(kDeals, "  expected_close: 2026-12-15\n", ""));
  CHECK(deal_edit_change(book(), "D-2026-0007", {{"amount", "2000"}}, kToday).edits.empty());
}

TEST_CASE("deal edit: refusals") {
  CHECK(refusal(deal_edit_change(book(), "D-2026-0009", {{"customer", ""}}, kToday)) ==
        "--customer: a won or lost deal keeps its customer");
  CHECK(refusal(deal_edit_change(book(), "D-2026-0007", {{"stage", "won"}}, kToday)) ==
        "'stage' changes with `salesops deal move` or `deal disqualify`");
  CHECK(refusal(deal_edit_change(book(), "D-2026-0007", {{"expected_close", "2026-09-01"}}, kToday)) ==
        "--expected-close 2026-09-01 is before the deal opened (2026-10-03)");
  CHECK(refusal(deal_edit_change(book(), "D-2026-0007", {{"amount", "-1"}}, kToday)) ==
        "--amount '-1': an amount is 0 or more");
}

TEST_CASE("deal disqualify: a lead without customer or amount closes as lost, disqualified") {
  DealMove m{"lead-1", "", make_date(2026, 11, 20), "no budget"};
  m.disqualify = true;
  WriteChange c = deal_move_change(book(), m, kToday);
  CHECK(applied(c) == replaced(kDeals, "  stage: lead\n  opened: 2026-10-05\n",
                               "  stage: lost\n  opened: 2026-10-05\n  closed: 2026-11-20\n"
                               "  lost_reason: disqualified\n  history:\n"
                               "    - {date: 2026-10-05, stage: lead}\n"
                               "    - {date: 2026-11-20, stage: lost, reason: no budget}\n"));
  m.id = "D-2026-0009";
  CHECK(refusal(deal_move_change(book(), m, kToday)) ==
        "deal 'D-2026-0009' is already lost: only an open deal is disqualified");
}
