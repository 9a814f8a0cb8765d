#include "core/history/merge.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace salesops::core;

namespace {

const std::string kBase =
    "# October\n"
    "- id: D-1\n  owner: a\n  stage: lead\n  history:\n    - {date: 2026-10-01, stage: lead}\n"
    "- id: D-2\n  owner: b\n  stage: lead\n";

std::string with(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("merge: records each side added both survive, in each side's place") {
  std::string ours = kBase + "- id: D-3\n  owner: a\n";
  std::string theirs = with(kBase, "- id: D-2\n", "- id: D-4\n  owner: b\n- id: D-2\n");
  MergedText m = merge_record_text(kBase, ours, theirs);
  CHECK(m.conflicts.empty());
  CHECK(m.text == with(kBase, "- id: D-2\n", "- id: D-4\n  owner: b\n- id: D-2\n") + "- id: D-3\n  owner: a\n");
}

TEST_CASE("merge: different fields of one record, and appends to its history, merge") {
  std::string ours = with(kBase, "  stage: lead\n  history", "  stage: qualified\n  history");
  ours = with(ours, "stage: lead}\n", "stage: lead}\n    - {date: 2026-10-05, stage: qualified}\n");
  std::string theirs = with(kBase, "  owner: a\n", "  owner: c\n");
  MergedText m = merge_record_text(kBase, ours, theirs);
  CHECK(m.conflicts.empty());
  CHECK(m.text == with(ours, "  owner: a\n", "  owner: c\n"));
}

TEST_CASE("merge: one field changed two ways is one conflict around its record") {
  std::string ours = with(kBase, "  owner: b\n  stage: lead\n", "  owner: b\n  stage: won\n");
  std::string theirs = with(kBase, "  owner: b\n  stage: lead\n", "  owner: b\n  stage: lost\n") + "- id: D-5\n";
  MergedText m = merge_record_text(kBase, ours, theirs);
  REQUIRE(m.conflicts.size() == 1);
  CHECK(m.conflicts[0] == "D-2.stage: changed on both sides");
  CHECK(m.conflicted_records == 1);
  CHECK(m.text == with(kBase, "- id: D-2\n  owner: b\n  stage: lead\n",
                       "<<<<<<< ours\n- id: D-2\n  owner: b\n  stage: won\n=======\n- id: D-2\n  owner: b\n"
                       "  stage: lost\n>>>>>>> theirs\n") +
                      "- id: D-5\n");
}

TEST_CASE("merge: a record removed on one side and changed on the other is a conflict") {
  std::string ours = kBase.substr(0, kBase.find("- id: D-2"));
  std::string theirs = with(kBase, "  owner: b\n", "  owner: c\n");
  MergedText m = merge_record_text(kBase, ours, theirs);
  REQUIRE(m.conflicts.size() == 1);
  CHECK(m.conflicts[0] == "D-2: removed on one side, changed on the other");
  CHECK(m.text.find("<<<<<<< ours\n=======\n- id: D-2\n") != std::string::npos);
}

TEST_CASE("merge: a customer's interactions appended on both sides, and a field of the file's record") {
  const std::string base = "id: C-1\ntier: A\ninteractions:\n  - {date: 2026-10-03, type: visit}\n";
  std::string ours = base + "  - {date: 2026-11-02, type: call}\n";
  std::string theirs = with(base, "tier: A", "tier: B") + "  - {date: 2026-11-03, type: demo}\n";
  MergedText m = merge_record_text(base, ours, theirs);
  CHECK(m.conflicts.empty());
  CHECK(m.text == "id: C-1\ntier: B\ninteractions:\n  - {date: 2026-10-03, type: visit}\n"
                  "  - {date: 2026-11-02, type: call}\n  - {date: 2026-11-03, type: demo}\n");
  MergedText both = merge_record_text(base, with(base, "tier: A", "tier: C"), with(base, "tier: A", "tier: B"));
  REQUIRE(both.conflicts.size() == 1);
  CHECK(both.conflicts[0] == "C-1.tier: changed on both sides");
}

TEST_CASE("merge: a session inside a coaching file is the record the markers go around") {
  const std::string base = "sessions:\n  - id: CS-1\n    kind: team\n  - id: CS-2\n    kind: team\n";
  MergedText m = merge_record_text(base, with(base, "CS-2\n    kind: team", "CS-2\n    kind: one-on-one"),
                                   with(base, "CS-2\n    kind: team", "CS-2\n    kind: role-play"));
  REQUIRE(m.conflicts.size() == 1);
  CHECK(m.conflicts[0] == "CS-2.kind: changed on both sides");
  CHECK(m.text == "sessions:\n  - id: CS-1\n    kind: team\n<<<<<<< ours\n  - id: CS-2\n    kind: one-on-one\n"
                  "=======\n  - id: CS-2\n    kind: role-play\n>>>>>>> theirs\n");
}

TEST_CASE("merge: a text that does not cut into records merges whole") {
  const std::string base = "- a\n  -b\n\tc\n";
  CHECK(merge_record_text(base, base, base + "x\n").text == base + "x\n");
  MergedText m = merge_record_text(base, base + "y\n", base + "x\n");
  CHECK(m.conflicted_records == 1);
  CHECK(m.text.starts_with("<<<<<<< ours\n"));
}

TEST_CASE("merge: the comment above a conflicting record stays above its markers") {
  MergedText m = merge_record_text(kBase, with(kBase, "  owner: a\n", "  owner: c\n"),
                                   with(kBase, "  owner: a\n", "  owner: d\n"));
  REQUIRE(m.conflicts.size() == 1);
  CHECK(m.conflicts[0] == "D-1.owner: changed on both sides");
  CHECK(m.text.starts_with("# October\n<<<<<<< ours\n- id: D-1\n  owner: c\n"));
}
