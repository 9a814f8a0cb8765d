// salesops diff REV [REV2]: the changes between two revisions of the book as records.
#include <fmt/format.h>

#include <map>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "core/base/i18n.hpp"
#include "core/history/record_diff.hpp"
#include "core/load/book.hpp"
#include "core/load/git_source.hpp"
#include "core/rewards/statement.hpp"

namespace salesops::cli {

namespace {

struct DiffOptions {
  std::string from, to;
  std::string payouts;  // a period: compare each person's payout at both revisions
};

/// The book at `rev` (the working tree when empty); exits 2 for an unknown revision and 3
/// when the book cannot be read there.
std::unique_ptr<core::Book> load_revision(Context& ctx, const std::string& rev, std::string* commit,
                                          std::unique_ptr<core::BookSource>& source) {
  if (rev.empty()) {
    source = core::directory_source(ctx.book_root());
  } else {
    std::string error;
    core::GitSourceError why = core::GitSourceError::none;
    source = core::git_source(ctx.book_root(), rev, &error, &why);
    if (!source) {
      // The messages name --at; here the revision is an argument.
      if (error.starts_with("--at ")) error.erase(0, 5);
      ctx.fail(why == core::GitSourceError::unknown_revision ? kUsage : kBookUnreadable, error);
    }
    *commit = source->revision();
  }
  return ctx.load_or_fail(*source, rev.empty() ? std::string(N_("the book at the working tree"))
                                               : fmt::format(N_("the book at {}"), rev));
}

const char* kind_heading(const std::string& kind) {
  if (kind == "target") return N_("Targets");
  if (kind == "deal") return N_("Deals");
  if (kind == "customer") return N_("Customers");
  if (kind == "review") return N_("Reviews");
  if (kind == "reward_plan") return N_("Reward plans");
  if (kind == "plan") return N_("Plans");
  if (kind == "session") return N_("Coaching sessions");
  if (kind == "training") return N_("Trainings");
  if (kind == "grant") return N_("Grants");
  if (kind == "team") return N_("Teams");
  if (kind == "person") return N_("People");
  return N_("Settings");
}

/// A pull-request comment holds at most 65,536 characters; the markdown stays under this,
/// with room for what a CI job adds around it.
constexpr std::size_t kCommentBudget = 60000;

std::string md_table(const core::Table& table) {
  std::ostringstream out;
  RenderOptions ro;
  ro.format = Format::md;
  render(out, table, ro);
  return out.str();
}

/// A kind too long to list: how many records changed, and how many changes of each sort.
std::string kind_summary(const std::vector<core::Change>& mine) {
  std::map<std::string, std::size_t> by_change;
  std::set<std::string> ids;
  for (const core::Change& c : mine) {
    ++by_change[c.change];
    ids.insert(c.id);
  }
  core::Table t;
  t.add_column("change");
  t.add_column("changes");
  for (const auto& [change, n] : by_change) t.rows.push_back({change, static_cast<std::int64_t>(n)});
  std::string head = ids.size() == 1 ? fmt::format(N_("{} record, too many to list here:"), ids.size())
                                     : fmt::format(N_("{} records, too many to list here:"), ids.size());
  return head + "\n\n" + md_table(t);
}

/// Markdown for a pull-request comment: a heading per kind that changed, then its table.
/// Past kCommentBudget characters (less `reserve`, kept for what follows) a kind is
/// summarised by its counts instead, so the comment can still be posted.
std::string markdown(const std::vector<core::Change>& changes, const std::string& range, std::size_t reserve) {
  const std::string cut_note = fmt::format(
      "\n_{}_\n", N_("Longer than a pull-request comment holds: kinds past this point are counted, not "
                     "listed; `salesops diff` in a clone lists every change."));
  std::string out = fmt::format("### salesops diff {}\n", range);
  if (changes.empty()) out += fmt::format("\n{}\n", N_("No record changed."));
  bool cut = false;
  for (const std::string& kind : core::diff_kinds()) {
    std::vector<core::Change> mine;
    for (const core::Change& c : changes)
      if (c.kind == kind) mine.push_back(c);
    if (mine.empty()) continue;
    std::string heading = mine.size() == 1 ? fmt::format(N_("{} ({} change)"), kind_heading(kind), mine.size())
                                           : fmt::format(N_("{} ({} changes)"), kind_heading(kind), mine.size());
    std::string section = fmt::format("\n#### {}\n\n", heading);
    std::string table = cut ? std::string() : md_table(core::diff_table(mine, false));
    if (!cut && out.size() + section.size() + table.size() + cut_note.size() + reserve > kCommentBudget) {
      cut = true;
      out += cut_note;
    }
    out += section + (cut ? kind_summary(mine) : table);
  }
  return out;
}

void run_diff(Context& ctx, const DiffOptions& o) {
  Format format = ctx.format();
  std::string from_commit, to_commit;
  std::unique_ptr<core::BookSource> from_source, to_source;
  auto before = load_revision(ctx, o.from, &from_commit, from_source);
  auto after = load_revision(ctx, o.to, &to_commit, to_source);
  auto [before_files, after_files] = core::changed_files(*from_source, *to_source);
  std::vector<core::Change> changes = core::full_diff(*before, *after, before_files, after_files);
  // A full commit id (a CI job passes the merge base) is shortened for the heading.
  auto shown = [](const std::string& rev) {
    bool full_id = rev.size() == 40 && rev.find_first_not_of("0123456789abcdef") == std::string::npos;
    return full_id ? rev.substr(0, 10) : rev;
  };
  std::string range = fmt::format("{}..{}", shown(o.from), o.to.empty() ? N_("working tree") : shown(o.to));
  std::optional<core::Table> payouts;
  std::optional<core::Period> period;
  if (!o.payouts.empty()) {
    std::string error;
    period = core::parse_period(o.payouts, ctx.today(), after->config.calendar, &error);
    if (!period) ctx.fail(kUsage, "--payouts: " + error);
    payouts = core::payout_diff_table(*before, *after, *period, ctx.today());
  }
  if (format != Format::md) {
    // meta.revision: the two commits, the second empty for the working tree.
    ctx.revision_label = fmt::format("{}..{}", from_commit, to_commit);
    ctx.currency = after->config.currency;
    // With --payouts the table is the payouts' (one table per output).
    ctx.emit(payouts ? *payouts : core::diff_table(changes), period ? period->label : std::string());
    return;
  }
  // The payouts come last but are kept whole: they are what a reviewer of a plan checks.
  std::string payout_text;
  if (payouts) {
    payout_text = fmt::format("\n#### {}\n\n", fmt::format(N_("Payouts of {} ({} changed)"), period->label, payouts->rows.size()));
    payout_text += payouts->rows.empty() ? fmt::format("{}\n", N_("No payout changed.")) : md_table(*payouts);
  }
  std::string text = markdown(changes, range, payout_text.size()) + payout_text;
  ctx.output([&](std::ostream& out, bool) { out << text; });
}

}  // namespace

Run setup_diff(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DiffOptions>();
  app.add_option("REV", o->from, N_("The revision to compare from (a commit, tag or branch)"))->required();
  app.add_option("REV2", o->to, N_("The revision to compare to (default: the working tree)"));
  app.add_option("--payouts", o->payouts, N_("Each person's reward payout over this period at both revisions, and the change"));
  return [&ctx, o] { run_diff(ctx, *o); };
}

}  // namespace salesops::cli
