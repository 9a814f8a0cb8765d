// record_diff: every field of records compared as trees, a large list file by its changed items.
#include "core/history/record_diff.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <variant>

using namespace salesops::core;

namespace {

std::string deal(const std::string& id, const std::string& expected, const std::string& extra = "") {
  return fmt::format("- id: {}\n  customer: C-1\n  owner: zhang.wei\n  amount: 10000\n  stage: lead\n"
                     "  opened: 2026-10-01\n  expected_close: {}\n{}",
                     id, expected, extra);
}

/// Each change as one line, for comparing two lists of them.
std::string lines(const std::vector<Change>& changes) {
  auto text = [](const Cell& c) {
    if (auto* s = std::get_if<std::string>(&c)) return *s;
    return std::holds_alternative<Undefined>(c) ? std::string("-") : fmt::format("<{}>", c.index());
  };
  std::string out;
  for (const Change& c : changes)
    out += fmt::format("{} {} {} {} {}|{}\n", c.kind, c.id, c.change, c.field, text(c.before), text(c.after));
  return out;
}

}  // namespace

TEST_CASE("differing_items keeps only the items that changed") {
  std::string a = deal("A", "2026-11-20") + deal("B", "2026-11-21");
  std::string b = deal("A", "2026-11-20") + deal("B", "2026-11-30");
  auto [before, after] = differing_items(a, b);
  CHECK(before == deal("B", "2026-11-21"));
  CHECK(after == deal("B", "2026-11-30"));
  // A file that is not a plain list is kept whole on both sides.
  auto [x, y] = differing_items("deals: []\n", b);
  CHECK(x == "deals: []\n");
  CHECK(y == b);
  // An anchor or alias ties items together: both kept whole.
  std::string anchored = deal("A", "2026-11-20", "  tags: &t [x]\n") + deal("B", "2026-11-21", "  tags: *t\n");
  std::string moved = deal("A", "2026-11-20", "  tags: &t [x]\n") + deal("B", "2026-11-30", "  tags: *t\n");
  auto [p, q] = differing_items(anchored, moved);
  CHECK(p == anchored);
  CHECK(q == moved);
  // '&' and '*' inside a value are text.
  std::string titled = deal("A", "2026-11-20", "  title: R&D *new*\n") + deal("B", "2026-11-21");
  auto [r, t] = differing_items(titled, deal("A", "2026-11-20", "  title: R&D *new*\n") + deal("B", "2026-11-22"));
  CHECK(r == deal("B", "2026-11-21"));
  CHECK(t == deal("B", "2026-11-22"));
}

TEST_CASE("record_diff of a list file on both sides reports what comparing the whole files does") {
  // The same two versions, once as one file on both sides (only the differing items are
  // parsed) and once as two files (records matched by id across files: nothing is left out).
  std::string before, after;
  for (int i = 0; i < 50; ++i) {
    std::string id = fmt::format("D-{}", i);
    before += deal(id, "2026-11-20", i == 7 ? "  product: A\n" : "");
    if (i == 3) continue;  // removed
    after += deal(id, i == 9 ? "2026-12-01" : "2026-11-20", i == 7 ? "  product: B\n" : "");
  }
  after += deal("D-new", "2026-12-24", "  product: C\n");
  auto one_file = record_diff({{"deals/2026-10.yaml", before}}, {{"deals/2026-10.yaml", after}});
  auto two_files = record_diff({{"deals/2026-09.yaml", before}}, {{"deals/2026-10.yaml", after}});
  CHECK(!one_file.empty());
  CHECK(lines(one_file) == lines(two_files));
  CHECK(lines(one_file).find("D-7 changed product A|B") != std::string::npos);
}
