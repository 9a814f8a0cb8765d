#include "cli/import_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

using Action = core::ImportOutcome::Action;
constexpr std::size_t kLinesShown = 5;

/// "1 row", "2 rows": `one` or `many` with the count.
std::string plural(std::size_t n, fmt::format_string<std::size_t> one, fmt::format_string<std::size_t> many) {
  return fmt::vformat(n == 1 ? one : many, fmt::make_format_args(n));
}

}  // namespace

void ImportReporter::take(const core::ImportOutcome& r) {
  if (r.action == Action::skipped) {
    auto g = std::find_if(skipped_.begin(), skipped_.end(), [&](const SkipGroup& s) { return s.reason == r.reason; });
    if (g == skipped_.end()) g = skipped_.insert(skipped_.end(), SkipGroup{r.reason, r.text, 0, {}});
    ++g->rows;
    if (g->lines.size() < kLinesShown) g->lines.push_back(r.line);
  } else if (row_lines_ && (r.action == Action::created || r.action == Action::updated)) {
    rows_ += core::escape_controls(fmt::format("{}:{}: {}\n", file_, r.line, r.text), "\n");
  }
}

void ImportReporter::print_rows(std::ostream& out) const { out << rows_; }

void ImportReporter::print_summary(std::ostream& out, const core::ImportChange& change, bool update,
                                   bool dry_run) const {
  std::vector<std::string> made, changed;
  auto count = [](std::vector<std::string>& into, std::size_t n, fmt::format_string<std::size_t> one,
                  fmt::format_string<std::size_t> many) {
    if (n) into.push_back(plural(n, one, many));
  };
  count(made, change.deals, N_("{} deal"), N_("{} deals"));
  count(made, change.customers, N_("{} customer"), N_("{} customers"));
  count(made, change.people, N_("{} person"), N_("{} people"));
  count(made, change.teams, N_("{} team"), N_("{} teams"));
  count(changed, change.updated_deals, N_("{} deal"), N_("{} deals"));
  count(changed, change.updated_customers, N_("{} customer"), N_("{} customers"));
  count(changed, change.updated_people, N_("{} person"), N_("{} people"));
  auto list = [](const std::vector<std::string>& items) {
    return items.empty() ? std::string(N_("nothing")) : fmt::format("{}", fmt::join(items, ", "));
  };
  std::string rows = plural(change.rows, N_("{} row"), N_("{} rows"));
  std::string summary;
  if (!update)
    summary = dry_run ? fmt::format(N_("would import {}: {}; would create {}; skipped {}"), file_, rows, list(made),
                                    change.skipped)
                      : fmt::format(N_("imported {}: {}; created {}; skipped {}"), file_, rows, list(made), change.skipped);
  else
    summary = dry_run ? fmt::format(N_("would import {}: {}; would create {}; would update {}; unchanged {}; skipped {}"),
                                    file_, rows, list(made), list(changed), change.unchanged, change.skipped)
                      : fmt::format(N_("imported {}: {}; created {}; updated {}; unchanged {}; skipped {}"), file_, rows,
                                    list(made), list(changed), change.unchanged, change.skipped);
  out << core::escape_controls(summary + "\n", "\n");
  if (skipped_.empty()) return;
  // The largest group first; among equals, the one met first.
  std::vector<SkipGroup> groups = skipped_;
  std::stable_sort(groups.begin(), groups.end(),
                   [](const SkipGroup& a, const SkipGroup& b) { return a.rows > b.rows; });
  out << fmt::format(N_("skipped {}:"), plural(change.skipped, N_("{} row"), N_("{} rows"))) << '\n';
  for (const SkipGroup& g : groups) {
    // The first few lines of the group, "…" when it has more.
    std::string lines = fmt::format("{}", fmt::join(g.lines, ", "));
    bool more = g.rows > g.lines.size();
    std::string group =
        g.lines.size() == 1
            ? (more ? fmt::format(N_("{} {} (line {}, …): {}"), g.rows, g.reason, lines, g.first_detail)
                    : fmt::format(N_("{} {} (line {}): {}"), g.rows, g.reason, lines, g.first_detail))
            : (more ? fmt::format(N_("{} {} (lines {}, …): {}"), g.rows, g.reason, lines, g.first_detail)
                    : fmt::format(N_("{} {} (lines {}): {}"), g.rows, g.reason, lines, g.first_detail));
    out << core::escape_controls("  " + group + "\n", "\n");
  }
}

core::Table import_table(const core::ImportChange& change) {
  core::Table table;
  for (const char* column : {"line", "action", "kind", "id", "file", "fields", "reason", "detail"})
    table.add_column(column);
  for (const core::ImportOutcome& r : change.outcomes) {
    const auto line = static_cast<std::int64_t>(r.line);
    if (r.action == Action::skipped) {
      table.rows.push_back({line, std::string("skipped"), core::Undefined{}, core::Undefined{}, core::Undefined{},
                            core::Undefined{}, r.reason, r.text});
      continue;
    }
    for (const core::EditedRecord& e : r.records)
      table.rows.push_back({line, e.action, e.kind, e.id, e.file, fmt::format("{}", fmt::join(e.fields, ",")),
                            core::Undefined{}, core::Undefined{}});
  }
  return table;
}

}  // namespace salesops::cli
