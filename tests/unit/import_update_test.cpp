// The importer as a re-sync: --update changes records in place through the edit verbs'
// changes, --match finds them by another field; stages and people the book lacks fail the
// import whole; dates in strptime formats; text in other encodings.
#include <doctest/doctest.h>

#include "core/base/encoding.hpp"
#include "core/base/utf8.hpp"
#include "core/import/import.hpp"
#include "core/yaml/edit.hpp"
#include "import_outcomes.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

const char* const kDeals =
    "- id: D-1\n"
    "  customer: C-1\n"
    "  owner: zhang.wei\n"
    "  title: Pumps\n"
    "  amount: 1000\n"
    "  stage: lead\n"
    "  opened: 2026-10-01\n"
    "  history:\n"
    "    - {date: 2026-10-01, stage: lead}\n"
    "- id: D-2\n"
    "  owner: zhang.wei\n"
    "  title: Valves\n"
    "  stage: lead\n"
    "  opened: 2026-10-02\n";

const char* const kTeam =
    "teams:\n  - id: east\n    name: East\npeople:\n"
    "  - id: zhang.wei\n    name: 张伟\n    team: east\n    role: rep\n"
    "  - id: li.na\n    name: Li Na\n    team: east\n    role: manager\n    email: li.na@example.com\n";

ImportChange plan(const Book& b, ImportKind kind, const std::string& csv, bool update, std::string match = {}) {
  ImportOptions o;
  o.kind = kind;
  o.update = update;
  o.match = std::move(match);
  o.date_format = "%m/%d/%Y";
  o.today = kToday;
  return import_change(b, parse_csv(csv), o);
}

// The text of `file` after the plan's edits, applied as the writer applies them.
std::string after(const ImportChange& p, const std::string& file, std::string text) {
  for (const FileEdit& f : p.edits) {
    if (f.file != file) continue;
    TextEdit e = apply_edits(text, f.edits, file);
    REQUIRE(e.ok());
    text = e.text;
  }
  return text;
}

}  // namespace

TEST_CASE("import --update: a deal's fields edited in place, its stage moved with history, unchanged rows kept") {
  auto r = salesops::test::load_files({{"deals/2026-10.yaml", kDeals}, {"team.yaml", kTeam}});
  REQUIRE(r.book);
  std::string csv =
      "id,owner,stage,amount,opened,closed\n"
      "D-1,zhang.wei,won,1200,10/1/2026,11/20/2026\n"   // amount and stage: won on its close date
      "D-2,zhang.wei,lead,,10/2/2026,\n"                // what the book has: unchanged
      "D-1,zhang.wei,lost,1200,10/1/2026,11/21/2026\n"  // the same deal again
      "D-2,li.na,lead,,10/3/2026,\n";                   // another opened date: not the import's to change
  ImportChange p = plan(*r.book, ImportKind::deals, csv, true);
  REQUIRE(p.ok());
  CHECK(outcomes(p) == std::vector<std::string>{
                           "2 updated deal D-1: amount, stage, closed, history",
                           "3 deal D-2 is unchanged",
                           "4 skipped: deal 'D-1' was updated on line 2",
                           "5 skipped: deal 'D-2': opened '2026-10-03' where the book has 2026-10-02; an import does "
                           "not change opened (edit it by hand)",
                       });
  CHECK(p.updated == 1);
  CHECK(p.unchanged == 1);
  CHECK(p.skipped == 2);
  CHECK(p.deals == 0);
  CHECK(after(p, "deals/2026-10.yaml", kDeals) ==
        "- id: D-1\n"
        "  customer: C-1\n"
        "  owner: zhang.wei\n"
        "  title: Pumps\n"
        "  amount: 1200\n"
        "  stage: won\n"
        "  opened: 2026-10-01\n"
        "  closed: 2026-11-20\n"
        "  history:\n"
        "    - {date: 2026-10-01, stage: lead}\n"
        "    - {date: 2026-11-20, stage: won}\n"
        "- id: D-2\n"
        "  owner: zhang.wei\n"
        "  title: Valves\n"
        "  stage: lead\n"
        "  opened: 2026-10-02\n");
  // Without --update the same rows are skipped, and nothing changes.
  ImportChange q = plan(*r.book, ImportKind::deals, csv, false);
  CHECK(q.edits.empty());
  CHECK(q.skipped == 4);
  CHECK(q.outcomes[0].reason == "already in the book");
}

