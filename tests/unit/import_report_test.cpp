// What `salesops import` prints: the rows that created or changed records, the summary, and
// the skipped rows grouped by reason (largest first, five lines shown), not one line each.
#include "cli/import_report.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace salesops;
using Action = core::ImportOutcome::Action;

TEST_CASE("import report: skipped rows grouped by reason with their first lines") {
  cli::ImportReporter reporter("x.csv", true);
  core::ImportChange change;
  auto take = [&](core::ImportOutcome o) {
    reporter.take(o);
    change.outcomes.push_back(std::move(o));
  };
  take({2, Action::created, "created deal D-1", {}, {{"created", "deal", "D-1", "deals/2026-01.yaml", {}}}});
  for (std::uint32_t line = 3; line <= 9; ++line) take({line, Action::skipped, "owner 'x' left", "update refused", {}});
  take({10, Action::skipped, "opened '2/30/2026' is not a date", "not a date", {}});
  take({11,
        Action::updated,
        "updated deal D-2: amount",
        {},
        {{"changed", "deal", "D-2", "deals/2026-01.yaml", {"amount"}}}});
  take({12, Action::unchanged, "deal D-3 is unchanged", {}, {{"unchanged", "deal", "D-3", "deals/2026-01.yaml", {}}}});
  change.rows = 11, change.skipped = 8, change.deals = 1, change.updated = 1, change.updated_deals = 1,
  change.unchanged = 1;
  std::ostringstream out;
  reporter.print_rows(out);
  reporter.print_summary(out, change, true, false);
  CHECK(out.str() ==
        "x.csv:2: created deal D-1\n"
        "x.csv:11: updated deal D-2: amount\n"
        "imported x.csv: 11 rows; created 1 deal; updated 1 deal; unchanged 1; skipped 8\n"
        "skipped 8 rows:\n"
        "  7 update refused (lines 3, 4, 5, 6, 7, …): owner 'x' left\n"
        "  1 not a date (line 10): opened '2/30/2026' is not a date\n");
  // The machine listing: every record and every skipped row, with its line.
  core::Table t = cli::import_table(change);
  REQUIRE(t.rows.size() == 11);
  CHECK(std::get<std::string>(t.rows[0][1]) == "created");
  CHECK(std::get<std::int64_t>(t.rows[7][0]) == 9);
  CHECK(std::get<std::string>(t.rows[9][5]) == "amount");
  CHECK(std::get<std::string>(t.rows[10][1]) == "unchanged");
  // Quiet: the summary only.
  cli::ImportReporter quiet("x.csv", false);
  quiet.take(change.outcomes[0]);
  std::ostringstream q;
  quiet.print_rows(q);
  CHECK(q.str().empty());
}
