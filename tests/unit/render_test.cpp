#include "cli/render.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

using namespace salesops;
using cli::Format;
using core::Decimal;
using core::Money;
using core::Ratio;
using core::Undefined;

namespace {

std::string rendered(const core::Table& table, Format format, bool color = false, bool bom = false,
                     cli::Meta meta = {}) {
  std::ostringstream out;
  cli::render(out, table, cli::RenderOptions{format, color, bom, std::move(meta)});
  return out.str();
}

// owner, name (labelled), money, ratio, integer; one CJK name, one undefined ratio.
core::Table people_table() {
  core::Table t;
  t.add_column("owner");
  t.add_column("name", "Name");
  t.add_column("revenue");
  t.add_column("win_rate");
  t.add_column("deals");
  auto& a = t.add_row();
  a = {std::string("zw"), std::string("张伟"), Money{1250000}, Ratio{1.05}, std::int64_t{1234}};
  auto& b = t.add_row();
  b = {std::string("ln"), std::string("Li Na"), Money{-305}, Undefined{}, std::int64_t{7}};
  return t;
}

}  // namespace

TEST_CASE("render: format names and file extensions") {
  CHECK(cli::parse_format("table") == Format::table);
  CHECK(cli::parse_format("csv") == Format::csv);
  CHECK(cli::parse_format("tsv") == Format::tsv);
  CHECK(cli::parse_format("json") == Format::json);
  CHECK(cli::parse_format("jsonl") == Format::jsonl);
  CHECK(cli::parse_format("md") == Format::md);
  CHECK(cli::parse_format("html") == Format::html);
  CHECK(cli::parse_format("github") == Format::github);
  CHECK(cli::parse_format("sarif") == Format::sarif);
  CHECK_FALSE(cli::parse_format("CSV"));
  CHECK(cli::parse_format("xlsx") == Format::xlsx);
  CHECK_FALSE(cli::parse_format("xls"));
  CHECK_FALSE(cli::parse_format(""));

  CHECK(cli::format_from_extension("out/kpi.csv") == Format::csv);
  CHECK(cli::format_from_extension("kpi.TSV") == Format::tsv);
  CHECK(cli::format_from_extension("kpi.json") == Format::json);
  CHECK(cli::format_from_extension("kpi.jsonl") == Format::jsonl);
  CHECK(cli::format_from_extension("kpi.md") == Format::md);
  CHECK(cli::format_from_extension("card.html") == Format::html);
  CHECK(cli::format_from_extension("card.htm") == Format::html);
  CHECK(cli::format_from_extension("kpi.txt") == Format::table);
  CHECK(cli::format_from_extension("check.sarif") == Format::sarif);
  CHECK_FALSE(cli::format_from_extension("check.github"));
  CHECK_FALSE(cli::format_from_extension("kpi.table"));
  CHECK_FALSE(cli::format_from_extension("kpi"));
  CHECK_FALSE(cli::format_from_extension("dir.csv/kpi"));
  CHECK(cli::format_from_extension("kpi.xlsx") == Format::xlsx);
  CHECK_FALSE(cli::format_from_extension("kpi.xls"));
}

TEST_CASE("render: display width counts wide characters twice") {
  CHECK(cli::display_width("") == 0);
  CHECK(cli::display_width("Li Na") == 5);
  CHECK(cli::display_width("张伟") == 4);
  CHECK(cli::display_width("Zoë") == 3);
  CHECK(cli::display_width("e\u0301") == 1);     // combining acute accent takes no column
  CHECK(cli::display_width("\u2014") == 1);      // the undefined marker
  CHECK(cli::display_width("a\xff\xfe-") == 4);  // each invalid byte counts one
}

