// The importer: column maps, ids, skipped rows with their lines, and the edits it plans.
#include "core/import/import.hpp"

#include <doctest/doctest.h>

#include "import_outcomes.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

ImportChange plan(const Book& b, ImportKind kind, const std::string& csv, Pairs map = {}, std::string team = {}) {
  ImportOptions o;
  o.kind = kind;
  o.map = std::move(map);
  o.team = std::move(team);
  o.date_format = "%d.%m.%Y";
  o.today = kToday;
  return import_change(b, parse_csv(csv), o);
}

}  // namespace

TEST_CASE("import: dates in ISO or the given format, and only real days") {
  CHECK(format_date(*parse_date_with("2026-11-03", "%m/%d/%Y")) == "2026-11-03");
  CHECK(format_date(*parse_date_with("3/7/2017", "%m/%d/%Y")) == "2017-03-07");
  CHECK(format_date(*parse_date_with("07.03.2017", "%d.%m.%Y")) == "2017-03-07");
  CHECK_FALSE(parse_date_with("2/30/2017", "%m/%d/%Y"));
  CHECK_FALSE(parse_date_with("13/1/2017", "%m/%d/%Y"));
  CHECK_FALSE(parse_date_with("3/7/17", "%m/%d/%Y"));
  CHECK_FALSE(parse_date_with("3/7/2017 ", "%m/%d/%Y"));
  CHECK_FALSE(parse_date_with("3/7/2017", ""));
}

TEST_CASE("import: ids from names") {
  CHECK(id_from_name("Anna Snelling", '.') == "anna.snelling");
  CHECK(id_from_name("  Mei-Mei  Johns ", '.') == "mei.mei.johns");
  CHECK(id_from_name("Acme, Inc.", '-') == "acme-inc");
  CHECK(id_from_name("张伟", '.').empty());
}

TEST_CASE("import: deals — created, duplicate, unknown person, new customer, lines of multi-line rows") {
  auto r = salesops::test::load_files({});
  const Book& b = *r.book;
  std::string csv =
      "id,customer,owner,title,stage,opened,closed,amount\n"
      "D-1,C-1,zhang.wei,\"two\nlines\",won,01.10.2026,05.10.2026,100\n"
      "D-1,C-1,zhang.wei,again,won,01.10.2026,05.10.2026,100\n"
      "D-2,Acme,Nobody Here,,lead,,,\n"
      "D-3,New Co,zhang.wei,,lead,,,\n"
      "D-4,C-1,zhang.wei,,won,01.10.2026,05.10.2026,1.005\n";
  // Without --team, a person the book lacks fails the import as a whole, naming them.
  ImportChange p = plan(b, ImportKind::deals, csv);
  REQUIRE_FALSE(p.ok());
  CHECK(p.edits.empty());
  CHECK(p.errors[0].message == "1 row names a person the book does not have: 'Nobody Here' (1 row: line 5)");
  CHECK(p.errors[0].hint.find("--team TEAM") != std::string::npos);
  // Acme is the name of C-1: found by name. With --team the unknown person is created.
  ImportChange q = plan(b, ImportKind::deals, csv, {}, "east");
  REQUIRE(q.ok());
  CHECK(outcomes(q) == std::vector<std::string>{
                           "2 created deal D-1",
                           "4 skipped: deal 'D-1' was created on line 2",
                           "5 created deal D-2, person nobody.here",
                           "6 created deal D-3, customer C-0002 (New Co)",
                           "7 skipped: amount '1.005': " + std::string(money_error_text(MoneyError::too_many_decimals)),
                       });
  CHECK(q.deals == 3);
  CHECK(q.customers == 1);
  CHECK(q.skipped == 2);
  CHECK(q.outcomes[1].reason == "repeated in the file");
  CHECK(q.outcomes[4].reason == "bad amount");
  // What each row created, for --format json: kind, id and file.
  REQUIRE(q.outcomes[3].records.size() == 2);
  CHECK(q.outcomes[3].records[0].id == "D-3");
  CHECK(q.outcomes[3].records[0].file == "deals/undated.yaml");
  CHECK(q.outcomes[3].records[1].kind == "customer");
  CHECK(q.outcomes[3].records[1].file == "customers/C-0002.yaml");
  // One transaction: team.yaml, the new customer's file, and one file per month (or undated).
  std::vector<std::string> files;
  for (auto& e : q.edits) files.push_back(e.file.string());
  CHECK(files ==
        std::vector<std::string>{"team.yaml", "customers/C-0002.yaml", "deals/2026-10.yaml", "deals/undated.yaml"});
}

TEST_CASE("import: a failing import plans nothing") {
  auto r = salesops::test::load_files({});
  CHECK_FALSE(plan(*r.book, ImportKind::deals, "").ok());
  CHECK(plan(*r.book, ImportKind::deals, "who,what\nx,y\n").errors[0].message.find("no column for the deal's owner") ==
        0);
  auto unknown = plan(*r.book, ImportKind::deals, "a,b\n", {{"a", "owner"}, {"b", "stagee"}});
  CHECK(unknown.errors[0].message.find("unknown field 'stagee'") == 0);
  CHECK(unknown.edits.empty());
}

TEST_CASE("import: an already known customer or person is skipped, by id or by name") {
  auto r = salesops::test::load_files({});
  ImportChange p = plan(*r.book, ImportKind::customers, "name,owner\nAcme,zhang.wei\nZeta,张伟\n");
  CHECK(outcomes(p) ==
        std::vector<std::string>{"2 skipped: customer 'C-1' is already in the book (--update changes it)",
                                 "3 created customer C-0002 (Zeta)"});
  ImportChange q = plan(*r.book, ImportKind::people, "name,team\n张伟,east\nLi Na,east\n");
  CHECK(outcomes(q) ==
        std::vector<std::string>{"2 skipped: person 'zhang.wei' is already in the book (--update changes it)",
                                 "3 created person li.na (team east)"});
}
