// Custom fields: declared in salesops.toml, loaded into a side table, read by list, KPIs
// and the edit verbs. tests/data/fields is tests/data/small with custom values.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/book/book.hpp"
#include "core/deals/deals.hpp"
#include "core/deals/edits.hpp"
#include "core/kpi/kpi.hpp"
#include "core/load/book.hpp"
#include "core/load/config.hpp"
#include "fixtures.hpp"
#include "temp_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

const LoadResult& fields_load() {
  static LoadResult r = salesops::test::load_data_book("fields");
  return r;
}
const Book& fields_book() { return *fields_load().book; }

std::vector<std::string> rules(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(x.rule);
  return out;
}

Period quarter() {
  std::string error;
  return *parse_period("2026-Q4", kToday, {}, &error);
}

}  // namespace

TEST_CASE("custom fields: declarations of every type, errors for those that cannot be used") {
  Diagnostics diags;
  Config c = parse_config(R"(
[fields.deal]
source = { type = "enum", values = ["web", "referral"] }
partner = { type = "reference", to = "customer" }
margin = "money"
seats = "number"
signed_on = "date"
note = "text"
amount = "money"
colour = "colour"
tags = { type = "enum" }
buddy = { type = "reference", to = "plan" }
[fields.target]
x = "text"
)", "salesops.toml", diags);
  REQUIRE(c.fields.deal.size() == 6);
  CHECK(c.fields.deal[0].type == CustomType::choice);
  CHECK(c.fields.deal[0].values == std::vector<std::string>{"web", "referral"});
  CHECK(c.fields.deal[1].type == CustomType::ref);
  CHECK(c.fields.deal[1].ref == RefKind::customer);
  CHECK(c.fields.deal[2].type == CustomType::money);
  CHECK(c.fields.deal[3].type == CustomType::number);
  CHECK(c.fields.deal[4].type == CustomType::date);
  CHECK(c.fields.deal[5].type == CustomType::text);
  // amount is a deal's own field; colour no type; tags an enum without values; plan no
  // kind a reference may name; target no kind with custom fields.
  auto r = rules(diags);
  CHECK(std::count(r.begin(), r.end(), "config-field") == 5);
  CHECK(c.fields.customer.empty());
}

TEST_CASE("custom fields: a declared field loads without warnings, values kept per record") {
  const LoadResult& r = fields_load();
  CHECK_FALSE(r.diags.has_errors());
  auto found = rules(r.diags);
  CHECK(std::count(found.begin(), found.end(), "unknown-key") == 0);
  const Book& b = fields_book();
  const Deal* d1 = b.deal("D-1");
  REQUIRE(d1);
  CHECK(b.custom(*d1, 0) == "referral");
  CHECK(b.custom(*d1, 1) == "C-2");
  CHECK(b.custom(*d1, 2) == "300.25");
  CHECK(b.custom(*d1, 3) == "12");
  CHECK(b.custom(*d1, 4).empty());
  CHECK(b.custom(*b.deal("D-6"), 0).empty());
  CHECK(b.custom(*b.customer("C-1"), 1) == "00417");
  CHECK(b.custom(*b.customer("C-2"), 1).empty());
}

TEST_CASE("custom fields: a book that declares none keeps no values") {
  const LoadResult& r = salesops::test::small_book_load();
  CHECK(r.book->deal_fields.empty());
  CHECK(r.book->customer_fields.empty());
}

TEST_CASE("custom fields: wrong type, a value not in the enum, a dangling reference, at their place") {
  salesops::test::TempBook t("fields");
  t.write("salesops.toml", "[fields.deal]\nsource = { type = \"enum\", values = [\"web\"] }\npartner = { type = \"reference\", to = \"deal\" }\nmargin = \"money\"\n");
  t.write("team.yaml", "people:\n  - {id: a, name: A, team: company}\n");
  t.write("deals/2026-10.yaml",
          "- id: D-1\n  owner: a\n  stage: lead\n  source: webb\n  margin: 12.345\n  partner: D-9\n  colour: red\n"
          "- id: D-2\n  owner: a\n  stage: lead\n  partner: D-1\n");
  auto src = directory_source(t.root());
  LoadResult r = load_book(*src, t.root());
  std::vector<std::string> found;
  for (const auto& d : r.diags.items())
    found.push_back(d.rule + " " + std::to_string(d.where.line) + ":" + std::to_string(d.where.column));
  std::sort(found.begin(), found.end());
  CHECK(found == std::vector<std::string>{"field-type 5:11", "field-value 4:11", "missing-ref 6:12", "unknown-key 7:3"});
  // A reference to a deal of the book (D-2 names D-1) resolves; values not valid are not kept.
  REQUIRE(r.book->deal("D-1"));
  CHECK(r.book->custom(*r.book->deal("D-1"), 0).empty());
  CHECK(r.book->custom(*r.book->deal("D-2"), 1) == "D-1");
}

