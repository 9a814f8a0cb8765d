// Loading malformed books: each problem is one diagnostic at its exact place, and nothing
// crashes, hangs or is silently dropped.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/load/book.hpp"
#include "core/load/context.hpp"
#include "core/yaml/reader.hpp"
#include "memory_book.hpp"

using namespace salesops::core;
using salesops::test::load_files;
using salesops::test::places;
using Strings = std::vector<std::string>;

namespace {

/// Reads a whole text with a YamlReader, returning its diagnostics.
Diagnostics read_all(std::string_view text) {
  Diagnostics diags;
  std::string label = "x.yaml";
  YamlReader r(text, 0, label, diags);
  while (r.next() && r.kind() != YamlReader::Kind::stream_end) {}
  return diags;
}

template <class S>
constexpr bool ref_accepts = requires(Fields& f, S s) { f.ref(s, RefKind::person); };

}  // namespace

// A pending reference keeps the field name's pointer: only literals may be passed.
static_assert(ref_accepts<const char (&)[6]>);
static_assert(!ref_accepts<std::string_view>);
static_assert(!ref_accepts<std::string>);

TEST_CASE("bad input: the minimal book of these tests is clean") {
  LoadResult r = load_files({});
  CHECK(places(r.diags) == Strings{});
  CHECK(r.book->customers.size() == 1);
}

TEST_CASE("bad input: a second document is an error, one explicit document is not") {
  LoadResult two = load_files({{"customers/C-2.yaml", "id: C-2\nname: B\nowner: zhang.wei\n---\nid: C-3\nowner: zhang.wei\n"}});
  CHECK(places(two.diags) == Strings{"yaml-documents customers/C-2.yaml:4:1/3"});
  CHECK(two.book->customer("C-2") != nullptr);  // the first document is read
  CHECK(two.book->customer("C-3") == nullptr);

  LoadResult dots = load_files({{"deals/2026-11.yaml", "- {id: D-1, owner: zhang.wei, stage: lead}\n...\n--- []\n"}});
  CHECK(places(dots.diags) == Strings{"yaml-documents deals/2026-11.yaml:3:1/3"});

  LoadResult one = load_files({{"customers/C-2.yaml", "%YAML 1.1\n---\nid: C-2\nowner: zhang.wei\n...\n"},
                               {"deals/2026-11.yaml", "---\n- {id: D-1, owner: zhang.wei, stage: lead}\n"}});
  CHECK(places(one.diags) == Strings{});
  CHECK(one.book->deals.size() == 1);
}

TEST_CASE("bad input: a syntax error after the second document is still reported") {
  LoadResult r = load_files({{"deals/2026-11.yaml", "[]\n---\n- {id: D-1\n"}});
  CHECK(places(r.diags) == Strings{"yaml-documents deals/2026-11.yaml:2:1/3", "yaml-syntax deals/2026-11.yaml:4:1/1"});
}

TEST_CASE("bad input: underlines cover a value's source text in characters") {
  LoadResult r = load_files({{"deals/2026-11.yaml",
                              "- id: D-1\n"
                              "  owner: \"张伟\"\n"          // quoted, two wide characters
                              "  stage: 'prop''sal'\n"       // an escaped quote inside
                              "  customer: [C-1, C-2]\n"     // a flow list, whole
                              "  \"ammount\": 5\n"}});      // a quoted key
  CHECK(places(r.diags) == Strings{"missing-ref deals/2026-11.yaml:2:10/4", "deal-stage deals/2026-11.yaml:3:10/11",
                                   "field-type deals/2026-11.yaml:4:13/10", "unknown-key deals/2026-11.yaml:5:3/9"});
}

