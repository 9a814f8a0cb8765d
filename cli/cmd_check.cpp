// salesops check: every problem in every file, then the policy audit.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/diagnostic_render.hpp"
#include "core/audit/approvals.hpp"
#include "core/audit/check.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/escape.hpp"
#include "core/base/git.hpp"
#include "core/base/i18n.hpp"
#include "core/load/book.hpp"

namespace salesops::cli {

namespace {

struct CheckOptions {
  bool strict = false;
  std::vector<std::string> rules;
  std::string approvals;  // a range REV..REV2
  bool policy = false;    // the audit's findings only
  std::string by;         // "owner": grouped by the responsible manager
  bool all_locations = false;  // each occurrence of a repeated finding, not its first few
};

std::string counts(std::size_t errors, std::size_t warnings) {
  if (errors == 1)
    return warnings == 1 ? fmt::format(N_("{} error, {} warning"), errors, warnings)
                         : fmt::format(N_("{} error, {} warnings"), errors, warnings);
  return warnings == 1 ? fmt::format(N_("{} errors, {} warning"), errors, warnings)
                       : fmt::format(N_("{} errors, {} warnings"), errors, warnings);
}

/// "checked 3 commits: 1 unapproved change", the last line of check --approvals.
std::string approvals_summary(std::size_t commits, std::size_t unapproved) {
  if (commits == 1)
    return unapproved == 1 ? fmt::format(N_("checked {} commit: {} unapproved change"), commits, unapproved)
                           : fmt::format(N_("checked {} commit: {} unapproved changes"), commits, unapproved);
  return unapproved == 1 ? fmt::format(N_("checked {} commits: {} unapproved change"), commits, unapproved)
                         : fmt::format(N_("checked {} commits: {} unapproved changes"), commits, unapproved);
}

/// --policy: a record's own warnings are left out; errors stay, since they stop the audit.
void keep_policy(core::Diagnostics& diags) {
  auto rules = core::check_rules();
  std::erase_if(diags.items(), [&](const core::Diagnostic& d) {
    return d.severity == core::Severity::warning &&
           std::none_of(rules.begin(), rules.end(), [&](const core::CheckRule& r) { return d.rule == r.id; });
  });
}

/// The responsible manager of each finding (core::responsible_manager), "" for none.
std::vector<std::string> managers_of(const core::Book* book, const core::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const core::Diagnostic& d : diags.items()) {
    const core::Person* m = book && !d.owner.empty() ? core::responsible_manager(*book, d.owner) : nullptr;
    out.push_back(m ? book->str(m->id) : std::string());
  }
  return out;
}

/// --by owner as a report: one group per manager in team.yaml order, then the findings no
/// manager answers for; each group headed by the manager and its counts.
void print_by_manager(std::ostream& out, Context& ctx, const core::Book* book, const core::Diagnostics& diags,
                      const std::vector<std::string>& managers, bool color) {
  std::vector<std::string> order;
  if (book)
    for (const core::Person& p : book->people) order.push_back(book->str(p.id));
  order.push_back("");
  bool first = true;
  for (const std::string& manager : order) {
    core::Diagnostics group;
    for (std::size_t i = 0; i < managers.size(); ++i)
      if (managers[i] == manager) group.add(diags.items()[i]);
    if (group.items().empty()) continue;
    std::string who = manager.empty() ? N_("no manager") : fmt::format("{} ({})", manager, book->text(book->person(manager)->name));
    std::string heading = fmt::format("{}: {}", core::escape_controls(who), counts(group.error_count(), group.warning_count()));
    out << (first ? "" : "\n") << (color ? fmt::format("\033[1m{}\033[0m", heading) : heading) << '\n';
    print_diagnostics(out, group, &ctx.source(), {color, ctx.fit_width()});
    first = false;
  }
}

/// The book's directory within its repository, so that CI annotations name the files as the
/// repository does; "" when the book is not in git (its paths are then the book's own).
std::string repository_prefix(Context& ctx) {
  std::string ignored;
  return core::git_book_prefix(ctx.book_root(), &ignored).value_or("");
}

/// github and sarif: the findings as CI annotations. False for any other format.
bool print_annotations(std::ostream& out, Context& ctx, Format format, const core::Diagnostics& diags) {
  if (format == Format::github) print_diagnostics_github(out, diags, repository_prefix(ctx));
  else if (format == Format::sarif) print_diagnostics_sarif(out, diags, repository_prefix(ctx));
  else return false;
  return true;
}

constexpr std::string_view kCheckFormats = N_("check writes table (the default), json, github or sarif");

/// check --approvals: only the approval trailers of the range's commits.
void run_approvals(Context& ctx, const std::string& range) {
  std::string error;
  auto result = core::check_approvals(ctx.book_root(), range, &error);
  if (!result) ctx.fail(kUsage, error);
  core::Diagnostics& diags = result->problems;
  diags.sort();
  Format format = ctx.format();
  if (format == Format::json) {
    print_diagnostics_json(std::cout, diags, ctx.meta(), result->commits);
  } else if (format == Format::table) {
    print_diagnostics(std::cout, diags, nullptr, {ctx.color(1), ctx.fit_width()});
    if (!ctx.options.quiet || diags.error_count() > 0)
      std::cout << core::tr(approvals_summary(result->commits, diags.error_count())) << '\n';
  } else if (!print_annotations(std::cout, ctx, format, diags)) {
    ctx.fail(kUsage, std::string(kCheckFormats));
  }
  std::cout.flush();
  if (diags.has_errors()) throw Exit{kCheckFailed};
}

void run_check(Context& ctx, const CheckOptions& o) {
  if (!o.approvals.empty()) return run_approvals(ctx, o.approvals);
  for (const std::string& id : o.rules) {
    auto all = core::check_rules();
    if (std::none_of(all.begin(), all.end(), [&](const core::CheckRule& r) { return id == r.id; })) {
      std::string ids;
      for (const core::CheckRule& r : all) ids += (ids.empty() ? "" : ", ") + std::string(r.id);
      ctx.fail(kUsage, fmt::format(N_("unknown rule '{}': the audit rules are {}"), id, ids));
    }
  }
  core::LoadResult r = ctx.load_for_check(o.all_locations);
  core::Diagnostics& diags = r.diags;
  // The audit needs a book whose records hold together; broken records are reported first.
  if (!diags.has_errors()) core::run_checks(*r.book, ctx.today(), diags, o.rules);
  if (o.policy) keep_policy(diags);
  diags.sort();
  // Each occurrence a finding of its own, but in json, which lists a finding's locations.
  if (o.all_locations && ctx.format() != Format::json) diags = diags.expanded();
  const core::Book* book = r.book ? &*r.book : nullptr;
  std::vector<std::string> managers;
  if (!o.by.empty()) managers = managers_of(book, diags);
  Format format = ctx.format();
  bool to_file = !ctx.options.output.empty();
  std::ostringstream file;  // the report for -o FILE, written whole at the end
  std::ostream& out = to_file ? static_cast<std::ostream&>(file) : std::cout;
  if (format == Format::json) {
    // The audit looks at the month holding today (policy.required_targets asks for its targets).
    print_diagnostics_json(out, diags, ctx.meta(core::month_period(ctx.today())), r.files_read, o.by.empty() ? nullptr : &managers);
  } else if (format == Format::table) {
    bool color = !to_file && ctx.color(1);
    if (o.by.empty()) print_diagnostics(out, diags, &ctx.source(), {color, ctx.fit_width()});
    else print_by_manager(out, ctx, book, diags, managers, color);
    if (!ctx.options.quiet || diags.error_count() + diags.warning_count() > 0)
      out << core::format_translated(N_("checked {} files: {}"), r.files_read,
                                    core::tr(counts(diags.error_count(), diags.warning_count())))
          << '\n';
  } else if (!print_annotations(out, ctx, format, diags)) {
    ctx.fail(kUsage, std::string(kCheckFormats));
  }
  if (to_file && core::write_output_file(ctx.options.output, file.view()) != 0)
    ctx.fail(kWriteRefused, fmt::format(N_("cannot write '{}'"), ctx.options.output));
  if (!to_file && !flush_stdout()) throw Exit{kWriteRefused};
  // A file refused at the book's boundary is not a record error: the book cannot be read.
  if (r.refused) throw Exit{kBookUnreadable};
  bool failed = diags.has_errors() || (o.strict && diags.warning_count() > 0);
  if (failed) throw Exit{kCheckFailed};
}

}  // namespace

Run setup_check(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CheckOptions>();
  app.add_flag("--strict", o->strict, N_("Fail (exit 1) on warnings too"));
  app.add_option("--rule", o->rules, N_("Run only these audit rules (ids, comma separated); records are always validated"))
      ->delimiter(',');
  app.add_option("--approvals", o->approvals,
                 N_("Check only that each commit of REV..REV2 changing [approvals] records carries an allowed Approved-by trailer"));
  app.add_flag("--policy", o->policy, N_("Report the policy audit's findings only (records' own warnings left out)"));
  app.add_flag("--all-locations", o->all_locations,
               N_("List each occurrence of a finding that repeats (an unknown key on every deal), not its count and first few"));
  app.add_option("--by", o->by, N_("Group the findings by the responsible manager"))->check(CLI::IsMember({"owner"}));
  return [&ctx, o] { run_check(ctx, *o); };
}

}  // namespace salesops::cli
