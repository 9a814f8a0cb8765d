// The fast YAML scanner (core/yaml/fast.hpp) delivers exactly libyaml's events: over every
// YAML file of the example book and the test data, and over hand-written tricky texts. The
// record files of the example book go through it without falling back to libyaml.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/yaml/fast.hpp"
#include "core/yaml/reader.hpp"
#include "core/yaml/scan.hpp"

using namespace salesops::core;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The YAML files under `dir` (relative to the source tree).
std::vector<fs::path> yaml_files(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(SALESOPS_SOURCE_DIR) / dir))
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// What a YamlReader delivers: kind, value, plain and mark of every event, and its diagnostics.
std::string read_events(std::string_view text) {
  Diagnostics diags;
  std::string label = "x.yaml", out;
  YamlReader r(text, 0, label, diags);
  while (r.next()) {
    out += std::to_string(static_cast<int>(r.kind())) + " " + std::to_string(r.mark().line) + ":" +
           std::to_string(r.mark().column) + "/" + std::to_string(r.span());
    if (r.kind() == YamlReader::Kind::scalar) out += (r.plain() ? " plain '" : " quoted '") + std::string(r.value()) + "'";
    out += "\n";
  }
  for (const auto& d : diags.items())
    out += d.rule + " " + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " + d.message + "\n";
  return out;
}

/// The same through libyaml alone, in the reader's terms.
std::string libyaml_events(std::string_view text) {
  yaml_parser_t p;
  yaml_parser_initialize(&p);
  yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string out;
  yaml_event_t e;
  while (yaml_parser_parse(&p, &e)) {
    using K = YamlReader::Kind;
    K kind = K::none;
    switch (e.type) {
      case YAML_STREAM_END_EVENT: kind = K::stream_end; break;
      case YAML_DOCUMENT_START_EVENT: kind = K::document_start; break;
      case YAML_DOCUMENT_END_EVENT: kind = K::document_end; break;
      case YAML_MAPPING_START_EVENT: kind = K::mapping_start; break;
      case YAML_MAPPING_END_EVENT: kind = K::mapping_end; break;
      case YAML_SEQUENCE_START_EVENT: kind = K::sequence_start; break;
      case YAML_SEQUENCE_END_EVENT: kind = K::sequence_end; break;
      case YAML_SCALAR_EVENT: kind = K::scalar; break;
      case YAML_ALIAS_EVENT: kind = K::alias; break;
      default: break;
    }
    std::size_t span = 1;
    if (e.type == YAML_SCALAR_EVENT || e.type == YAML_ALIAS_EVENT)
      span = e.start_mark.line != e.end_mark.line ? UINT32_MAX : std::max<std::size_t>(1, e.end_mark.column - e.start_mark.column);
    if (e.type != YAML_STREAM_START_EVENT) {
      out += std::to_string(static_cast<int>(kind)) + " " + std::to_string(e.start_mark.line + 1) + ":" +
             std::to_string(e.start_mark.column + 1) + "/" + std::to_string(span);
      if (e.type == YAML_SCALAR_EVENT)
        out += (e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? " plain '" : " quoted '") +
               std::string(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length) + "'";
      out += "\n";
    }
    bool end = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
    if (end) break;
  }
  yaml_parser_delete(&p);
  return out;
}

