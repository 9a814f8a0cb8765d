#include "cli/import_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

#include "core/base/escape.hpp"

namespace salesops::cli {

namespace {

using Action = core::ImportOutcome::Action;
constexpr std::size_t kLinesShown = 5;

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
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
  auto count = [](std::vector<std::string>& into, std::size_t n, const char* one, const char* many) {
    if (n) into.push_back(plural(n, one, many));
  };
  count(made, change.deals, "deal", "deals");
  count(made, change.customers, "customer", "customers");
  count(made, change.people, "person", "people");
  count(made, change.teams, "team", "teams");
  count(changed, change.updated_deals, "deal", "deals");
  count(changed, change.updated_customers, "customer", "customers");
  count(changed, change.updated_people, "person", "people");
  auto list = [](const std::vector<std::string>& items) {
    return items.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(items, ", "));
  };
  std::string updates = update ? fmt::format("; {} {}; unchanged {}", dry_run ? "would update" : "updated",
                                             list(changed), change.unchanged)
                               : std::string{};
  out << core::escape_controls(fmt::format("{} {}: {}; {} {}{}; skipped {}\n", dry_run ? "would import" : "imported",
                                           file_, plural(change.rows, "row", "rows"),
                                           dry_run ? "would create" : "created", list(made), updates, change.skipped),
                               "\n");
  if (skipped_.empty()) return;
  // The largest group first; among equals, the one met first.
  std::vector<SkipGroup> groups = skipped_;
  std::stable_sort(groups.begin(), groups.end(),
                   [](const SkipGroup& a, const SkipGroup& b) { return a.rows > b.rows; });
  out << fmt::format("skipped {}:\n", plural(change.skipped, "row", "rows"));
  for (const SkipGroup& g : groups)
    out << core::escape_controls(
        fmt::format("  {} {} (line{} {}{}): {}\n", g.rows, g.reason, g.lines.size() == 1 ? "" : "s",
                    fmt::join(g.lines, ", "), g.rows > g.lines.size() ? ", …" : "", g.first_detail),
        "\n");
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
