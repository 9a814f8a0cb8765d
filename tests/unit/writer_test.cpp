#include "core/write/writer.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_book.hpp"

using namespace salesops::core;
namespace fs = std::filesystem;

namespace {

class TempBook : public salesops::test::TempBook {
 public:
  TempBook() : salesops::test::TempBook("writer") {}
};

YamlPath deal(std::string id) { return YamlPath{}.item_with_id(std::move(id)); }

const std::string kNovember = "# November\n- id: D-1\n  stage: lead\n  amount: 100\n";

FileEdit move_to_won() {
  return FileEdit{"deals/2026-11.yaml",
                  {YamlEdit::set(deal("D-1").key("stage"), YamlValue::text("won")),
                   YamlEdit::set(deal("D-1").key("closed"), YamlValue::literal("2026-12-10"), "stage")}};
}

const std::string kWon = "# November\n- id: D-1\n  stage: won\n  closed: 2026-12-10\n  amount: 100\n";

}  // namespace

TEST_CASE("writer: a transaction writes the file atomically and creates a missing directory") {
  TempBook book;
  BookWriter writer(book.root());
  WriteResult r = writer.apply(
      FileEdit{"deals/2026-12.yaml", {YamlEdit::append({}, YamlValue::map({{"id", YamlValue::text("D-2")}}))}});
  REQUIRE(r.ok());
  CHECK(r.changed == std::vector<std::string>{"deals/2026-12.yaml"});
  CHECK(book.read("deals/2026-12.yaml") == "- id: D-2\n");
  CHECK(book.entries("deals") == std::vector<std::string>{"2026-12.yaml"});
  CHECK(fs::exists(book.root() / ".salesops" / "lock"));

  SUBCASE("an existing file keeps its permissions") {
    book.write("deals/2026-11.yaml", kNovember);
    fs::permissions(book.root() / "deals/2026-11.yaml", fs::perms(0640));
    REQUIRE(writer.apply(move_to_won()).ok());
    CHECK(book.read("deals/2026-11.yaml") == kWon);
    CHECK(fs::status(book.root() / "deals/2026-11.yaml").permissions() == fs::perms(0640));
    CHECK(book.entries("deals") == std::vector<std::string>{"2026-11.yaml", "2026-12.yaml"});
  }
  SUBCASE("an edit that changes nothing writes nothing") {
    WriteResult same =
        writer.apply(FileEdit{"deals/2026-12.yaml", {YamlEdit::set(deal("D-2").key("id"), YamlValue::text("D-2"))}});
    CHECK(same.ok());
    CHECK(same.changed.empty());
  }
}

TEST_CASE("writer: dry run returns the exact diff and writes nothing") {
  TempBook book;
  book.write("deals/2026-11.yaml", kNovember);
  WriteOptions options;
  options.dry_run = true;
  BookWriter writer(book.root(), options);
  WriteResult r = writer.apply(move_to_won());
  REQUIRE(r.ok());
  CHECK(r.diff ==
        "--- a/deals/2026-11.yaml\n"
        "+++ b/deals/2026-11.yaml\n"
        "@@ -1,4 +1,5 @@\n"
        " # November\n"
        " - id: D-1\n"
        "-  stage: lead\n"
        "+  stage: won\n"
        "+  closed: 2026-12-10\n"
        "   amount: 100\n");
  CHECK(book.read("deals/2026-11.yaml") == kNovember);
  CHECK_FALSE(fs::exists(book.root() / ".salesops"));
  WriteResult created = writer.apply(
      FileEdit{"targets/2027.yaml", {YamlEdit::append({}, YamlValue::map({{"id", YamlValue::text("T-1")}}))}});
  CHECK(created.diff == "--- /dev/null\n+++ b/targets/2027.yaml\n@@ -0,0 +1 @@\n+- id: T-1\n");
  CHECK_FALSE(fs::exists(book.root() / "targets"));
}

