// salesops log ID: the history of one record through git.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"
#include "core/history/log.hpp"

namespace salesops::cli {

namespace {

std::vector<std::string> record_ids(const core::Book& b) {
  std::vector<std::string> ids;
  for (auto& t : b.targets) ids.push_back(b.str(t.id));
  for (auto& d : b.deals) ids.push_back(b.str(d.id));
  for (auto& c : b.customers) ids.push_back(b.str(c.id));
  for (auto& p : b.reward_plans) ids.push_back(b.str(p.id));
  return ids;
}

void run_log(Context& ctx, const std::string& id) {
  const core::Book& book = ctx.book();
  auto file = core::record_file(book, id);
  if (!file) {
    auto near = core::closest_match(id, record_ids(book));
    ctx.fail(kUsage, near ? fmt::format(N_("no target, deal, customer, reward plan or review '{}' (did you mean '{}'?)"), id, *near)
                          : fmt::format(N_("no target, deal, customer, reward plan or review '{}'"), id));
  }
  std::string error;
  core::RecordLog log = core::record_log(ctx.book_root(), ctx.revision(), *file, id, &error);
  if (!error.empty()) ctx.fail(kBookUnreadable, error);
  const auto& entries = log.entries;
  core::Table t;
  for (const char* c : {"commit", "date", "author", "subject", "change", "field", "before", "after"}) t.add_column(c);
  for (const core::LogEntry& e : entries) {
    auto& row = t.add_row();
    row[0] = ctx.commit_id(e.commit);
    row[1] = e.date;
    row[2] = e.author;
    row[3] = e.subject;
    row[4] = e.change.change;
    row[5] = e.change.field.empty() ? core::Cell{core::Undefined{}} : core::Cell{e.change.field};
    row[6] = e.change.before;
    row[7] = e.change.after;
  }
  if (!log.cut_at.empty()) {
    // The note goes to stderr so that the table on stdout stays a table; json carries it in meta.
    ctx.note = fmt::format(N_("history cut at {}: the repository is a shallow clone (git fetch --unshallow reads the rest)"),
                           ctx.commit_id(log.cut_at));
    if (!ctx.options.quiet) std::cerr << core::tr(N_("note")) << ": " << core::tr(ctx.note) << "\n";
  }
  ctx.emit(t);
}

}  // namespace

Run setup_log(CLI::App& app, Context& ctx) {
  auto id = std::make_shared<std::string>();
  app.add_option("ID", *id, N_("A target, deal, customer or reward plan id, or a review as PERIOD/PERSON"))->required();
  return [&ctx, id] { run_log(ctx, *id); };
}

}  // namespace salesops::cli