TEST_CASE("bad input: a value running onto the next line is underlined to the end of its first") {
  LoadResult r = load_files({{"deals/2026-11.yaml", "- id: D-1\n  owner: zhang.wei\n  stage: pro\n    posal\n"}});
  REQUIRE(r.diags.items().size() == 1);
  const Diagnostic& d = r.diags.items()[0];
  CHECK(d.rule == "deal-stage");
  CHECK(d.message == "unknown stage 'pro posal'");
  CHECK(d.where.line == 3);
  CHECK(d.where.length > 100);  // clipped at the end of the line by the renderer
}

TEST_CASE("bad input: a root that is a single value, in every kind of file") {
  // Files of lists have a wrong file shape; files of one record, a wrong record shape.
  const std::pair<const char*, const char*> files[] = {
      {"team.yaml", "file-shape"},           {"customers/C-1.yaml", "record-shape"},
      {"deals/x.yaml", "file-shape"},        {"targets/2026.yaml", "file-shape"},
      {"plans/p.yaml", "record-shape"},      {"coaching/2026-10.yaml", "file-shape"},
      {"reviews/2026-Q3/zhang.wei.yaml", "record-shape"}, {"rewards/plans.yaml", "file-shape"},
      {"rewards/2026.yaml", "file-shape"}};
  for (auto [file, rule] : files) {
    CAPTURE(file);
    LoadResult r = load_files({{file, "hello\n"}});
    CHECK(places(r.diags) == Strings{fmt::format("{} {}:1:1/5", rule, file)});
  }
}

TEST_CASE("bad input: a null root is an empty list for record lists, an error for one record") {
  LoadResult lists = load_files({{"deals/x.yaml", "~\n"}, {"targets/2026.yaml", "# none yet\n"}});
  CHECK(places(lists.diags) == Strings{});
  LoadResult one = load_files({{"customers/C-1.yaml", "~\n"}, {"plans/p.yaml", ""}});
  CHECK(places(one.diags) == Strings{"record-shape customers/C-1.yaml:1:1/1", "empty-file plans/p.yaml:1:1/1"});
}

TEST_CASE("bad input: nesting stops at the depth limit, however deep the input") {
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(places(read_all(nested(YamlReader::kMaxDepth))) == Strings{});
  CHECK(places(read_all(nested(YamlReader::kMaxDepth + 1))) == Strings{"yaml-depth x.yaml:1:201/1"});
  CHECK(places(read_all(nested(1000000))) == Strings{"yaml-depth x.yaml:1:201/1"});
  std::string block;
  for (std::size_t i = 0; i < 300; ++i) block += std::string(i, ' ') + "k:\n";
  CHECK(places(read_all(block)) == Strings{"yaml-depth x.yaml:201:201/1"});
}

TEST_CASE("bad input: encoding errors are placed at the bad byte") {
  CHECK(line_and_column("ab\ncd", 4) == std::pair<std::uint32_t, std::uint32_t>{2, 2});
  CHECK(line_and_column("张伟x", 6) == std::pair<std::uint32_t, std::uint32_t>{1, 3});
  CHECK(line_and_column("", 0) == std::pair<std::uint32_t, std::uint32_t>{1, 1});
  CHECK(line_and_column("\xEF\xBB\xBFid: x", 7) == std::pair<std::uint32_t, std::uint32_t>{1, 5});  // as libyaml
  CHECK(places(read_all("\xEF\xBB\xBFid: \xFF")) == Strings{"encoding x.yaml:1:5/1"});
  Diagnostics latin1 = read_all("a: 1\nname: \"M\xfcller\"\n");
  CHECK(places(latin1) == Strings{"encoding x.yaml:2:9/1"});
  CHECK(latin1.items()[0].message == "not UTF-8: byte 0xFC cannot start a character");
  CHECK(places(read_all("a: 张\xe4\xbc")) == Strings{"encoding x.yaml:1:5/1"});
  Diagnostics control = read_all("a: x\x01y\n");
  CHECK(places(control) == Strings{"encoding x.yaml:1:5/1"});
}

