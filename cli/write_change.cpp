#include "cli/write_change.hpp"

#include <iostream>

#include "cli/diagnostic_render.hpp"
#include "core/base/escape.hpp"

namespace salesops::cli {

void refuse(Context& ctx, const core::WriteChange& change) {
  const core::Diagnostic& d = *change.refused;
  if (d.where.file.empty()) {
    std::cerr << "salesops: error: " << core::escape_controls(d.message) << '\n';
    if (!d.hint.empty()) std::cerr << "  hint: " << core::escape_controls(d.hint) << '\n';
    throw Exit{change.usage_error ? kUsage : kWriteRefused};
  }
  core::Diagnostics diags;
  diags.add(d);
  print_diagnostics(std::cerr, diags, &ctx.source(), {ctx.color(2)});
  ctx.fail(kWriteRefused, "nothing was written");
}

void write_change(Context& ctx, const core::WriteChange& change, const std::string& done) {
  if (change.refused) refuse(ctx, change);
  ctx.write(change.edits, done);
}

}  // namespace salesops::cli
