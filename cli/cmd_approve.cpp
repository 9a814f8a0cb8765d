// salesops approve REV: an approval commit for REV, signed when [approvals] require = "signed".
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "core/audit/approve.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

void run_approve(Context& ctx, const std::string& revision) {
  std::string error;
  auto made = core::approve_commit(ctx.book_root(), ctx.book(), revision, &error);
  if (!made) ctx.fail(error.starts_with("no such revision") ? kUsage : kWriteRefused, error);
  if (!ctx.options.quiet)
    std::cout << (made->is_signed ? fmt::format(N_("{} approves {} as {}, signed"), made->commit.substr(0, 10),
                                                made->approves.substr(0, 10), made->approver)
                                  : fmt::format(N_("{} approves {} as {}"), made->commit.substr(0, 10),
                                                made->approves.substr(0, 10), made->approver))
              << '\n';
}

}  // namespace

Run setup_approve(CLI::App& app, Context& ctx) {
  auto revision = std::make_shared<std::string>();
  app.add_option("REV", *revision, N_("The commit to approve (an id, a tag, HEAD~2, ...)"))->required();
  return [&ctx, revision] { run_approve(ctx, *revision); };
}

}  // namespace salesops::cli