TEST_CASE("import --update: a lead closed won by a row that gives its amount and a new customer") {
  auto r = salesops::test::load_files({{"deals/2026-10.yaml", kDeals}, {"team.yaml", kTeam}});
  ImportChange p = plan(*r.book, ImportKind::deals,
                        "id,customer,owner,stage,amount,closed\nD-2,Beta Ltd,zhang.wei,won,500,11/02/2026\n", true);
  REQUIRE(p.ok());
  CHECK(outcomes(p) == std::vector<std::string>{
                           "2 updated deal D-2: customer, amount, stage, closed, history, created customer C-0002 "
                           "(Beta Ltd)"});
  std::string text = after(p, "deals/2026-10.yaml", kDeals);
  CHECK(text.find("- id: D-2\n  customer: C-0002\n  owner: zhang.wei\n  title: Valves\n  amount: 500\n  stage: won\n"
                  "  opened: 2026-10-02\n  closed: 2026-11-02\n  history:\n"
                  "    - {date: 2026-10-02, stage: lead}\n    - {date: 2026-11-02, stage: won}\n") !=
        std::string::npos);
  CHECK(p.customers == 1);
  // A refused move (a date after today) skips the row whole: no customer is created for it.
  ImportChange q = plan(*r.book, ImportKind::deals,
                        "id,customer,owner,stage,amount,closed\nD-2,Beta Ltd,zhang.wei,won,500,12/02/2026\n", true);
  CHECK(q.skipped == 1);
  CHECK(q.outcomes[0].reason == "update refused");
  CHECK(q.customers == 0);
  CHECK(q.edits.empty());
}

TEST_CASE("import --update --match: customers by name, people by email, deals by title") {
  auto r = salesops::test::load_files({{"deals/2026-10.yaml", kDeals}, {"team.yaml", kTeam}});
  ImportChange c = plan(*r.book, ImportKind::customers, "name,tier,region\nAcme,b,north\nAcme,A,\n", true);
  CHECK(outcomes(c) == std::vector<std::string>{"2 updated customer C-1: tier, region",
                                                "3 skipped: customer 'C-1' was updated on line 2"});
  CHECK(after(c, "customers/C-1.yaml", "id: C-1\nname: Acme\nowner: zhang.wei\n") ==
        "id: C-1\nname: Acme\nowner: zhang.wei\ntier: B\nregion: north\n");

  ImportChange p = plan(*r.book, ImportKind::people, "Mail,left\nli.na@example.com,10/31/2026\n", true, "Mail");
  CHECK(p.errors.size() == 1);  // Mail fills no field
  ImportOptions o;
  o.kind = ImportKind::people;
  o.update = true;
  o.match = "Mail";
  o.map = {{"Mail", "email"}};
  o.date_format = "%m/%d/%Y";
  o.today = kToday;
  ImportChange q = import_change(*r.book, parse_csv("Mail,left\nli.na@example.com,10/31/2026\n"), o);
  REQUIRE(q.ok());
  CHECK(outcomes(q) == std::vector<std::string>{"2 updated person li.na: left"});
  CHECK(after(q, "team.yaml", kTeam).find("    email: li.na@example.com\n    left: 2026-10-31\n") != std::string::npos);

  ImportChange d = plan(*r.book, ImportKind::deals, "title,owner,stage\nValves,zhang.wei,qualified\n", true, "title");
  CHECK(outcomes(d) == std::vector<std::string>{"2 updated deal D-2: stage, history"});
  // A field that does not tell records apart is refused.
  CHECK_FALSE(plan(*r.book, ImportKind::deals, "stage,owner\nlead,zhang.wei\n", true, "stage").ok());
  // A name two customers of the book share finds neither.
  auto twins = salesops::test::load_files({{"customers/C-2.yaml", "id: C-2\nname: Acme\nowner: zhang.wei\n"}});
  ImportChange a = plan(*twins.book, ImportKind::customers, "name,tier\nAcme,B\n", true);
  CHECK(outcomes(a) == std::vector<std::string>{"2 skipped: several records of the book have the name 'Acme'"});
  CHECK(a.outcomes[0].reason == "ambiguous match");
  // --update of deals needs their id, or --match.
  CHECK_FALSE(plan(*r.book, ImportKind::deals, "owner,stage\nzhang.wei,lead\n", true).ok());
}