TEST_CASE("render: display and raw text of cells") {
  CHECK(cli::display_text(std::int64_t{1234567}) == "1,234,567");
  CHECK(cli::display_text(std::int64_t{-1234}) == "-1,234");
  CHECK(cli::display_text(std::int64_t{999}) == "999");
  CHECK(cli::display_text(Money{1250000}) == "12,500.00");
  CHECK(cli::display_text(Money{-305}) == "-3.05");
  CHECK(cli::display_text(Ratio{1.05}) == "105.0%");
  CHECK(cli::display_text(Ratio{1.0 / 3}) == "33.3%");
  CHECK(cli::display_text(Ratio{12.5}) == "1,250.0%");
  CHECK(cli::display_text(Ratio{-0.0001}) == "0.0%");
  CHECK(cli::display_text(Decimal{13.0 / 3}) == "4.33");
  CHECK(cli::display_text(Decimal{1234.5}) == "1,234.50");
  CHECK(cli::display_text(Decimal{-0.001}) == "0.00");
  CHECK(cli::display_text(core::make_date(2026, 11, 3)) == "2026-11-03");
  CHECK(cli::display_text(Undefined{}) == "\u2014");
  CHECK(cli::display_text(Ratio{std::numeric_limits<double>::quiet_NaN()}) == "\u2014");
  CHECK(cli::display_text(Decimal{std::numeric_limits<double>::infinity()}) == "\u2014");

  CHECK(cli::raw_text(std::int64_t{1234567}) == "1234567");
  CHECK(cli::raw_text(Money{1250000}) == "12500.00");
  CHECK(cli::raw_text(Money{-5}) == "-0.05");
  CHECK(cli::raw_text(Ratio{1.05}) == "1.05");
  CHECK(cli::raw_text(Ratio{20.0 / 19}) == "1.052632");
  CHECK(cli::raw_text(Ratio{0.3333333}) == "0.333333");
  CHECK(cli::raw_text(Ratio{1.0}) == "1");
  CHECK(cli::raw_text(Ratio{0}) == "0");
  CHECK(cli::raw_text(Ratio{-0.25}) == "-0.25");
  CHECK(cli::raw_text(Ratio{0.1 + 0.2}) == "0.3");
  CHECK(cli::raw_text(Ratio{0.000123456789}) == "0.000123457");  // six significant digits
  CHECK(cli::raw_text(Decimal{1234567.891}) == "1234567.891");
  CHECK(cli::raw_text(Decimal{1e15}) == "1000000000000000");
  CHECK(cli::raw_text(Decimal{-1e-9}) == "-0.000000001");
  CHECK(cli::raw_text(core::make_date(2026, 1, 5)) == "2026-01-05");
  CHECK(cli::raw_text(Undefined{}) == "");
  CHECK(cli::raw_text(Ratio{std::numeric_limits<double>::quiet_NaN()}) == "");
}

TEST_CASE("render: table aligns CJK names by display width") {
  CHECK(rendered(people_table(), Format::table) ==
        "owner  Name     revenue  win_rate  deals\n"
        "-----  -----  ---------  --------  -----\n"
        "zw     张伟   12,500.00    105.0%  1,234\n"
        "ln     Li Na      -3.05         \u2014      7\n");
}

TEST_CASE("render: table has no trailing spaces and flattens line breaks") {
  core::Table t;
  t.add_column("amount");
  t.add_column("note");
  t.add_row() = {Money{100}, std::string("a longer note")};
  t.add_row() = {Undefined{}, std::string("two\nlines ")};
  t.add_row() = {Money{2000000}, std::string()};
  CHECK(rendered(t, Format::table) ==
        "   amount  note\n"
        "---------  -------------\n"
        "     1.00  a longer note\n"
        "        \u2014  two lines\n"
        "20,000.00\n");
}

TEST_CASE("render: table text columns stay left-aligned, undefined follows the column") {
  core::Table t;
  t.add_column("stage");
  t.add_column("closed");
  t.add_row() = {std::string("won"), core::make_date(2026, 11, 3)};
  t.add_row() = {Undefined{}, Undefined{}};
  CHECK(rendered(t, Format::table) ==
        "stage  closed\n"
        "-----  ----------\n"
        "won    2026-11-03\n"
        "\u2014      \u2014\n");
}

