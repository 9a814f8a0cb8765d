// salesops check: every problem in every file, then the policy audit.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/diagnostic_render.hpp"
#include "core/approvals.hpp"
#include "core/check.hpp"

namespace salesops::cli {

namespace {

struct CheckOptions {
  bool strict = false;
  std::vector<std::string> rules;
  std::string approvals;  // a range REV..REV2
};

/// check --approvals: only the approval trailers of the range's commits.
void run_approvals(Context& ctx, const std::string& range) {
  std::string error;
  auto result = core::check_approvals(ctx.book_root(), range, &error);
  if (!result) ctx.fail(kUsage, error);
  core::Diagnostics& diags = result->problems;
  diags.sort();
  Format format = ctx.format();
  if (format == Format::json) {
    print_diagnostics_json(std::cout, diags, ctx.book_root().string(), result->commits);
  } else if (format == Format::table) {
    print_diagnostics(std::cout, diags, nullptr, {ctx.color(1)});
    if (!ctx.options.quiet || diags.error_count() > 0)
      std::cout << fmt::format("checked {} commit{}: {} unapproved change{}\n", result->commits,
                               result->commits == 1 ? "" : "s", diags.error_count(), diags.error_count() == 1 ? "" : "s");
  } else {
    ctx.fail(kUsage, "check writes table (the default) or json");
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
      ctx.fail(kUsage, fmt::format("unknown rule '{}': the audit rules are {}", id, ids));
    }
  }
  core::LoadResult r = ctx.load_for_check();
  core::Diagnostics& diags = r.diags;
  // The audit needs a book whose records hold together; broken records are reported first.
  if (!diags.has_errors()) core::run_checks(*r.book, ctx.today(), diags, o.rules);
  diags.sort();
  Format format = ctx.format();
  std::ofstream file;
  if (!ctx.options.output.empty()) {
    file.open(ctx.options.output, std::ios::binary);
    if (!file) ctx.fail(kWriteRefused, fmt::format("cannot write '{}'", ctx.options.output));
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  if (format == Format::json) {
    print_diagnostics_json(out, diags, ctx.book_root().string(), r.files_read);
  } else if (format == Format::table) {
    print_diagnostics(out, diags, &ctx.source(), {!file.is_open() && ctx.color(1)});
    if (!ctx.options.quiet || diags.error_count() + diags.warning_count() > 0)
      out << fmt::format("checked {} files: {} error{}, {} warning{}\n", r.files_read, diags.error_count(),
                               diags.error_count() == 1 ? "" : "s", diags.warning_count(), diags.warning_count() == 1 ? "" : "s");
  } else {
    ctx.fail(kUsage, "check writes table (the default) or json");
  }
  if (!out.flush()) ctx.fail(kWriteRefused, fmt::format("cannot write '{}'", ctx.options.output));
  bool failed = diags.has_errors() || (o.strict && diags.warning_count() > 0);
  if (failed) throw Exit{kCheckFailed};
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CheckOptions>();
  app.add_flag("--strict", o->strict, "Fail (exit 1) on warnings too");
  app.add_option("--rule", o->rules, "Run only these audit rules (ids, comma separated); records are always validated")
      ->delimiter(',');
  app.add_option("--approvals", o->approvals,
                 "Check only that each commit of REV..REV2 changing [approvals] records carries an allowed Approved-by trailer");
  app.callback([&ctx, o] { run_check(ctx, *o); });
}

}  // namespace salesops::cli