TEST_CASE("custom fields: custom KPIs filter and sum by them, kpi --by groups by them") {
  const Book& b = fields_book();
  // Won in 2026-Q4: D-1 1000.50 (referral, margin 300.25), D-2 3000 (referral, margin 900),
  // D-5 800 (event, margin 120.50).
  CHECK(std::get<Money>(kpi_value(b, "referral_revenue", "company", quarter(), kToday)).cents == 400050);
  CHECK(std::get<Money>(kpi_value(b, "won_margin", "company", quarter(), kToday)).cents == 132075);
  KpiQuery q;
  q.kpis = {"revenue", "deals_won", "deals_lost"};
  q.period = quarter();
  q.by = GroupBy::field;
  q.field = "source";
  q.today = kToday;
  std::string error;
  auto t = kpi_table(b, q, &error);
  REQUIRE(t);
  REQUIRE(t->columns[0].id == "source");
  // Rows in text order: event (D-5 won, D-3 lost 10-10), referral (D-1, D-2 won), web (D-7
  // lost 10-30; D-0 was won in August).
  REQUIRE(t->rows.size() == 3);
  CHECK(std::get<std::string>(t->rows[0][0]) == "event");
  CHECK(std::get<Money>(t->rows[0][1]).cents == 80000);
  CHECK(std::get<std::int64_t>(t->rows[0][3]) == 1);
  CHECK(std::get<Money>(t->rows[1][1]).cents == 400050);
  CHECK(std::get<std::int64_t>(t->rows[1][2]) == 2);
  CHECK(std::get<Money>(t->rows[2][1]).cents == 0);
  CHECK(std::get<std::int64_t>(t->rows[2][3]) == 1);
}

TEST_CASE("custom fields: deal list has a column per field, sorts by one") {
  DealQuery q;
  q.sort = "-margin";
  std::string error;
  auto t = deal_list_table(fields_book(), q, &error);
  REQUIRE(t);
  REQUIRE(t->columns.size() == 16);
  CHECK(t->columns[10].id == "source");
  CHECK(t->columns[12].id == "margin");
  // D-2 900, D-1 300.25, D-5 120.50, then the deals without a margin by id.
  CHECK(std::get<std::string>(t->rows[0][0]) == "D-2");
  CHECK(std::get<Money>(t->rows[0][12]).cents == 90000);
  CHECK(std::get<std::string>(t->rows[1][0]) == "D-1");
  CHECK(std::get<std::string>(t->rows[2][0]) == "D-5");
  CHECK(std::holds_alternative<Undefined>(t->rows[3][12]));
}

TEST_CASE("custom fields: deal edit sets, checks and removes them") {
  const Book& b = fields_book();
  WriteChange c = deal_edit_change(b, "D-4", {{"margin", "1500"}, {"source", "referral"}}, kToday);
  CHECK_FALSE(c.refused);
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].fields == std::vector<std::string>{"margin", "source"});
  CHECK(deal_edit_change(b, "D-4", {{"source", "fax"}}, kToday).refused);
  CHECK(deal_edit_change(b, "D-4", {{"margin", "1.005"}}, kToday).refused);
  CHECK(deal_edit_change(b, "D-4", {{"partner", "C-404"}}, kToday).refused);
  CHECK(deal_edit_change(b, "D-4", {{"colour", "red"}}, kToday).refused);
  // The value it has changes nothing; an empty value removes it.
  CHECK(deal_edit_change(b, "D-4", {{"source", "web"}}, kToday).records.empty());
  CHECK(deal_edit_change(b, "D-4", {{"source", ""}}, kToday).records.size() == 1);
}