TEST_CASE("render: empty tables") {
  core::Table t;
  t.add_column("owner");
  t.add_column("revenue");
  CHECK(rendered(t, Format::table) == "owner  revenue\n-----  -------\n");
  CHECK(rendered(t, Format::csv) == "owner,revenue\n");
  CHECK(rendered(t, Format::tsv) == "owner\trevenue\n");
  CHECK(rendered(t, Format::md) == "| owner | revenue |\n| ----- | ------- |\n");
  CHECK(rendered(t, Format::jsonl) == "");
  auto doc = nlohmann::json::parse(rendered(t, Format::json));
  CHECK(doc["rows"].is_array());
  CHECK(doc["rows"].empty());
  CHECK(doc["columns"] == nlohmann::json::array({"owner", "revenue"}));

  core::Table none;
  CHECK(rendered(none, Format::table) == "");
  CHECK(rendered(none, Format::csv) == "");
  CHECK(rendered(none, Format::md) == "");
}

TEST_CASE("render: colour only when asked") {
  core::Table t;
  t.add_column("owner");
  t.add_column("win_rate");
  t.add_row() = {std::string("zw"), Undefined{}};
  std::string plain = rendered(t, Format::table, false);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(rendered(t, Format::table, true) ==
        "\x1b[1mowner\x1b[0m  \x1b[1mwin_rate\x1b[0m\n"
        "-----  --------\n"
        "zw     \x1b[2m\u2014\x1b[0m\n");
  // Colour never reaches machine formats.
  for (Format f : {Format::csv, Format::tsv, Format::json, Format::jsonl, Format::md}) {
    CHECK(rendered(t, f, true).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("render: a column of figures with none defined is right-aligned") {
  core::Table t;
  t.add_column("owner");
  t.add_column("win_rate", core::ColumnType::ratio);
  t.add_column("note");
  t.add_row() = {std::string("zw"), Undefined{}, Undefined{}};
  CHECK(rendered(t, Format::table, false) ==
        "owner  win_rate  note\n"
        "-----  --------  ----\n"
        "zw            \u2014  \u2014\n");
}

TEST_CASE("render: a cell's tone colours it in the table format only") {
  core::Table t;
  t.add_column("target");
  t.add_column("status");
  t.add_row() = {std::string("T1"), std::string("on-track")};
  t.add_row() = {std::string("T2"), std::string("off-track")};
  t.set_tone(0, 1, core::Tone::good);
  t.set_tone(1, 1, core::Tone::bad);
  CHECK(rendered(t, Format::table, true) ==
        "\x1b[1mtarget\x1b[0m  \x1b[1mstatus\x1b[0m\n"
        "------  ---------\n"
        "T1      \x1b[32mon-track\x1b[0m\n"
        "T2      \x1b[31moff-track\x1b[0m\n");
  CHECK(rendered(t, Format::table, false).find('\x1b') == std::string::npos);
  CHECK(rendered(t, Format::md, true).find('\x1b') == std::string::npos);
}

TEST_CASE("render: csv quotes per RFC 4180 and writes raw numbers") {
  core::Table t;
  t.add_column("customer");
  t.add_column("note", "Note");
  t.add_column("amount");
  t.add_column("share");
  t.add_column("closed");
  t.add_column("deals");
  const core::Cell none = Undefined{};
  t.add_row() = {std::string("acme"), std::string("big, fast"),     Money{1250000},
                 Ratio{20.0 / 19},    core::make_date(2026, 11, 3), std::int64_t{1234}};
  t.add_row() = {std::string("globex"), std::string("said \"maybe\""), Money{-305}, none, none, none};
  t.add_row() = {std::string("初"), std::string("line one\nline two\r"), Money{0}, Ratio{1.05}, none,
                 std::int64_t{0}};
  CHECK(rendered(t, Format::csv) ==
        "customer,note,amount,share,closed,deals\n"
        "acme,\"big, fast\",12500.00,1.052632,2026-11-03,1234\n"
        "globex,\"said \"\"maybe\"\"\",-3.05,,,\n"
        "初,\"line one\nline two\r\",0.00,1.05,,0\n");
}

TEST_CASE("render: csv of one column keeps empty rows visible") {
  core::Table t;
  t.add_column("csat");
  t.add_row() = {Decimal{4.5}};
  t.add_row() = {Undefined{}};
  CHECK(rendered(t, Format::csv) == "csat\n4.5\n\"\"\n");
}

TEST_CASE("render: byte-order mark on csv and tsv only") {
  core::Table t;
  t.add_column("owner");
  t.add_row() = {std::string("zw")};
  CHECK(rendered(t, Format::csv, false, true) == "\xEF\xBB\xBFowner\nzw\n");
  CHECK(rendered(t, Format::tsv, false, true) == "\xEF\xBB\xBFowner\nzw\n");
  CHECK(rendered(t, Format::csv, false, false) == "owner\nzw\n");
  CHECK(rendered(t, Format::json, false, true).rfind("{", 0) == 0);
  CHECK(rendered(t, Format::table, false, true).rfind("owner", 0) == 0);
}

TEST_CASE("render: tsv replaces tabs and line breaks in text") {
  core::Table t;
  t.add_column("owner");
  t.add_column("note");
  t.add_column("amount");
  t.add_column("attainment");
  t.add_row() = {std::string("zw"), std::string("a\tb\nc\r"), Money{1250000}, Ratio{1.05}};
  t.add_row() = {std::string("ln"), std::string("x, \"y\""), Undefined{}, Undefined{}};
  CHECK(rendered(t, Format::tsv) ==
        "owner\tnote\tamount\tattainment\n"
        "zw\ta b c \t12500.00\t1.05\n"
        "ln\tx, \"y\"\t\t\n");
}

TEST_CASE("render: md escapes pipes and right-aligns numbers") {
  core::Table t;
  t.add_column("owner");
  t.add_column("name", "Name");
  t.add_column("revenue");
  t.add_column("win_rate");
  t.add_row() = {std::string("zw"), std::string("张伟"), Money{1250000}, Ratio{1.05}};
  t.add_row() = {std::string("a|b"), std::string("two\nlines"), Money{-305}, Undefined{}};
  CHECK(rendered(t, Format::md) ==
        "| owner | Name      |   revenue | win_rate |\n"
        "| ----- | --------- | --------: | -------: |\n"
        "| zw    | 张伟      | 12,500.00 |   105.0% |\n"
        "| a\\|b  | two lines |     -3.05 |        \u2014 |\n");
}

TEST_CASE("render: json document structure") {
  cli::Meta meta{"/books/acme", "kpi", "2026-11", "2026-11-20", ""};
  core::Table t = people_table();
  t.add_column("closed");
  t.rows[0].push_back(core::make_date(2026, 11, 3));
  t.rows[1].push_back(Undefined{});
  std::string text = rendered(t, Format::json, false, false, meta);
  CHECK(text.back() == '\n');
  auto doc = nlohmann::ordered_json::parse(text);

  std::vector<std::string> keys;
  for (const auto& item : doc.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"format_version", "meta", "columns", "rows"});
  CHECK(doc["format_version"] == "2");
  CHECK(doc["meta"]["book"] == "/books/acme");
  CHECK(doc["meta"]["command"] == "kpi");
  CHECK(doc["meta"]["period"] == "2026-11");
  CHECK(doc["meta"]["today"] == "2026-11-20");
  CHECK(doc["meta"].contains("revision"));
  CHECK(doc["meta"]["revision"].is_null());
  CHECK(doc["columns"] ==
        nlohmann::ordered_json::array({"owner", "name", "revenue", "win_rate", "deals", "closed"}));

  REQUIRE(doc["rows"].size() == 2);
  const auto& zw = doc["rows"][0];
  std::vector<std::string> row_keys;
  for (const auto& item : zw.items()) row_keys.push_back(item.key());
  CHECK(row_keys == std::vector<std::string>{"owner", "name", "revenue", "win_rate", "deals", "closed"});
  CHECK(zw["owner"] == "zw");
  CHECK(zw["name"] == "张伟");
  CHECK(zw["revenue"].is_number_float());
  CHECK(zw["revenue"].get<double>() == 12500.0);
  CHECK(zw["win_rate"].get<double>() == 1.05);
  CHECK(zw["deals"].is_number_integer());
  CHECK(zw["deals"] == 1234);
  CHECK(zw["closed"] == "2026-11-03");

  const auto& ln = doc["rows"][1];
  CHECK(ln["revenue"].get<double>() == -3.05);
  CHECK(ln["win_rate"].is_null());
  CHECK(ln["closed"].is_null());
}

TEST_CASE("render: json money prints exactly its cents") {
  core::Table t;
  t.add_column("amount");
  t.add_row() = {Money{1250050}};
  t.add_row() = {Money{30}};
  t.add_row() = {Money{123456789012}};
  t.add_row() = {Money{-1}};
  std::string text = rendered(t, Format::jsonl);
  CHECK(text ==
        "{\"amount\":12500.5}\n"
        "{\"amount\":0.3}\n"
        "{\"amount\":1234567890.12}\n"
        "{\"amount\":-0.01}\n");
}

TEST_CASE("render: json meta fields left empty are null, invalid UTF-8 does not throw") {
  core::Table t;
  t.add_column("note");
  t.add_row() = {std::string("bad \xff byte")};
  auto doc = nlohmann::json::parse(
      rendered(t, Format::json, false, false, cli::Meta{"book", "deal list", "", "", ""}));
  CHECK(doc["meta"]["command"] == "deal list");
  CHECK(doc["meta"]["period"].is_null());
  CHECK(doc["meta"]["today"].is_null());
  CHECK(doc["rows"][0]["note"].is_string());
}

TEST_CASE("render: jsonl writes one object per row") {
  core::Table t = people_table();
  std::string text = rendered(t, Format::jsonl, false, false, cli::Meta{"b", "kpi", "", "", ""});
  std::istringstream lines(text);
  std::string line;
  std::vector<nlohmann::ordered_json> rows;
  while (std::getline(lines, line)) rows.push_back(nlohmann::ordered_json::parse(line));
  REQUIRE(rows.size() == 2);
  CHECK_FALSE(rows[0].contains("meta"));
  CHECK(rows[0].begin().key() == "owner");
  CHECK(rows[0]["revenue"].get<double>() == 12500.0);
  CHECK(rows[1]["win_rate"].is_null());
  CHECK(rows[1]["deals"] == 7);
  CHECK(text.find("\n{") != std::string::npos);  // compact: one line per row
}

TEST_CASE("render: short rows are padded with undefined") {
  core::Table t;
  t.add_column("owner");
  t.add_column("deals");
  t.rows.push_back({std::string("zw")});
  CHECK(rendered(t, Format::csv) == "owner,deals\nzw,\n");
  CHECK(nlohmann::json::parse(rendered(t, Format::jsonl))["deals"].is_null());
}

TEST_CASE("render: html and check's CI formats are not available from the generic renderer") {
  for (Format f : {Format::html, Format::github, Format::sarif, Format::xlsx}) {
    std::ostringstream out;
    CHECK_THROWS_AS(cli::render(out, people_table(), cli::RenderOptions{f}), std::invalid_argument);
    CHECK(out.str().empty());
  }
}

namespace {

// A typed table of one sub-period per row, a money column and a per-row unit, its last row
// the total of the others.
core::Table typed_table() {
  core::Table t;
  t.add_column("owner");
  t.add_column("period", core::ColumnType::period);
  t.add_column("revenue", core::ColumnType::money);
  t.add_mixed_column("value", "unit");
  t.add_unit_column("unit");
  t.add_row() = {std::string("zw"), core::PeriodCell{"2026-11", core::make_date(2026, 11, 1), core::make_date(2026, 11, 30)},
                 Money{1250000}, std::int64_t{3}, std::string("count")};
  t.add_row() = {std::string("company"), core::PeriodCell{"2026-Q4", core::make_date(2026, 10, 1), core::make_date(2026, 12, 31)},
                 Money{1250000}, Money{500}, std::string("CNY")};
  t.set_row_kind(1, core::RowKind::total);
  return t;
}

}  // namespace

TEST_CASE("render: machine formats add period days and row kinds after the columns") {
  core::Table t = typed_table();
  CHECK(rendered(t, Format::csv) ==
        "owner,period,revenue,value,unit,period_start,period_end,row_kind\n"
        "zw,2026-11,12500.00,3,count,2026-11-01,2026-11-30,detail\n"
        "company,2026-Q4,12500.00,5.00,CNY,2026-10-01,2026-12-31,total\n");
  CHECK(rendered(t, Format::tsv).starts_with("owner\tperiod\trevenue\tvalue\tunit\tperiod_start\tperiod_end\trow_kind\n"));
  auto line = nlohmann::ordered_json::parse(rendered(t, Format::jsonl).substr(0, rendered(t, Format::jsonl).find('\n')));
  CHECK(line["period"] == "2026-11");
  CHECK(line["period_start"] == "2026-11-01");
  CHECK(line["row_kind"] == "detail");
  // People read the unit in the figure's format: table and md leave the unit column out.
  std::string table = rendered(t, Format::table);
  CHECK(table.find("unit") == std::string::npos);
  CHECK(table.find("row_kind") == std::string::npos);
  CHECK(table.find("period_start") == std::string::npos);
  CHECK(rendered(t, Format::md).find("unit") == std::string::npos);
}

TEST_CASE("render: a table without period columns or row kinds is written as it is") {
  core::Table t = people_table();
  std::optional<core::Table> storage;
  CHECK(&cli::machine_table(t, storage) == &t);
  CHECK(!storage);
  t.has_row_kinds = true;  // declared, no row marked: every row is a detail
  CHECK(rendered(t, Format::csv).starts_with("owner,name,revenue,win_rate,deals,row_kind\nzw,"));
  CHECK(rendered(t, Format::csv).find(",detail\nln,") != std::string::npos);
}

TEST_CASE("render: json meta.columns types each column, money in the book's currency") {
  cli::Meta meta;
  meta.currency = "EUR";
  meta.period = "2026-11";
  meta.period_start = "2026-11-01";
  meta.period_end = "2026-11-30";
  auto doc = nlohmann::ordered_json::parse(rendered(typed_table(), Format::json, false, false, meta));
  CHECK(doc["meta"]["period_start"] == "2026-11-01");
  CHECK(doc["meta"]["period_end"] == "2026-11-30");
  const auto& columns = doc["meta"]["columns"];
  REQUIRE(columns.size() == 8);
  CHECK(columns[0] == nlohmann::ordered_json{{"id", "owner"}, {"label", "owner"}, {"type", "text"}, {"unit", nullptr},
                                             {"unit_column", nullptr}});
  CHECK(columns[1]["type"] == "period");
  CHECK(columns[2]["type"] == "money");
  CHECK(columns[2]["unit"] == "EUR");
  CHECK(columns[3]["type"] == "number");
  CHECK(columns[3]["unit"].is_null());
  CHECK(columns[3]["unit_column"] == "unit");
  CHECK(columns[5]["id"] == "period_start");
  CHECK(columns[5]["type"] == "date");
  CHECK(columns[7]["id"] == "row_kind");
  CHECK(doc["columns"] == nlohmann::ordered_json::array(
                              {"owner", "period", "revenue", "value", "unit", "period_start", "period_end", "row_kind"}));
  CHECK(doc["rows"][1]["row_kind"] == "total");
  CHECK(doc["rows"][1]["value"].get<double>() == 5.0);
}