TEST_CASE("writer: unified diff") {
  CHECK(unified_diff("a\n", "a\n", "a/x", "b/x").empty());
  CHECK(unified_diff("", "a\nb\n", "/dev/null", "b/x") == "--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  CHECK(unified_diff("a\nb", "a\nc", "a/x", "b/x") ==
        "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  CHECK(unified_diff("a", "a\nb\n", "a/x", "b/x") ==
        "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n");
  CHECK(unified_diff("a\r\nb\r\n", "a\r\nc\r\n", "a/x", "b/x") ==
        "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
  std::string twenty, far, near;
  for (int i = 1; i <= 20; ++i) {
    const std::string l = "l" + std::to_string(i) + "\n";
    twenty += l;
    far += (i == 2 || i == 19) ? "X" + l : l;
    near += (i == 2 || i == 9) ? "X" + l : l;
  }
  CHECK(unified_diff(twenty, far, "a/x", "b/x") ==
        "--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n l1\n-l2\n+Xl2\n l3\n l4\n l5\n"
        "@@ -16,5 +16,5 @@\n l16\n l17\n l18\n-l19\n+Xl19\n l20\n");
  CHECK(unified_diff(twenty, near, "a/x", "b/x").find("@@ -1,12 +1,12 @@\n") != std::string::npos);
  CHECK(unified_diff("a\nb\nc\nd\n", "a\nc\nb\nd\n", "a/x", "b/x") ==
        "--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n a\n-b\n c\n+b\n d\n");
}

TEST_CASE("writer: a large deals file: one changed line, a cheap diff") {
  TempBook book;
  std::string text = "# generated\n";
  for (int i = 0; i < 20000; ++i)
    text += "- id: D-" + std::to_string(i) + "\n  title: 第" + std::to_string(i) +
            "期扩容\n  stage: lead\n  history:\n    - {date: 2026-11-01, stage: lead}\n";
  book.write("deals/2026-11.yaml", text);
  WriteOptions options;
  options.dry_run = true;
  WriteResult r = BookWriter(book.root(), options)
                      .apply(FileEdit{"deals/2026-11.yaml",
                                      {YamlEdit::set(deal("D-12345").key("stage"), YamlValue::text("won")),
                                       YamlEdit::append(deal("D-12345").key("history"),
                                                        YamlValue::map({{"date", YamlValue::literal("2026-11-20")},
                                                                        {"stage", YamlValue::text("won")}}))}});
  REQUIRE(r.ok());
  const std::string from = std::to_string(1 + 12345 * 5);  // the last line of the deal before
  CHECK(r.diff == "--- a/deals/2026-11.yaml\n+++ b/deals/2026-11.yaml\n@@ -" + from + ",9 +" + from +
                      ",10 @@\n"
                      "     - {date: 2026-11-01, stage: lead}\n"
                      " - id: D-12345\n   title: 第12345期扩容\n-  stage: lead\n+  stage: won\n   history:\n"
                      "     - {date: 2026-11-01, stage: lead}\n+    - {date: 2026-11-20, stage: won}\n"
                      " - id: D-12346\n   title: 第12346期扩容\n   stage: lead\n");
}

TEST_CASE("writer: a file that does not parse or holds conflict markers is refused and left as it was") {
  TempBook book;
  const std::string broken = "- id: D-1\n  stage: [lead\n";
  const std::string conflicted = "- id: D-1\n<<<<<<< HEAD\n  stage: won\n=======\n  stage: lost\n>>>>>>> theirs\n";
  book.write("deals/2026-10.yaml", broken);
  book.write("deals/2026-11.yaml", conflicted);
  BookWriter writer(book.root());
  WriteResult r1 = writer.apply(FileEdit{"deals/2026-10.yaml", {YamlEdit::append({}, YamlValue::text("x"))}});
  REQUIRE(r1.errors.size() == 1);
  CHECK(r1.errors[0].rule == "write-parse");
  CHECK(r1.errors[0].where.file == "deals/2026-10.yaml");
  CHECK(r1.errors[0].where.line == 3);
  WriteResult r2 = writer.apply(move_to_won());
  REQUIRE(r2.errors.size() == 1);
  CHECK(r2.errors[0].rule == "write-conflict");
  CHECK(r2.errors[0].where.line == 2);
  CHECK(book.read("deals/2026-10.yaml") == broken);
  CHECK(book.read("deals/2026-11.yaml") == conflicted);
  CHECK(book.entries("deals") == std::vector<std::string>{"2026-10.yaml", "2026-11.yaml"});
}

TEST_CASE("writer: the book's lock is exclusive and waits with a timeout") {
  TempBook book;
  book.write("deals/2026-11.yaml", kNovember);
  BookWriter holder(book.root());
  REQUIRE_FALSE(holder.lock());
  CHECK(holder.locked());
  WriteOptions options;
  options.lock_timeout = std::chrono::milliseconds(150);
  BookWriter other(book.root(), options);
  const auto start = std::chrono::steady_clock::now();
  WriteResult blocked = other.apply(move_to_won());
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(150));
  REQUIRE(blocked.errors.size() == 1);
  CHECK(blocked.errors[0].rule == "write-lock");
  CHECK(blocked.errors[0].message.find("another salesops command") != std::string::npos);
  CHECK(book.read("deals/2026-11.yaml") == kNovember);
  // The holder itself writes under the lock it holds, and keeps it.
  CHECK(
      holder
          .apply(FileEdit{"deals/2026-11.yaml", {YamlEdit::set(deal("D-1").key("amount"), YamlValue::literal("200"))}})
          .ok());
  CHECK(holder.locked());
  holder.unlock();
  CHECK(other.apply(move_to_won()).ok());
  CHECK_FALSE(other.locked());
  CHECK(book.read("deals/2026-11.yaml") ==
        "# November\n- id: D-1\n  stage: won\n  closed: 2026-12-10\n  amount: 200\n");
}

