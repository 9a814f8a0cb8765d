// trend slippage: pushes of expected_close found commit by commit (figures in the comments).
#include "core/trend/slippage.hpp"

#include <doctest/doctest.h>

#include "core/base/date.hpp"
#include "core/load/git_source.hpp"
#include "git_repo.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const char* kToml = "[org]\nname = \"Test\"\n";

std::string deal(const std::string& id, const std::string& stage, const std::string& expected, int amount = 10000) {
  return fmt::format("- id: {}\n  customer: C-1\n  owner: zhang.wei\n  amount: {}\n  stage: {}\n  opened: 2026-10-01\n"
                     "  expected_close: {}\n{}",
                     id, amount, stage, expected, stage == "won" ? "  closed: 2026-11-03\n" : "");
}

std::unique_ptr<Book> book_of(const std::string& deals) {
  return load_texts({{"salesops.toml", kToml}, {"deals/2026-10.yaml", deals}});
}

}  // namespace

TEST_CASE("a push is an open deal's expected_close moved later") {
  auto rates = salesops::test::load_files({});
  // A: proposal, 11-20 -> 12-04: 14 days. B: pulled in (not a push). C: won (not open).
  // D: new (no before). E: unchanged. C is closed by the same commit: recorded, not pushed.
  auto before = book_of(deal("A", "proposal", "2026-11-20") + deal("B", "lead", "2026-11-25") +
                        deal("C", "negotiation", "2026-11-01") + deal("E", "lead", "2026-12-01"));
  auto after = book_of(deal("A", "negotiation", "2026-12-04", 12000) + deal("B", "lead", "2026-11-10") +
                       deal("C", "won", "2026-11-30") + deal("D", "lead", "2026-12-30") +
                       deal("E", "lead", "2026-12-01"));
  std::vector<Push> pushes = pushes_between(*before, *after, *rates.book);
  REQUIRE(pushes.size() == 1);
  CHECK(pushes[0].deal == "A");
  CHECK(pushes[0].stage == "proposal");  // the stage before the commit
  CHECK(pushes[0].days() == 14);
  CHECK(pushes[0].amount == Money{1000000});  // the amount before the commit
}

TEST_CASE("a deal unreadable before the commit is compared as it last stood readable") {
  auto rates = salesops::test::load_files({});
  // F's date was not a date before the commit (the loader drops it); G was not in the file.
  auto before = book_of(deal("F", "lead", "2026-11-3x") + deal("H", "lead", "2026-11-20"));
  auto after = book_of(deal("F", "lead", "2026-12-10") + deal("G", "lead", "2026-12-20") +
                       deal("H", "lead", "2026-11-25"));
  std::map<std::string, Push> last;
  auto open_lead = [](const std::string& id, const char* expected) {
    Push p;
    p.deal = id;
    p.owner = "zhang.wei";
    p.stage = "lead";
    p.from = *parse_date(expected);
    return p;
  };
  last["F"] = open_lead("F", "2026-12-01");
  last["G"] = open_lead("G", "2026-12-25");
  last["H"] = open_lead("H", "2026-10-01");
  std::vector<Push> pushes = pushes_between(*before, *after, *rates.book, &last);
  // F: 12-01 -> 12-10. G: 12-25 -> 12-20 is a pull. H was readable: 11-20 -> 11-25, not 10-01.
  REQUIRE(pushes.size() == 2);
  CHECK(pushes[0].deal == "F");
  CHECK(pushes[0].days() == 9);
  CHECK(pushes[1].deal == "H");
  CHECK(pushes[1].days() == 5);
  // Without the last readable states, F is no push.
  CHECK(pushes_between(*before, *after, *rates.book).size() == 1);
}

TEST_CASE("find_pushes follows every commit of the window, once each") {
  salesops::test::TempRepo repo;
  repo.write("salesops.toml", kToml);
  repo.write("team.yaml", "people:\n  - {id: zhang.wei, name: Zhang, role: rep}\n");
  repo.write("deals/2026-10.yaml", deal("A", "proposal", "2026-11-20") + deal("B", "lead", "2026-11-25", 5000));
  repo.commit("deals", 2, "ops");
  // 11-05: A 11-20 -> 11-27 (7 days, still in November).
  repo.write("deals/2026-10.yaml", deal("A", "proposal", "2026-11-27") + deal("B", "lead", "2026-11-25", 5000));
  repo.commit("A later", 5, "zhang.wei");
  // 11-10: A 11-27 -> 12-04 (7 days, out of November); B re-priced only.
  repo.write("deals/2026-10.yaml", deal("A", "proposal", "2026-12-04") + deal("B", "lead", "2026-11-25", 6000));
  repo.commit("A later again", 10, "li.na");
  // 11-12: B moved to another file and pushed 11-25 -> 11-26 there (1 day).
  repo.write("deals/2026-10.yaml", deal("A", "proposal", "2026-12-04"));
  repo.write("deals/2026-11.yaml", deal("B", "lead", "2026-11-26", 6000));
  repo.commit("B filed in November", 12, "ops");
  auto rates = salesops::test::load_files({});
  std::string error;
  Period november = range_period(make_date(2026, 11, 1), make_date(2026, 11, 30));
  std::vector<Push> pushes = find_pushes(repo.root(), "", november, *rates.book, &error);
  CHECK(error.empty());
  REQUIRE(pushes.size() == 3);
  CHECK(pushes[0].deal == "A");
  CHECK(pushes[0].date == make_date(2026, 11, 5));
  CHECK(pushes[0].author == "zhang.wei");
  CHECK(pushes[0].days() == 7);
  CHECK(pushes[1].deal == "A");
  CHECK(pushes[1].to == make_date(2026, 12, 4));
  CHECK(pushes[2].deal == "B");
  CHECK(pushes[2].days() == 1);
  CHECK(pushes[2].amount == Money{600000});

  // A window of the 6th to the 30th leaves the first push out.
  Period later = range_period(make_date(2026, 11, 6), make_date(2026, 11, 30));
  CHECK(find_pushes(repo.root(), "", later, *rates.book, &error).size() == 2);

  mark_slipped_out(pushes, {november});
  CHECK(pushes[0].out_of.empty());
  CHECK(pushes[1].out_of == november.label);
  CHECK(pushes[2].out_of.empty());

  // By owner: 3 pushes of 2 deals, 15 days, mean 5, max 7; A's 10,000 slipped out.
  Table t = slippage_table(*rates.book, pushes, SlippageBy::owner, {november});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0] == Cell{std::string("zhang.wei")});
  CHECK(t.rows[0][2] == Cell{std::int64_t{3}});
  CHECK(t.rows[0][3] == Cell{std::int64_t{2}});
  CHECK(t.rows[0][4] == Cell{std::int64_t{15}});
  CHECK(t.rows[0][5] == Cell{Decimal{5.0}});
  CHECK(t.rows[0][6] == Cell{std::int64_t{7}});
  CHECK(t.rows[0][7] == Cell{std::int64_t{1}});
  CHECK(t.rows[0][8] == Cell{Money{1000000}});
}