const char* const kTricky[] = {
    "",
    "\n",
    "# c",
    "# c\n",
    "   \n  \n",
    "a: 1",
    "a: 1\n",
    "a:\n",
    "a:",
    "- a",
    "-",
    "-\n",
    "- \n- b",
    "key with spaces: value with spaces\n",
    "a: b#c\n",
    "a: b #c\n",
    "a: 'x: y'\n",
    "a: \"x: y\"\n",
    "a: 1   \n",
    "a:    \nb: 2\n",
    "- id: x\n  h:\n    - {d: 1, s: l}\n    - {d: 2, s: m}\n- id: y\n",
    "k:\n- a\n- b\nz: 1\n",
    "k:\n- a\n-\n",
    "k:\n-\n  a: 1\nz: 2",
    "a:\n  b:\n    c:\n      d: 1\n  e: 2\n",
    "title: 区域推广\nb: 中文 text: x\n",
    "名前: 中文\n",
    "- 中文: [中, 文]\n",
    "a: 'it''s'\n",
    "a: \"q\\\"x\\\\y\\n\\t\"\n",
    "a: \"\\u00e9\"\n",
    "a: [a, b]\nb: []\nc: {}\nd: {x: 1}\n",
    "a: [a, [b, c], {d: e}]\n",
    "- [a, b]\n- {}\n",
    "x",
    "'x'",
    "[a]",
    "{a: b}",
    "[a]\nb",
    "a: 1\n  b: 2\n",
    "a: 1\n b",
    "a: b\n  c\n",
    "a:\n  hello\n",
    "a: - b\n",
    "- - a\n",
    "a: b: c\n",
    "a: [a, b\n  ]\n",
    "a: &x 1\n",
    "a: *x\n",
    "a: !t 1\n",
    "%YAML 1.1\n---\na: 1\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "a: |\n  x\n",
    "a: >\n  x\n",
    "a:\tb\n",
    "a: b\r\n",
    "\xEF\xBB\xBF""a: 1\n",
    "a: 1\n# c\n  # d\nb: 2 # e\n",
    "  a: 1\n  b: 2\n",
    "  a: 1\nb: 2\n",
    "a: 1\na: 2\n",
    "? a\n: b\n",
    "a : b\n",
    "\"a b\": 1\n",
    "\"a\" : 1\n",
    "'a':1\n",
    "\"a\":1\n",
    "a: -1\n",
    "a: -x\n",
    "a: ~\n",
    "a: .5\n",
    "a: 10:30\n",
    "a: http://x.y/z\n",
    "a: [10:30]\n",
    "a: {b: 10:30}\n",
    "a: {b: c, d: e,}\n",
    "a: [b, ]\n",
    "a: [b,, c]\n",
    "a: {b}\n",
    "a: {b: }\n",
    "a: [b: c]\n",
    "- a\n  - b\n",
    "- a\n- b\n  c: d\n",
    "a:\n  - b\n  - c\nd: e\n",
    "a:\n    - b\n  c: d\n",
    "- a:\n  - b\n",
    "- a:\n    b: c\n  d: e\n",
    "-   a: 1\n    b: 2\n",
    "-   a: 1\n  b: 2\n",
    "a: 'x'y\n",
    "a: 'x' #c\n",
    "a: 'x'#c\n",
    "a: [x]#c\n",
    "a: [x] #c\n",
    "a: \"x\"\n  b: 1\n",
    "a: 1\n\n\n",
    "a: 1\n   ",
    "a:\n\n  b: 1\n",
    "- \n  - a\n",
    "a:\n- b\n-\nc:\n",
    "a: [ a , b ]\n",
    "a: { a : b }\n",
    "a: [\"x\", 'y']\n",
    "a: ['x' , \"y\"]\n",
    "a: b c  d\n",
    "a: b  \n  # c\n",
    "a: 'b' \n",
    "a: 'b'\n  'c'\n",
    "a: '中文'\n",
    "- '中'\n- \"文\\t\"\n",
    "a: \"\\0\"\n",
    "a: \"\\x41\"\n",
    "a: \"\\ \"\n",
    "a: #\n",
    "a:#\n",
    "-#\n",
    "- #c\n",
    "a: b\n#\n",
    "a:\n#x\n- b\n",
    "- a\n#x\n- b\n",
    "- a\n\n- b\n",
    "'a\n b': 1\n",
    "a: 'b\n  c'\n",
    "a: b:c\n",
    "a: b\n---\n",
    "a: b\n--- x\n",
    "a: [a]\n  b: 1\n",
    "a: x,y\n",
    "a: [x,y]\n",
    "a: {x:y}\n",
    "a: {x: y,z: w}\n",
    "a: [-1, .5]\n",
    "a: [a#b]\n",
    "a: [a #b]\n",
    "a: {\"b\":1}\n",
    "a: {\"b\": 1}\n",
    "a: [\"b\":1]\n",
    "<<: x\n",
    "a: <<\n",
    "a: ${x}\n",
    "a: (1)\n",
    "a: $\n",
    "=: 1\n",
    "a: [[]]\n",
    "a: [{}]\n",
    "a: [[a], [b, [c]]]\n"
};

}  // namespace

TEST_CASE("fast yaml: every YAML file of the examples and the test data gives libyaml's events") {
  std::size_t files = 0, fast = 0;
  for (const char* dir : {"examples", "tests/data"}) {
    for (const auto& path : yaml_files(dir)) {
      std::string text = read_file(path);
      INFO(path.string());
      CHECK(fast_yaml_difference(text) == "");
      CHECK(yaml_scan_difference(text) == "");
      ++files;
      fast += !fast_yaml_events(text).bailed;
    }
  }
  CHECK(files > 200);
  MESSAGE(files << " files, " << fast << " read by the fast scanner to their end");
}

TEST_CASE("fast yaml: the example book's record files are read without falling back to libyaml") {
  for (const auto& path : yaml_files("examples/book")) {
    FastYamlRun run = fast_yaml_events(read_file(path));
    INFO(path.string() << ": line " << run.bail_line << ": " << run.bail_reason);
    CHECK_FALSE(run.bailed);
  }
}