TEST_CASE("writer: a transaction where the second file fails leaves both unchanged") {
  TempBook book;
  book.write("deals/2026-11.yaml", kNovember);
  book.write("targets/2026.yaml", "- id: T-1\n  value: 100\n");
  BookWriter writer(book.root());
  FileEdit target{"targets/2026.yaml",
                  {YamlEdit::set(YamlPath{}.item_with_id("T-404").key("value"), YamlValue::literal("5"))}};
  WriteResult r = writer.apply({move_to_won(), target});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].where.file == "targets/2026.yaml");
  CHECK(r.changed.empty());
  CHECK(book.read("deals/2026-11.yaml") == kNovember);
  CHECK(book.read("targets/2026.yaml") == "- id: T-1\n  value: 100\n");

  SUBCASE("the second file is read-only") {
    fs::permissions(book.root() / "targets/2026.yaml", fs::perms(0444));
    target.edits = {YamlEdit::set(YamlPath{}.item_with_id("T-1").key("value"), YamlValue::literal("5"))};
    WriteResult ro = writer.apply({move_to_won(), target});
    REQUIRE(ro.errors.size() == 1);
    CHECK(ro.errors[0].rule == "write-io");
    CHECK(ro.errors[0].message.find("read-only") != std::string::npos);
    CHECK(book.read("deals/2026-11.yaml") == kNovember);
    CHECK(book.read("targets/2026.yaml") == "- id: T-1\n  value: 100\n");
  }
  SUBCASE("two edits of one file in one transaction apply in order") {
    WriteResult both = writer.apply({FileEdit{"deals/2026-11.yaml", {move_to_won().edits[0]}},
                                     FileEdit{"deals/2026-11.yaml", {move_to_won().edits[1]}}});
    REQUIRE(both.ok());
    CHECK(both.changed.size() == 1);
    CHECK(book.read("deals/2026-11.yaml") == kWon);
  }
}

TEST_CASE("writer: a read-only file or directory is refused and left as it was") {
  TempBook book;
  book.write("deals/2026-11.yaml", kNovember);
  fs::permissions(book.root() / "deals/2026-11.yaml", fs::perms(0444));
  BookWriter writer(book.root());
  WriteResult r = writer.apply(move_to_won());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "cannot write deals/2026-11.yaml: the file is read-only");
  CHECK(book.read("deals/2026-11.yaml") == kNovember);

  fs::permissions(book.root() / "deals", fs::perms(0555));
  WriteResult dir = writer.apply(FileEdit{"deals/2026-12.yaml", {YamlEdit::append({}, YamlValue::text("x"))}});
  REQUIRE(dir.errors.size() == 1);
  CHECK(dir.errors[0].message.find("is read-only") != std::string::npos);
  CHECK_FALSE(fs::exists(book.root() / "deals/2026-12.yaml"));
}