TEST_CASE("bad input: NUL bytes and conflict markers are found before parsing") {
  static constexpr char kNul[] = "id: C-1\nname: 张\0x\n";
  LoadResult nul = load_files({{"customers/C-1.yaml", std::string(kNul, sizeof kNul - 1)}});
  CHECK(places(nul.diags) == Strings{"binary-file customers/C-1.yaml:2:8/1"});

  LoadResult conflicts = load_files({{"deals/x.yaml",
                                      "<<<<<<< ours\n- a\n=======\n- b\n>>>>>>> theirs\n"  // one conflict
                                      ">>>>>>> stray\n"                                  // a stray marker
                                      "<<<<<<< again\n- c\n"}});                         // never closed
  CHECK(places(conflicts.diags) == Strings{"conflict-marker deals/x.yaml:1:1/7", "conflict-marker deals/x.yaml:6:1/7",
                                           "conflict-marker deals/x.yaml:7:1/7"});
  CHECK(conflicts.diags.items()[0].message == "unresolved merge conflict (lines 1 to 5)");
  CHECK(conflicts.diags.items()[2].message == "unresolved merge conflict: no >>>>>>> line closes it");
  // '=======' inside a value is not a marker: only a line of its own is.
  LoadResult yaml_ok = load_files({{"deals/x.yaml", "- {id: D-1, owner: zhang.wei, stage: lead, title: '======='}\n"}});
  CHECK(places(yaml_ok.diags) == Strings{});
}

TEST_CASE("bad input: a field present but invalid is reported once, not also as missing") {
  LoadResult r = load_files({{"customers/C-1.yaml",
                              "id: C-1\nowner: zhang.wei\n"
                              "interactions:\n  - {date: 2026-02-30, type: visti}\n"
                              "surveys:\n  - {date: soon}\n"},
                             {"deals/x.yaml", "- {id: D-1, customer: C-1, owner: zhang.wei, stage: won, amount: 1.001,"
                                              " opened: 2026-13-01, closed: [2026-11-01]}\n"}});
  CHECK(places(r.diags) == Strings{"date customers/C-1.yaml:4:12/10", "interaction-type customers/C-1.yaml:4:30/5",
                                   "date customers/C-1.yaml:6:12/4", "money deals/x.yaml:1:66/5",
                                   "date deals/x.yaml:1:81/10", "field-type deals/x.yaml:1:101/12"});
}

TEST_CASE("bad input: references into a file that could not be read are not reported") {
  LoadResult broken = load_files({{"customers/C-1.yaml", "id: C-1\nowner: [zhang.wei\n"},
                                  {"deals/x.yaml", "- {id: D-1, customer: C-1, owner: zhang.wei, stage: lead}\n"
                                                   "- {id: D-2, customer: C-2, owner: zhang.wei, stage: lead}\n"}});
  CHECK(places(broken.diags) == Strings{"yaml-syntax customers/C-1.yaml:3:1/1"});
  // With every customer file read, a customer that is nowhere is reported.
  LoadResult whole = load_files({{"deals/x.yaml", "- {id: D-2, customer: C-2, owner: zhang.wei, stage: lead}\n"}});
  CHECK(places(whole.diags) == Strings{"missing-ref deals/x.yaml:1:23/3"});
}

TEST_CASE("bad input: aliases and merge keys are one error each") {
  LoadResult r = load_files({{"deals/x.yaml",
                              "- {id: D-1, owner: &o zhang.wei, stage: lead}\n"
                              "- {id: D-2, owner: *o, stage: lead}\n"
                              "- {<<: *o, id: D-3, owner: zhang.wei, stage: lead}\n"}});
  CHECK(places(r.diags) == Strings{"yaml-alias deals/x.yaml:2:20/2", "yaml-alias deals/x.yaml:3:4/2"});
  CHECK(r.book->deals.size() == 3);
}