TEST_CASE("fast yaml: tricky texts give libyaml's events") {
  for (const char* text : kTricky) {
    INFO(text);
    CHECK(fast_yaml_difference(text) == "");
    CHECK(yaml_scan_difference(text) == "");
  }
}

TEST_CASE("fast yaml: what record files hold stays on the fast path") {
  const char* const fast[] = {
      "",
      "# only a comment\n",
      "a: 1",                                             // no final line break
      "key with spaces: value with spaces   \n",         // trailing spaces
      "a: b#c\nd: e # a comment\n",                       // '#' inside a value, then a comment
      "a: 'x: y'\nb: \"p: q\"\n",                         // ': ' inside quoted values
      "a:\nb:   \nc: # empty\n",                          // empty values
      "- id: D-1\n  history:\n    - {date: 2025-01-02, stage: lead}\n    - {date: 2025-02-03, stage: won}\n- id: D-2\n",
      "k:\n- a\n-\n- b\nz: 1\n",                          // an indentless sequence
      "a:\n  b:\n    c:\n      d:\n        e: [x, [y, z], {f: g}]\n  h: 1\n",
      "title: 区域推广\nnames: [张伟, 李娜]\n",          // columns count code points
      "a: 'it''s'\nb: \"say \\\"hi\\\"\\n\\t\\\\\"\n",
      "a: 1\n  # indented comment\n\n",
      "  a: 1\n  b: 2\n",
      "a:\n  b:\n    c: 1\n  ",                          // ends in spaces: deeper blocks end there
      "a:\n  k:\n  - x\n ",
      "a:\n  b: 1\n#",                                   // ends in a comment without a line break
  };
  for (const char* text : fast) {
    INFO(text);
    FastYamlRun run = fast_yaml_events(text);
    CHECK_FALSE(run.bailed);
    CHECK(fast_yaml_difference(text) == "");
    CHECK(yaml_scan_difference(text) == "");
  }
  FastYamlRun cn = fast_yaml_events("名字: 张伟\n");
  REQUIRE(cn.events.size() == 8);
  CHECK(cn.events[4].value == "张伟");
  CHECK(cn.events[4].event.start_column == 4);
  CHECK(cn.events[4].event.end_column == 6);
  FastYamlRun esc = fast_yaml_events("a: \"x\\ty\"\nb: 'it''s'\n");
  REQUIRE(esc.events.size() == 10);
  CHECK(esc.events[4].value == "x\ty");
  CHECK(esc.events[6].value == "it's");
}

TEST_CASE("fast yaml: what it does not read goes to libyaml from where it stopped") {
  const char* const slow[] = {
      "a: 1\nb: &x 2\nc: *x\n",       // an anchor and an alias
      "a: 1\nb: |\n  text\nc: 3\n",   // a block scalar
      "a: 1\nb: two\n  lines\n",      // a multi-line plain scalar
      "a: 1\nb:\tx\n",                // a tab
      "a: 1\r\nb: 2\r\n",             // CR line ends
      "\xEF\xBB\xBF" "a: 1\n",        // a BOM
      "a: 1\n---\nb: 2\n",            // a second document
      "a: \"\\u00e9\"\n",             // an escape left to libyaml
      "a: [x,\n  y]\n",               // a flow list over two lines
  };
  for (const char* text : slow) {
    INFO(text);
    CHECK(fast_yaml_events(text).bailed);
    CHECK(fast_yaml_difference(text) == "");
  }
  // The reader's events are libyaml's, whether it falls back or not.
  for (std::string_view text : {"a: 1\nb: &x 2\nc: 3\n", "- {a: 1}\n- b: |\n    x\n  c: 2\n", "a: [x,\n  y]\nb: 1\n"}) {
    INFO(text);
    CHECK(fast_yaml_events(text).bailed);
    CHECK(read_events(text) == libyaml_events(text));
  }
}

TEST_CASE("fast yaml: syntax errors after the fast part are libyaml's") {
  std::string out = read_events("a: 1\nb: 2\nc: d: e\n");
  CHECK(out.find("yaml-syntax 3:5 mapping values are not allowed in this context") != std::string::npos);
  out = read_events("- a: 1\n  b: [x, y\n");
  CHECK(out.find("yaml-syntax") != std::string::npos);
  out = read_events("a: 1\nb: \"\xFF\"\n");
  CHECK(out.find("encoding 2:5 not UTF-8: byte 0xFF cannot start a character") != std::string::npos);
}