TEST_CASE("writer: a failed write (as on a full disk) leaves the original and no temporary file") {
  TempBook book;
  book.write("deals/2026-11.yaml", kNovember);
  // A file size limit makes write() fail the way a full disk does.
  rlimit old_limit{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old_limit;
  small.rlim_cur = 16;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  WriteResult r = BookWriter(book.root()).apply(move_to_won());
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].rule == "write-io");
  CHECK(r.errors[0].message.find("the file is unchanged") != std::string::npos);
  CHECK(r.changed.empty());
  CHECK(book.read("deals/2026-11.yaml") == kNovember);
  CHECK(book.entries("deals") == std::vector<std::string>{"2026-11.yaml"});
}

TEST_CASE("writer: record paths stay inside the book and are never hidden") {
  TempBook book;
  BookWriter writer(book.root());
  for (const char* bad : {"../outside.yaml", "/tmp/abs.yaml", ".salesops/cache.yaml", "deals/.hidden.yaml", ""}) {
    CAPTURE(bad);
    WriteResult r = writer.apply(FileEdit{bad, {YamlEdit::append({}, YamlValue::text("x"))}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].rule == "write-path");
  }
  CHECK(book.entries(".").empty());
}

TEST_CASE("writer: what is written reads back with yaml-cpp") {
  TempBook book;
  BookWriter writer(book.root());
  YamlValue session = YamlValue::map({
      {"id", YamlValue::text("CS-2026-11-001")},
      {"date", YamlValue::literal("2026-11-05")},
      {"topics", YamlValue::list({YamlValue::text("negotiation"), YamlValue::text("0123")}, true)},
      {"notes", YamlValue::text("复盘C-0042报价: 价格 #1")},
      {"follow_ups",
       YamlValue::list({YamlValue::map({{"id", YamlValue::text("F1")}, {"done", YamlValue::literal("false")}}, true)})},
  });
  REQUIRE(
      writer.apply(FileEdit{"coaching/2026-11.yaml", {YamlEdit::append(YamlPath{}.key("sessions"), session)}}).ok());
  YAML::Node n = YAML::LoadFile((book.root() / "coaching/2026-11.yaml").string());
  CHECK(n["sessions"][0]["topics"][1].as<std::string>() == "0123");
  CHECK(n["sessions"][0]["notes"].as<std::string>() == "复盘C-0042报价: 价格 #1");
  CHECK(n["sessions"][0]["follow_ups"][0]["done"].as<bool>() == false);
  CHECK(book.read("coaching/2026-11.yaml") ==
        "sessions:\n  - id: CS-2026-11-001\n    date: 2026-11-05\n    topics: [negotiation, \"0123\"]\n"
        "    notes: \"复盘C-0042报价: 价格 #1\"\n    follow_ups:\n      - {id: F1, done: false}\n");
}

TEST_CASE("writer: a removed file goes after the other files are written; a missing one is refused") {
  TempBook book;
  book.write("customers/C-2.yaml", "id: C-2\nname: Beta\n");
  book.write("customers/C-3.yaml", "id: C-3\nname: Gamma\n");
  std::vector<FileEdit> merge = {
      {"customers/C-2.yaml", {YamlEdit::set(YamlPath{}.key("tier"), YamlValue::text("B"))}},
      {"customers/C-3.yaml", {}, true}};
  SUBCASE("a dry run shows the removal and removes nothing") {
    WriteResult r = BookWriter(book.root(), {.dry_run = true}).apply(merge);
    REQUIRE(r.ok());
    CHECK(r.diff.find("--- a/customers/C-3.yaml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-id: C-3\n-name: Gamma\n") !=
          std::string::npos);
    CHECK(fs::exists(book.root() / "customers/C-3.yaml"));
  }
  SUBCASE("written") {
    WriteResult r = BookWriter(book.root()).apply(merge);
    REQUIRE(r.ok());
    CHECK(r.changed == std::vector<std::string>{"customers/C-2.yaml", "customers/C-3.yaml"});
    CHECK(book.read("customers/C-2.yaml") == "id: C-2\nname: Beta\ntier: B\n");
    CHECK_FALSE(fs::exists(book.root() / "customers/C-3.yaml"));
  }
  SUBCASE("a file that is not there is refused, and nothing is written") {
    merge[1].file = "customers/C-9.yaml";
    WriteResult r = BookWriter(book.root()).apply(merge);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors[0].message == "cannot remove customers/C-9.yaml: it does not exist");
    CHECK(book.read("customers/C-2.yaml") == "id: C-2\nname: Beta\n");
  }
}
