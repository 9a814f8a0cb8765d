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

std::string count_of(const core::WriteChange& change, std::string_view kind, const char* noun) {
  auto n = std::count_if(change.records.begin(), change.records.end(),
                         [&](const core::EditedRecord& r) { return r.kind == kind; });
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

void run_reassign(Context& ctx, const core::Reassign& r) {
  core::WriteChange change = core::reassign_change(ctx.book(), r, ctx.today());
  write_change(
      ctx, change,
      fmt::format("reassigned {}, {} and {} from {} to {}", count_of(change, "deal", "deal"),
                  count_of(change, "customer", "customer"), count_of(change, "target", "target"), r.from, r.to));
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