TEST_CASE("bad input: a team loop is one error naming it; the tree walks still end") {
  LoadResult r = load_files({{"team.yaml", "teams:\n"
                                           "  - {id: a, parent: c}\n"
                                           "  - {id: b, parent: a}\n"
                                           "  - {id: c, parent: b}\n"
                                           "  - {id: d, parent: a}\n"
                                           "  - {id: e, parent: e}\n"
                                           "people:\n  - {id: zhang.wei, team: d}\n"}});
  CHECK(places(r.diags) == Strings{"team-cycle team.yaml:2:5/1", "team-cycle team.yaml:6:5/1"});
  CHECK(r.diags.items()[0].message == "team parents form a loop: a -> c -> b -> a");
  CHECK(r.diags.items()[1].message == "team parents form a loop: e -> e");
  CHECK(r.book->subtree("a").size() == 4);  // a, b, c and d: bounded walks, no hang
  CHECK(r.book->members("a").size() == 1);
}

TEST_CASE("bad input: long values are cut in messages") {
  std::string big(5000, 'x');
  CHECK(shown("short") == "short");
  CHECK(shown(big) == std::string(60, 'x') + "… (5000 bytes)");
  CHECK(shown(std::string(59, 'a') + "张伟" + big) == std::string(59, 'a') + "… (5065 bytes)");  // whole characters
  LoadResult r = load_files({{"deals/x.yaml", "- {id: D-1, owner: zhang.wei, stage: " + big + "}\n"}});
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.diags.items()[0].message.size() < 120);
}

TEST_CASE("bad input: a directory link looping to its parent does not hang the walk") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / fmt::format("salesops-loop-{}", ::getpid());
  fs::remove_all(root);
  fs::create_directories(root / "deals");
  std::ofstream(root / "salesops.toml") << "[org]\nname = \"Loop\"\n";
  std::ofstream(root / "deals" / "2026-11.yaml") << "- {id: D-1, owner: nobody, stage: lead}\n";
  fs::create_directory_symlink("..", root / "deals" / "again");
  fs::create_directory_symlink(root, root / "deals" / "absolute");
  fs::create_symlink("2026-11.yaml", root / "deals" / "linked.yaml");
  auto source = directory_source(root);
  CHECK(source->list() == Strings{"deals/2026-11.yaml", "deals/linked.yaml", "salesops.toml"});
  LoadResult r = load_book(*source, root);
  CHECK(places(r.diags) == Strings{"missing-ref deals/2026-11.yaml:1:20/6", "duplicate-id deals/linked.yaml:1:8/3",
                                   "missing-ref deals/linked.yaml:1:20/6"});
  fs::remove_all(root);
}

TEST_CASE("bad input: the walk lists regular files and links at any depth, and nothing hidden, special or linked out") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / fmt::format("salesops-walk-{}", ::getpid());
  fs::remove_all(root);
  for (const char* dir : {"deals", "reviews/2026-Q3/deep/er", ".git/objects", "customers/.trash"})
    fs::create_directories(root / dir);
  for (const char* file : {"salesops.toml", "deals/2026-11.yaml", "reviews/2026-Q3/zhang.wei.yaml",
                           "reviews/2026-Q3/deep/er/x.yaml", ".git/config", ".git/objects/ab", "customers/.trash/C-1.yaml",
                           "customers/.C-2.yaml", "customers/C-3.yaml"})
    std::ofstream(root / file) << "x\n";
  REQUIRE(::mkfifo((root / "deals/2026-12.yaml").c_str(), 0600) == 0);
  fs::create_directory_symlink("../reviews", root / "deals" / "reviews");
  fs::create_symlink("/etc/passwd", root / "customers" / "C-4.yaml");
  fs::create_symlink("C-3.yaml", root / "customers" / "C-5.yaml");
  // 1,500 levels deep: more directories than the usual limit of 1,024 open files.
  std::string deep = "notes";
  int at = ::open(root.c_str(), O_RDONLY | O_DIRECTORY);
  for (int i = 0; i <= 1500 && at >= 0; ++i) {
    const char* name = i == 0 ? "notes" : "d";
    REQUIRE(::mkdirat(at, name, 0700) == 0);
    int next = ::openat(at, name, O_RDONLY | O_DIRECTORY);
    ::close(at);
    at = next;
    if (i > 0) deep += "/d";
  }
  REQUIRE(at >= 0);
  int file = ::openat(at, "x.yaml", O_WRONLY | O_CREAT, 0600);
  REQUIRE(file >= 0);
  ::close(file);
  ::close(at);
  auto source = directory_source(root);
  CHECK(source->list() == Strings{"customers/C-3.yaml", "customers/C-5.yaml", "deals/2026-11.yaml", deep + "/x.yaml",
                                  "reviews/2026-Q3/deep/er/x.yaml", "reviews/2026-Q3/zhang.wei.yaml", "salesops.toml"});
  std::vector<std::string> refused;
  for (const auto& r : source->refused()) refused.push_back(r.path);
  CHECK(refused == Strings{"customers/C-4.yaml"});
  // A root that is not a directory lists nothing.
  CHECK(directory_source(root / "salesops.toml")->list().empty());
  fs::remove_all(root);
}

