#include "core/yaml/edit.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>

using namespace salesops::core;

namespace {

std::string edited(std::string_view text, const YamlEdit& e) {
  TextEdit r = apply_edit(text, e, "deals/2026-11.yaml");
  INFO((r.error ? r.error->message : std::string()));
  REQUIRE(r.ok());
  return r.text;
}

Diagnostic refused(std::string_view text, const YamlEdit& e) {
  TextEdit r = apply_edit(text, e, "deals/2026-11.yaml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.text == text);
  return *r.error;
}

// The new text is the old one with `inserted` put in at one place and nothing else changed.
void check_only_inserted(std::string_view old_text, std::string_view new_text, std::string_view inserted) {
  REQUIRE(new_text.size() == old_text.size() + inserted.size());
  std::size_t common = 0;
  while (common < old_text.size() && old_text[common] == new_text[common]) ++common;
  bool found = false;  // some line start at or before the first difference takes the lines
  for (std::size_t at = common + 1; at-- > 0 && at + inserted.size() >= common && !found;) {
    found = (at == 0 || old_text[at - 1] == '\n') && new_text.substr(0, at) == old_text.substr(0, at) &&
            new_text.substr(at, inserted.size()) == inserted &&
            new_text.substr(at + inserted.size()) == old_text.substr(at);
  }
  CHECK_MESSAGE(found, new_text);
}

YamlValue history_entry(std::string date, std::string stage) {
  return YamlValue::map({{"date", YamlValue::literal(std::move(date))}, {"stage", YamlValue::text(std::move(stage))}},
                        true);
}

YamlPath deal(std::string id) { return YamlPath{}.item_with_id(std::move(id)); }

const std::string kDeals =
    "# Deals opened in November 2026\n"
    "- id: D-2026-0101\n"
    "  customer: C-0042\n"
    "  title: \"一期: 上线\"   # quoted on purpose\n"
    "  stage: 'proposal'\n"
    "  history:\n"
    "    - {date: 2026-11-01, stage: lead}\n"
    "\n"
    "- id: D-2026-0102\n"
    "  customer: C-0043\n"
    "  title: 二期扩容\n"
    "  stage: negotiation\n"
    "  amount: 120000\n"
    "  history:\n"
    "    - date: 2026-11-03\n"
    "      stage: lead\n"
    "    - date: 2026-11-10\n"
    "      stage: negotiation   # after the demo\n"
    "  notes: >\n"
    "    folded text\n"
    "\n"
    "- id: D-2026-0103\n"
    "  title: 三期\n"
    "  stage: lead\n";

}  // namespace

TEST_CASE("writer: appending to a top-level list keeps every prior byte") {
  YamlValue d = YamlValue::map({
      {"id", YamlValue::text("D-2026-0104")},
      {"customer", YamlValue::text("C-0050")},
      {"title", YamlValue::text("新客户")},
      {"amount", YamlValue::literal("50000")},
      {"opened", YamlValue::literal("2026-11-20")},
      {"history", YamlValue::list({history_entry("2026-11-20", "lead")})},
  });
  const std::string out = edited(kDeals, YamlEdit::append({}, d));
  CHECK(out == kDeals +
                   "- id: D-2026-0104\n  customer: C-0050\n  title: 新客户\n  amount: 50000\n  opened: 2026-11-20\n"
                   "  history:\n    - {date: 2026-11-20, stage: lead}\n");
  YAML::Node n = YAML::Load(out);
  REQUIRE(n.size() == 4);
  CHECK(n[3]["history"][0]["stage"].as<std::string>() == "lead");
  CHECK(n[0]["title"].as<std::string>() == "一期: 上线");

  SUBCASE("into an empty or comment-only file") {
    CHECK(edited("", YamlEdit::append({}, YamlValue::map({{"id", YamlValue::text("T-1")}}))) == "- id: T-1\n");
    CHECK(edited("# targets\n", YamlEdit::append({}, YamlValue::map({{"id", YamlValue::text("T-1")}}))) ==
          "# targets\n- id: T-1\n");
  }
  SUBCASE("items indented under a wider dash keep that layout") {
    const std::string text = "-   id: a\n    x: 1\n";
    CHECK(edited(text, YamlEdit::append(
                           {}, YamlValue::map({{"id", YamlValue::text("b")}, {"x", YamlValue::literal("2")}}))) ==
          text + "-   id: b\n    x: 2\n");
  }
}

TEST_CASE("writer: appending to a nested list in the middle of a file changes only the inserted lines") {
  YamlValue entry = YamlValue::map({{"date", YamlValue::literal("2026-11-20")}, {"stage", YamlValue::text("won")}});
  const std::string out = edited(kDeals, YamlEdit::append(deal("D-2026-0102").key("history"), entry));
  check_only_inserted(kDeals, out, "    - date: 2026-11-20\n      stage: won\n");
  CHECK(out.find("won\n  notes: >") != std::string::npos);

  SUBCASE("a list of flow mappings gets a flow mapping") {
    const std::string out2 = edited(kDeals, YamlEdit::append(deal("D-2026-0101").key("history"), entry));
    check_only_inserted(kDeals, out2, "    - {date: 2026-11-20, stage: won}\n");
  }
  SUBCASE("a missing list is created at the record's indentation") {
    const std::string out3 =
        edited(kDeals, YamlEdit::append(deal("D-2026-0103").key("history"), history_entry("2026-11-21", "lead")));
    check_only_inserted(kDeals, out3, "  history:\n    - {date: 2026-11-21, stage: lead}\n");
  }
  SUBCASE("an interaction of a customer file (one top-level mapping)") {
    const std::string customer =
        "id: C-0042\nname: 上海星海科技有限公司\ninteractions:\n  - date: 2026-11-02\n    type: visit\n\n# surveys "
        "come later\nsurveys: []\n";
    YamlValue visit = YamlValue::map({{"date", YamlValue::literal("2026-11-20")},
                                      {"type", YamlValue::text("call")},
                                      {"summary", YamlValue::text("回访: 二期")}});
    const std::string out4 = edited(customer, YamlEdit::append(YamlPath{}.key("interactions"), visit));
    check_only_inserted(customer, out4, "  - date: 2026-11-20\n    type: call\n    summary: \"回访: 二期\"\n");
  }
}

TEST_CASE("writer: a flow list gets a flow item") {
  const std::string text =
      "sessions:\n  - id: CS-1\n    topics: [negotiation, pipeline-review]   # two\n    tags: []\n";
  CHECK(edited(text, YamlEdit::append(YamlPath{}.key("sessions").item(0).key("topics"), YamlValue::text("crm"))) ==
        "sessions:\n  - id: CS-1\n    topics: [negotiation, pipeline-review, crm]   # two\n    tags: []\n");
  CHECK(edited(text, YamlEdit::append(YamlPath{}.key("sessions").item(0).key("tags"), YamlValue::text("a, b"))) ==
        "sessions:\n  - id: CS-1\n    topics: [negotiation, pipeline-review]   # two\n    tags: [\"a, b\"]\n");
  SUBCASE("a flow mapping gets a flow key") {
    const std::string r = "ratings: {attitude: 4}\n";
    CHECK(edited(r, YamlEdit::set(YamlPath{}.key("ratings").key("skills"), YamlValue::literal("3"))) ==
          "ratings: {attitude: 4, skills: 3}\n");
    CHECK(edited(r, YamlEdit::append(YamlPath{}.key("ratings").key("notes"), YamlValue::text("ok"))) ==
          "ratings: {attitude: 4, notes: [ok]}\n");
  }
}

TEST_CASE("writer: appending under a top-level key creates it when absent") {
  const std::string coaching = "sessions:\n  - id: CS-2026-11-001\n    coach: li.na\n# trainings below\n";
  YamlValue training = YamlValue::map({{"id", YamlValue::text("TR-1")}, {"hours", YamlValue::literal("3")}});
  CHECK(edited(coaching, YamlEdit::append(YamlPath{}.key("trainings"), training)) ==
        coaching + "trainings:\n  - id: TR-1\n    hours: 3\n");
  CHECK(edited("", YamlEdit::append(YamlPath{}.key("grants"), training)) == "grants:\n  - id: TR-1\n    hours: 3\n");
  SUBCASE("a key with no value yet") {
    CHECK(edited("grants:\nplans: x\n", YamlEdit::append(YamlPath{}.key("grants"), YamlValue::text("g"))) ==
          "grants:\n  - g\nplans: x\n");
    CHECK(edited("grants: ~   # none\n", YamlEdit::append(YamlPath{}.key("grants"), YamlValue::text("g"))) ==
          "grants:   # none\n  - g\n");
  }
}

TEST_CASE("writer: set replaces only the scalar's span") {
  const std::string won = edited(kDeals, YamlEdit::set(deal("D-2026-0102").key("stage"), YamlValue::text("won")));
  CHECK(won == std::string(kDeals).replace(kDeals.find("negotiation\n  amount"), 11, "won"));
  // A quoted scalar keeps its quote style; a plain one stays plain unless it needs quotes.
  const std::string quoted = edited(kDeals, YamlEdit::set(deal("D-2026-0101").key("stage"), YamlValue::text("won")));
  CHECK(quoted == std::string(kDeals).replace(kDeals.find("'proposal'"), 10, "'won'"));
  const std::string title = edited(kDeals, YamlEdit::set(deal("D-2026-0103").key("title"), YamlValue::text("no")));
  CHECK(title == std::string(kDeals).replace(kDeals.find("三期"), std::string("三期").size(), "\"no\""));
  SUBCASE("the same value leaves the bytes alone") {
    CHECK(edited(kDeals, YamlEdit::set(deal("D-2026-0101").key("stage"), YamlValue::text("proposal"))) == kDeals);
  }
  SUBCASE("a target's value, by position") {
    CHECK(edited("- id: T-1\n  value: 400000 # was 350000\n",
                 YamlEdit::set(YamlPath{}.item(0).key("value"), YamlValue::literal("420000"))) ==
          "- id: T-1\n  value: 420000 # was 350000\n");
  }
  SUBCASE("a block scalar becomes one line, the lines after it stay") {
    const std::string out = edited(kDeals, YamlEdit::set(deal("D-2026-0102").key("notes"), YamlValue::text("short")));
    CHECK(out.find("  notes: short\n\n- id: D-2026-0103\n") != std::string::npos);
  }
  SUBCASE("a flow collection is replaced whole; a block one is refused") {
    CHECK(edited("r: {a: 1}  # c\n",
                 YamlEdit::set(YamlPath{}.key("r"), YamlValue::map({{"a", YamlValue::literal("2")}}))) ==
          "r: {a: 2}  # c\n");
    CHECK(refused(kDeals, YamlEdit::set(deal("D-2026-0102").key("history"), YamlValue::text("x"))).rule ==
          "write-path");
  }
  SUBCASE("an empty value is filled") {
    CHECK(edited("a:\nb: 1\n", YamlEdit::set(YamlPath{}.key("a"), YamlValue::literal("2026-12-10"))) ==
          "a: 2026-12-10\nb: 1\n");
  }
}

TEST_CASE("writer: inserting and removing a key") {
  const std::string closed =
      edited(kDeals, YamlEdit::set(deal("D-2026-0102").key("closed"), YamlValue::literal("2026-12-10"), "stage"));
  check_only_inserted(kDeals, closed, "  closed: 2026-12-10\n");
  CHECK(closed.find("stage: negotiation\n  closed: 2026-12-10\n  amount") != std::string::npos);
  CHECK(edited(closed, YamlEdit::remove(deal("D-2026-0102").key("closed"))) == kDeals);
  SUBCASE("without `after`, a key goes after the last one, past a block scalar") {
    const std::string out =
        edited(kDeals, YamlEdit::set(deal("D-2026-0102").key("lost_reason"), YamlValue::text("price")));
    check_only_inserted(kDeals, out, "  lost_reason: price\n");
    CHECK(out.find("    folded text\n  lost_reason: price\n\n- id: D-2026-0103") != std::string::npos);
  }
  SUBCASE("removing a key removes its nested lines, and nothing when absent") {
    const std::string out = edited(kDeals, YamlEdit::remove(deal("D-2026-0102").key("history")));
    CHECK(out.find("amount: 120000\n  notes: >\n") != std::string::npos);
    CHECK(out.size() == kDeals.size() - std::string("  history:\n    - date: 2026-11-03\n      stage: lead\n    - "
                                                    "date: 2026-11-10\n      stage: negotiation   # after the demo\n")
                                            .size());
    CHECK(edited(kDeals, YamlEdit::remove(deal("D-2026-0101").key("closed"))) == kDeals);
  }
  SUBCASE("the first key of a list item, and keys of flow mappings") {
    CHECK(edited("- closed: 2026-12-10\n  id: D-1\n", YamlEdit::remove(YamlPath{}.item(0).key("closed"))) ==
          "- id: D-1\n");
    CHECK(edited("- closed: x\n", YamlEdit::remove(YamlPath{}.item(0).key("closed"))) == "- {}\n");
    CHECK(edited("r: {a: 1, b: 2, c: 3}\n", YamlEdit::remove(YamlPath{}.key("r").key("b"))) == "r: {a: 1, c: 3}\n");
    CHECK(edited("r: {a: 1, b: 2}\n", YamlEdit::remove(YamlPath{}.key("r").key("b"))) == "r: {a: 1}\n");
  }
}

TEST_CASE("writer: CRLF files stay CRLF") {
  const std::string text = "# plan\r\nid: P-1\r\nactions:\r\n  - id: A1\r\n    status: open\r\n";
  std::string out =
      edited(text, YamlEdit::set(YamlPath{}.key("actions").item_with_id("A1").key("status"), YamlValue::text("done")));
  out = edited(out, YamlEdit::set(YamlPath{}.key("actions").item_with_id("A1").key("done_on"),
                                  YamlValue::literal("2026-11-14")));
  out = edited(out, YamlEdit::append(YamlPath{}.key("actions"), YamlValue::map({{"id", YamlValue::text("A2")},
                                                                                {"status", YamlValue::text("open")}})));
  CHECK(out ==
        "# plan\r\nid: P-1\r\nactions:\r\n  - id: A1\r\n    status: done\r\n    done_on: 2026-11-14\r\n"
        "  - id: A2\r\n    status: open\r\n");
  CHECK(edited(out, YamlEdit::remove(YamlPath{}.key("actions").item(0).key("done_on"))).find("done_on") ==
        std::string::npos);
}

TEST_CASE("writer: a file without a final newline") {
  CHECK(edited("- id: a", YamlEdit::append({}, YamlValue::map({{"id", YamlValue::text("b")}}))) ==
        "- id: a\n- id: b\n");
  CHECK(edited("log:\n  - one", YamlEdit::append(YamlPath{}.key("log"), YamlValue::text("two"))) ==
        "log:\n  - one\n  - two\n");
  CHECK(edited("stage: lead", YamlEdit::set(YamlPath{}.key("stage"), YamlValue::text("won"))) == "stage: won");
  CHECK(edited("a: 1\r\nb: 2", YamlEdit::set(YamlPath{}.key("c"), YamlValue::literal("3"))) ==
        "a: 1\r\nb: 2\r\nc: 3\r\n");
}

TEST_CASE("writer: Chinese text and a byte-order mark before the edit point") {
  const std::string text = "\xEF\xBB\xBF- id: 张伟的单子\n  title: 二期扩容，华东\n  stage: lead\n";
  CHECK(edited(text, YamlEdit::set(YamlPath{}.item_with_id("张伟的单子").key("stage"), YamlValue::text("won"))) ==
        "\xEF\xBB\xBF- id: 张伟的单子\n  title: 二期扩容，华东\n  stage: won\n");
}

TEST_CASE("writer: refuses text that does not parse or holds conflict markers") {
  YamlEdit e = YamlEdit::append({}, YamlValue::text("x"));
  Diagnostic bad = refused("- id: a\n  title: [unclosed\n- id: b\n", e);
  CHECK(bad.rule == "write-parse");
  CHECK(bad.where.file == "deals/2026-11.yaml");
  CHECK(bad.where.line == 3);
  CHECK(bad.where.column > 0);
  Diagnostic conflict = refused("- id: a\n<<<<<<< HEAD\n  stage: won\n=======\n  stage: lost\n>>>>>>> other\n", e);
  CHECK(conflict.rule == "write-conflict");
  CHECK(conflict.where.line == 2);
  CHECK(conflict.where.column == 1);
  CHECK(check_editable("a: 1\r\n=======\r\n", "f.yaml")->where.line == 2);
  CHECK_FALSE(check_editable("a: 1\n", "f.yaml"));
  CHECK(refused("- a\n---\n- b\n", e).message.find("more than one") != std::string::npos);
}

TEST_CASE("writer: unresolvable paths are refused with a location") {
  Diagnostic none = refused(kDeals, YamlEdit::set(deal("D-9").key("stage"), YamlValue::text("won")));
  CHECK(none.rule == "write-path");
  CHECK(none.message.find("no item with id 'D-9'") != std::string::npos);
  CHECK(none.where.line == 2);
  const std::string twice = "- id: a\n- id: a\n";
  CHECK(refused(twice, YamlEdit::set(deal("a").key("stage"), YamlValue::text("won"))).message.find("more than one") !=
        std::string::npos);
  CHECK(refused("a: 1\n", YamlEdit::append(YamlPath{}.key("a"), YamlValue::text("x"))).message.find("not a list") !=
        std::string::npos);
  CHECK(refused("- a\n", YamlEdit::set(YamlPath{}.key("a"), YamlValue::text("x"))).message.find("not a mapping") !=
        std::string::npos);
  CHECK(refused("- a\n", YamlEdit::set(YamlPath{}.key("a").key("b"), YamlValue::text("x"))).message ==
        "cannot set a.b: expected a mapping at the top level");
}

TEST_CASE("writer: a key given twice on the path or at the edit is refused, not half edited") {
  // Found by fuzzing: an edit followed the first of two equal keys.
  const std::string twice = "r:\n  a: 1\nr:\n  b: 2\n";
  Diagnostic path = refused(twice, YamlEdit::set(YamlPath{}.key("r").key("a"), YamlValue::text("9")));
  CHECK(path.rule == "write-path");
  CHECK(path.message == "cannot set r.a: key 'r' is given twice at the top level");
  CHECK(path.where.line == 3);
  const std::string inner = "r:\n  a: 1\n  b: 2\n  a: 3\n";
  Diagnostic set = refused(inner, YamlEdit::set(YamlPath{}.key("r").key("a"), YamlValue::text("9")));
  CHECK(set.message == "cannot set r.a: the key is given twice");
  CHECK(set.where.line == 4);
  CHECK(refused(inner, YamlEdit::remove(YamlPath{}.key("r").key("a"))).message ==
        "cannot remove r.a: the key is given twice");
  // A repeated key elsewhere in the file does not stop an edit that does not pass through it.
  CHECK(edited("s: 1\ns: 2\nr:\n  a: 1\n", YamlEdit::set(YamlPath{}.key("r").key("a"), YamlValue::text("x"))) ==
        "s: 1\ns: 2\nr:\n  a: x\n");
}

TEST_CASE("writer: removing the last key of a nested mapping leaves an empty mapping, not null") {
  // Found by fuzzing: `r:` with its only key removed read back as null.
  CHECK(edited("r:\n  a: 1\nq: 2\n", YamlEdit::remove(YamlPath{}.key("r").key("a"))) == "r:\n  {}\nq: 2\n");
  CHECK(edited("r:\n  a:\n    x: 1\n", YamlEdit::remove(YamlPath{}.key("r").key("a"))) == "r:\n  {}\n");
  CHECK(edited("r:\n  a: 1  # why\n", YamlEdit::remove(YamlPath{}.key("r").key("a"))) == "r:\n  {}  # why\n");
  // The file's only key leaves an empty file, which reads as no record.
  CHECK(edited("a: 1\n", YamlEdit::remove(YamlPath{}.key("a"))) == "");
}

TEST_CASE("writer: a file ending inside a block scalar with no final line break is refused") {
  // Found by fuzzing: an item appended after it gave the scalar a line break it did not have.
  const std::string text = "s:\n  - >\n    some text\n    more";
  Diagnostic d = refused(text, YamlEdit::append(YamlPath{}.key("s"), YamlValue::text("x")));
  CHECK(d.rule == "write-parse");
  CHECK(d.message == "cannot edit: the file ends inside a block scalar (| or >) with no line break after it");
  CHECK(d.where.line == 4);
  // With the line break, the scalar's text is the same before and after the append.
  CHECK(edited(text + "\n", YamlEdit::append(YamlPath{}.key("s"), YamlValue::text("x"))) == text + "\n  - x\n");
  // A plain value at the end without a line break gets one: its text does not change.
  CHECK(edited("s:\n  - a", YamlEdit::append(YamlPath{}.key("s"), YamlValue::text("x"))) == "s:\n  - a\n  - x\n");
}

TEST_CASE("writer: the result is re-read and verified before it is returned") {
  // An explicit document end: text appended after it would start a second document.
  Diagnostic d = refused("- id: a\n...\n", YamlEdit::append({}, YamlValue::map({{"id", YamlValue::text("b")}})));
  CHECK(d.rule == "write-verify");
  // Invalid UTF-8 in a value never reaches the file.
  CHECK(refused("a: 1\n", YamlEdit::set(YamlPath{}.key("a"), YamlValue::text("\xFF\xFE"))).rule == "write-value");
}

TEST_CASE("writer: tricky strings read back as the same string") {
  const std::vector<std::string> tricky = {"no",
                                           "on",
                                           "yes",
                                           "off",
                                           "y",
                                           "true",
                                           "null",
                                           "~",
                                           "0123",
                                           "12:30",
                                           "1e5",
                                           ".5",
                                           "0x1F",
                                           "2026-11-03",
                                           "-1",
                                           "a: b",
                                           "a #b",
                                           "#x",
                                           "a#b",
                                           "张伟 回访",
                                           " lead",
                                           "trail ",
                                           "",
                                           "multi\nline",
                                           "'q'",
                                           "\"dq\"",
                                           "-",
                                           "- x",
                                           "?",
                                           ":",
                                           "[x]",
                                           "{y}",
                                           "x,y",
                                           "@at",
                                           "%p",
                                           "`bt",
                                           "!t",
                                           "&a",
                                           "*a",
                                           "|",
                                           ">",
                                           "<<",
                                           "=",
                                           "---",
                                           "...",
                                           "tab\there",
                                           "del\x7f",
                                           "c1\xc2\x85\xc2\x9f",
                                           "bom\xef\xbb\xbf",
                                           "back\\slash",
                                           "http://x.com/a?b=c#frag",
                                           "+86 21 5555 0101"};
  std::string text = "- id: D-1\n  history:\n    - {date: 2026-11-01, stage: lead}\n";
  for (const std::string& s : tricky) {
    CAPTURE(s);
    text = edited(
        text, YamlEdit::append(deal("D-1").key("history"), YamlValue::map({{"date", YamlValue::literal("2026-11-02")},
                                                                           {"stage", YamlValue::text(s)}})));
    text = edited(
        text, YamlEdit::append(YamlPath{}, YamlValue::map({{"id", YamlValue::text(s)},
                                                           {"tags", YamlValue::list({YamlValue::text(s)}, true)}})));
    text = edited(text, YamlEdit::set(deal("D-1").key("title"), YamlValue::text(s)));
    YAML::Node n = YAML::Load(text);
    CHECK(n[0]["title"].as<std::string>() == s);
    CHECK(n[n.size() - 1]["id"].as<std::string>() == s);
    CHECK(n[n.size() - 1]["tags"][0].as<std::string>() == s);
    CHECK(n[0]["history"][n[0]["history"].size() - 1]["stage"].as<std::string>() == s);
  }
  // Text that a YAML 1.1 reader would take for a number, boolean or date is quoted.
  CHECK(emit_scalar(YamlValue::text("0123")) == "\"0123\"");
  CHECK(emit_scalar(YamlValue::text("no")) == "\"no\"");
  CHECK(emit_scalar(YamlValue::text("12:30")) == "\"12:30\"");
  CHECK(emit_scalar(YamlValue::text("回访")) == "回访");
  CHECK(emit_scalar(YamlValue::literal("2026-11-03")) == "2026-11-03");
  CHECK(emit_scalar(YamlValue::literal("a: b")) == "\"a: b\"");  // a bad literal is still written safely
}

TEST_CASE("writer: several appends to one list are written and verified together") {
  auto item = [](std::string id) { return YamlValue::map({{"id", YamlValue::text(std::move(id))}}); };
  TextEdit r =
      apply_edits(kDeals,
                  {YamlEdit::append({}, item("D-4")), YamlEdit::append({}, item("D-5")),
                   YamlEdit::set(deal("D-4").key("stage"), YamlValue::text("lead")), YamlEdit::append({}, item("D-6"))},
                  "deals/2026-11.yaml");
  REQUIRE(r.ok());
  CHECK(r.text == kDeals + "- id: D-4\n  stage: lead\n- id: D-5\n- id: D-6\n");
  TextEdit flow = apply_edits("tags: [a]\n",
                              {YamlEdit::append(YamlPath{}.key("tags"), YamlValue::text("b")),
                               YamlEdit::append(YamlPath{}.key("tags"), YamlValue::text("c"))},
                              "f.yaml");
  CHECK(flow.text == "tags: [a, b, c]\n");
  TextEdit created = apply_edits("id: C-1\n",
                                 {YamlEdit::append(YamlPath{}.key("surveys"), YamlValue::literal("1")),
                                  YamlEdit::append(YamlPath{}.key("surveys"), YamlValue::literal("2"))},
                                 "f.yaml");
  CHECK(created.text == "id: C-1\nsurveys:\n  - 1\n  - 2\n");
  SUBCASE("one refusal refuses them all") {
    TextEdit bad = apply_edits(
        kDeals, {YamlEdit::append({}, item("D-4")), YamlEdit::set(deal("D-9").key("stage"), YamlValue::text("x"))},
        "deals/2026-11.yaml");
    CHECK_FALSE(bad.ok());
    CHECK(bad.text == kDeals);
  }
}

TEST_CASE("writer: block scalars, aliases and hostile nesting") {
  // Lines kept by `|+` belong to the scalar: new lines go after them.
  const std::string kept = "- id: a\n  notes: |+\n    one\n\n- id: b\n";
  CHECK(edited(kept, YamlEdit::set(YamlPath{}.item_with_id("a").key("stage"), YamlValue::text("won"))) ==
        "- id: a\n  notes: |+\n    one\n\n  stage: won\n- id: b\n");
  const std::string clipped = "- id: a\n  notes: |\n    one\n\n- id: b\n";
  CHECK(edited(clipped, YamlEdit::set(YamlPath{}.item_with_id("a").key("stage"), YamlValue::text("won"))) ==
        "- id: a\n  notes: |\n    one\n  stage: won\n\n- id: b\n");
  CHECK(refused("base: &b x\nother: *b\n", YamlEdit::set(YamlPath{}.key("other"), YamlValue::text("y")))
            .message.find("alias") != std::string::npos);
  const std::string deep = std::string(20000, '[') + std::string(20000, ']') + "\n";
  CHECK_FALSE(check_editable(deep, "f.yaml"));
  TextEdit r = apply_edit(deep, YamlEdit::append({}, YamlValue::text("x")), "f.yaml");
  CHECK(r.ok());
  CHECK(r.text.ends_with("], x]\n"));
  CHECK(check_editable("a: [1, 2\n", "f.yaml")->rule == "write-parse");
  CHECK(check_editable("\xFF\xFE"
                       "a\0:\0",
                       "f.yaml")
            ->message.find("UTF-16") != std::string::npos);
  CHECK(check_editable("a: \x80\n", "f.yaml")->rule == "write-parse");
}

TEST_CASE("writer: an insert goes before the item asked for, above its comments") {
  const std::string text = "- id: a\n  x: 1\n# b is big\n- id: b\n  x: 2\n";
  const YamlValue c = YamlValue::map({{"id", YamlValue::text("c")}, {"x", YamlValue::literal("3")}});
  CHECK(edited(text, YamlEdit::insert({}, c, 1)) == "- id: a\n  x: 1\n- id: c\n  x: 3\n# b is big\n- id: b\n  x: 2\n");
  CHECK(edited(text, YamlEdit::insert({}, c, 0)) == "- id: c\n  x: 3\n- id: a\n  x: 1\n# b is big\n- id: b\n  x: 2\n");
  CHECK(edited(text, YamlEdit::insert({}, c, 2)) == text + "- id: c\n  x: 3\n");
  CHECK(edited(text, YamlEdit::insert({}, c, 9)) == text + "- id: c\n  x: 3\n");
  SUBCASE("in a list under a key") {
    const std::string nested = "sessions:\n  - id: a\n  - id: b\ntrainings: []\n";
    CHECK(edited(nested, YamlEdit::insert(YamlPath{}.key("sessions"), YamlValue::map({{"id", YamlValue::text("c")}}),
                                          1)) == "sessions:\n  - id: a\n  - id: c\n  - id: b\ntrainings: []\n");
  }
}

TEST_CASE("writer: append_lines writes what appends of the same items write, and checks the lines") {
  auto deal = [](std::string id, std::string title) {
    return YamlValue::map({{"id", YamlValue::text(id)},
                           {"title", YamlValue::text(title)},
                           {"amount", YamlValue::literal("100")},
                           {"history", YamlValue::list({YamlValue::map({{"date", YamlValue::literal("2026-11-02")},
                                                                         {"stage", YamlValue::text("won")}},
                                                                        true)})}});
  };
  std::vector<YamlValue> items;
  for (int i = 0; i < 5000; ++i) items.push_back(deal("D-" + std::to_string(i), i % 2 ? "no" : "a: b"));
  std::string lines;
  std::vector<YamlEdit> appends;
  for (const YamlValue& v : items) {
    append_block_item(v, lines);
    appends.push_back(YamlEdit::append(YamlPath{}, v));
  }
  // A new file, a file with items of its own layout (dash offset 4, CRLF), and a nested list.
  for (std::string old_text : {std::string(), std::string("- id: X\r\n  amount: 1\r\n"),
                               std::string("# deals\n-   id: X\n    amount: 1\n# the end\n")}) {
    TextEdit one = apply_edits(old_text, {YamlEdit::append_lines(YamlPath{}, lines, items.size())}, "d.yaml");
    TextEdit many = apply_edits(old_text, appends, "d.yaml");
    REQUIRE(one.ok());
    REQUIRE(many.ok());
    CHECK(one.text == many.text);
  }
  std::string nested = "teams:\n  - id: a\npeople: []\n";
  std::string two;
  append_block_item(deal("D-1", "x"), two);
  append_block_item(deal("D-2", "y"), two);
  CHECK(edited(nested, YamlEdit::append_lines(YamlPath{}.key("teams"), two, 2)) ==
        edited(edited(nested, YamlEdit::append(YamlPath{}.key("teams"), deal("D-1", "x"))),
               YamlEdit::append(YamlPath{}.key("teams"), deal("D-2", "y"))));
  // Lines that do not hold the count given, or that are not block items, write nothing.
  CHECK(refused("- id: X\n", YamlEdit::append_lines(YamlPath{}, two, 3)).rule == "write-verify");
  CHECK(refused("- id: X\n", YamlEdit::append_lines(YamlPath{}, "id: 1\n", 1)).rule == "write-verify");
  CHECK(refused("[a, b]\n", YamlEdit::append_lines(YamlPath{}, two, 2)).rule == "write-path");
}
