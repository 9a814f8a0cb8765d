// salesops reassign (✎): a person's deals, customers and targets handed to another person,
// as core/deals/reassign.hpp decides, in one transaction.
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.hpp"
#include "cli/write_change.hpp"
#include "core/base/i18n.hpp"
#include "core/deals/reassign.hpp"

namespace salesops::cli {

namespace {

/// "1 deal", "3 deals": the records of `kind` the change edits, `one` or `many` with the count.
std::string count_of(const core::WriteChange& change, std::string_view kind, fmt::format_string<std::ptrdiff_t> one,
                     fmt::format_string<std::ptrdiff_t> many) {
  std::ptrdiff_t n = std::count_if(change.records.begin(), change.records.end(),
                                   [&](const core::EditedRecord& r) { return r.kind == kind; });
  return fmt::vformat(n == 1 ? one : many, fmt::make_format_args(n));
}

void run_reassign(Context& ctx, const core::Reassign& r) {
  core::WriteChange change = core::reassign_change(ctx.book(), r, ctx.today());
  write_change(
      ctx, change,
      fmt::format(N_("reassigned {}, {} and {} from {} to {}"), count_of(change, "deal", N_("{} deal"), N_("{} deals")),
                  count_of(change, "customer", N_("{} customer"), N_("{} customers")),
                  count_of(change, "target", N_("{} target"), N_("{} targets")), r.from, r.to));
}

}  // namespace

Run setup_reassign(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<core::Reassign>();
  app.add_option("--from", o->from, N_("The person whose records move (who left, or gives up a territory)"))->required();
  app.add_option("--to", o->to, N_("The person who takes them (not one who has left)"))->required();
  app.add_flag("--open-only", o->open_only,
               N_("Only open deals and targets whose period has not ended (customers all move)"));
  app.add_option("--kinds", o->kinds, N_("What moves: deals,customers,targets (default: all three)"))->delimiter(',');
  return [&ctx, o] { run_reassign(ctx, *o); };
}

}  // namespace salesops::cli