TEST_CASE("bad input: a repeated key is an error and its first value is the one read") {
  LoadResult r = load_files({{"deals/x.yaml", "- id: D-1\n  owner: zhang.wei\n  stage: lead\n  stage: won\n"
                                              "  history: [{date: 2026-11-02, stage: lead}]\n"
                                              "  history: [{date: 2026-11-03, stage: lead}]\n"}});
  CHECK(places(r.diags) == Strings{"duplicate-key deals/x.yaml:4:3/5", "duplicate-key deals/x.yaml:6:3/7"});
  const Deal* d = r.book->deal("D-1");
  REQUIRE(d);
  CHECK(r.book->config.stages[d->stage].name == "lead");
  CHECK(d->history_count == 1);
}

TEST_CASE("bad input: a mapping of very many keys is checked for repeats in linear time") {
  std::string text = "{";
  for (int i = 0; i < 200000; ++i) text += fmt::format("k{}: 1, ", i);
  text += "k7: 2, k150000: 3}";
  Diagnostics diags;
  std::string label = "x.yaml";
  YamlReader r(text, 0, label, diags);
  REQUIRE(r.next());
  REQUIRE(r.next());
  REQUIRE(r.kind() == YamlReader::Kind::mapping_start);
  int keys = 0;
  CHECK(r.each_key([&](std::string_view, Mark) { ++keys; r.skip_value(); }));
  CHECK(keys == 200000);
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].message == "key 'k7' is repeated; the first, at line 1, column 51, is the one read");
  CHECK(diags.items()[1].rule == "duplicate-key");
}

TEST_CASE("bad input: org.started is a date, as a TOML date or a string; anything else is refused at its place") {
  auto started = [](std::string value) {
    return load_files({{"salesops.toml", "[org]\nname = \"Test\"\nstarted = " + value + "\n"}});
  };
  LoadResult date = started("2026-11-26");
  REQUIRE(date.book->config.started);
  CHECK(*date.book->config.started == make_date(2026, 11, 26));
  CHECK(date.book->config.due_in_book(make_date(2026, 11, 26)));
  CHECK_FALSE(date.book->config.due_in_book(make_date(2026, 11, 25)));
  CHECK(date.book->config.counted_from(make_date(2025, 1, 1)) == make_date(2026, 11, 26));
  CHECK(date.book->config.counted_from(make_date(2026, 12, 1)) == make_date(2026, 12, 1));
  CHECK(*started("\"2026-11-26\"").book->config.started == make_date(2026, 11, 26));
  CHECK(places(started("\"2026-02-30\"").diags) == Strings{"config-value salesops.toml:3:11/12"});
  CHECK(places(started("14").diags) == Strings{"config-type salesops.toml:3:11/2"});
  CHECK_FALSE(load_files({}).book->config.started);
  CHECK(load_files({}).book->config.due_in_book(make_date(1900, 1, 1)));
}
