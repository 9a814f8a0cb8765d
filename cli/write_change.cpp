#include "cli/write_change.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>

#include "cli/diagnostic_render.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

// What a write did, one row per record, for scripts: a verb that lists no records reports
// the one its change names.
core::Table written_table(const core::WriteChange& change) {
  core::Table table;
  for (const char* column : {"action", "kind", "id", "file", "fields"}) table.add_column(column);
  for (const core::EditedRecord& r : change.records)
    table.rows.push_back({r.action, r.kind, r.id, r.file, fmt::format("{}", fmt::join(r.fields, ","))});
  if (change.records.empty() && !change.id.empty())
    table.rows.push_back({std::string("written"), std::string{}, change.id, change.file, std::string{}});
  return table;
}

}  // namespace

void refuse(Context& ctx, const core::WriteChange& change) {
  const core::Diagnostic& d = *change.refused;
  if (d.where.file.empty()) {
    print_error(d.message, d.hint);
    throw Exit{change.usage_error ? kUsage : kWriteRefused};
  }
  core::Diagnostics diags;
  diags.add(d);
  print_diagnostics(std::cerr, diags, &ctx.source(), {ctx.color(2)});
  ctx.fail(kWriteRefused, N_("nothing was written"));
}

void write_change(Context& ctx, const core::WriteChange& change, const std::string& done) {
  if (change.refused) refuse(ctx, change);
  if (ctx.format() == Format::table) return ctx.write(change.edits, done);
  ctx.apply(change.edits);
  if (ctx.options.dry_run) ctx.note = "dry run: nothing was written";
  ctx.emit(written_table(change));
}

std::vector<core::FieldValue> set_options(Context& ctx, const std::vector<std::string>& sets) {
  std::vector<core::FieldValue> out;
  for (const std::string& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) ctx.fail(kUsage, fmt::format(N_("--set '{}': write FIELD=VALUE"), s));
    out.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  return out;
}

}  // namespace salesops::cli