TEST_CASE("import: stages the book lacks fail the import whole, with counts and lines") {
  auto r = salesops::test::load_files({});
  ImportChange p =
      plan(*r.book, ImportKind::deals,
           "owner,stage\nzhang.wei,Qualify\nzhang.wei,lead\nzhang.wei,Qualify\nzhang.wei,Closed Won\n", false);
  REQUIRE_FALSE(p.ok());
  CHECK(p.edits.empty());
  CHECK(p.errors[0].message ==
        "3 rows name a stage the book does not have: 'Qualify' (2 rows: lines 2, 4), 'Closed Won' (1 row: line 5)");
  CHECK(p.errors[0].hint.find("--stage-map \"Qualify=OURS,Closed Won=OURS\"") != std::string::npos);
}

TEST_CASE("import: dates in strptime formats, timestamps too; formats that cannot read a date") {
  CHECK(format_date(*parse_date_with("2017-03-07 14:05:09", "%Y-%m-%d %H:%M:%S")) == "2017-03-07");
  CHECK(format_date(*parse_date_with("07 Mar 2017", "%d %b %Y")) == "2017-03-07");
  CHECK(format_date(*parse_date_with("3/7/17", "%m/%d/%y")) == "2017-03-07");
  CHECK(format_date(*parse_date_with("2017-03-07T14:05:09+0800", "%Y-%m-%dT%H:%M:%S%z")) == "2017-03-07");
  CHECK_FALSE(parse_date_with("2017-03-07 14:05", "%Y-%m-%d %H:%M:%S"));
  CHECK_FALSE(parse_date_with("2017-03-07 25:05:09", "%Y-%m-%d %H:%M:%S"));
  CHECK_FALSE(date_format_error("%Y-%m-%d %H:%M:%S"));
  CHECK_FALSE(date_format_error("%m/%d/%Y"));
  CHECK(date_format_error("%Y-%q-%d")->find("%q is not a code") == 0);
  CHECK(date_format_error("%Y-%j")->find("%j is not a code") == 0);
  CHECK(*date_format_error("%m/%d") ==
        "it has no year: a date needs a year (%Y or %y), a month (%m or %b) and a "
        "day (%d)");
  CHECK(date_format_error("%Y-%m-%")->find("lone %") != std::string::npos);
  CHECK_FALSE(parse_date_with("3/7/2017", "%m/%d/%Y %q"));
}

TEST_CASE("encoding: GBK converted with iconv; bytes that are not UTF-8 placed and named") {
  const std::string gbk = "name\n\xd5\xc5\xce\xb0\n";  // 张伟 in GBK
  Utf8Text t = to_utf8(gbk, "gbk");
  CHECK_FALSE(t.bad);
  CHECK(t.text == "name\n张伟\n");
  CHECK(first_invalid_utf8(gbk) == 5);
  TextPlace at = place_of(gbk, 5);
  CHECK(at.line == 2);
  CHECK(at.column == 1);
  CHECK(place_of("a,é,\xff", 5).column == 5);
  CHECK(guess_encoding(gbk).name == "gbk");
  CHECK(guess_encoding("name\nM\xfcller\n").name == "windows-1252");
  CHECK(guess_encoding("name\nH\xe9l\xe8ne\n").name == "windows-1252");
  CHECK(guess_encoding("name\n\xb1\x69\xb0\xb6\n").name == "big5");  // 張偉 in Big5
  CHECK(guess_encoding(std::string("\xff\xfen\0a\0", 6)).name == "utf-16");
  CHECK(to_utf8("x", "no-such-encoding").unknown_encoding);
  Utf8Text broken = to_utf8("a\nb\xd5", "gbk");  // a lead byte with no trail
  REQUIRE(broken.bad);
  CHECK(broken.bad->line == 2);
  CHECK(broken.bad->column == 2);
  Utf8Text utf16 = to_utf8(std::string("\xff\xfe\x20\x5f\x0a\x00", 6), "utf-16");
  CHECK(utf16.text == "张\n");
}
