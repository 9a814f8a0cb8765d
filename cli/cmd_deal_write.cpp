// salesops deal add, move, edit and disqualify (✎): checked against the book in
// core/deals/edits.cpp, written through the safe writer.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>

#include "cli/cmd_deal.hpp"
#include "cli/diagnostic_render.hpp"
#include "cli/write_change.hpp"
#include "core/base/i18n.hpp"
#include "core/deals/edits.hpp"

namespace salesops::cli {

namespace {

struct AddOptions {
  core::NewDeal deal;
  std::string amount, opened, expected_close;
  std::vector<std::string> sets;
};

struct MoveOptions {
  core::DealMove move;
  std::string date;
};

// `deal edit`: each option a field of the record schema, in the order the schema lists them.
struct EditOptions {
  std::string id;
  std::optional<std::string> customer, owner, title, product, amount, expected_close;
  std::vector<std::string> sets;  // --set FIELD=VALUE, after the options above
};

core::Date date_option(Context& ctx, const char* option, const std::string& text) {
  auto d = core::parse_date(text);
  if (!d) ctx.fail(kUsage, fmt::format(N_("{} '{}' is not a date (YYYY-MM-DD)"), option, text));
  return *d;
}

void run_add(Context& ctx, AddOptions& o) {
  core::NewDeal& n = o.deal;
  if (!o.amount.empty()) {
    core::MoneyError error;
    n.amount = core::parse_money(o.amount, &error);
    if (!n.amount) ctx.fail(kUsage, fmt::format("--amount '{}': {}", o.amount, core::money_error_text(error)));
    if (n.amount->cents < 0) ctx.fail(kUsage, fmt::format(N_("--amount '{}': an amount is 0 or more"), o.amount));
  }
  n.opened = o.opened.empty() ? ctx.today() : date_option(ctx, "--opened", o.opened);
  if (!o.expected_close.empty()) n.expected_close = date_option(ctx, "--expected-close", o.expected_close);
  n.custom = set_options(ctx, o.sets);
  core::WriteChange change = core::deal_add_change(ctx.book(), n, ctx.today());
  write_change(ctx, change, fmt::format(N_("added {} to {}"), change.id, change.file));
}

void run_move(Context& ctx, MoveOptions& o) {
  o.move.date = o.date.empty() ? ctx.today() : date_option(ctx, "--date", o.date);
  const core::Book& book = ctx.book();
  std::string from;
  if (const core::Deal* d = book.deal(o.move.id)) from = book.config.stages[d->stage].name;
  core::WriteChange change = core::deal_move_change(book, o.move, ctx.today());
  write_change(ctx, change, fmt::format(N_("moved {} from {} to {} ({})"), change.id, from, o.move.stage, change.file));
}

void run_edit(Context& ctx, EditOptions& o) {
  std::vector<core::FieldValue> fields;
  for (auto [key, value] : {std::pair{"customer", &o.customer},
                            {"owner", &o.owner},
                            {"title", &o.title},
                            {"product", &o.product},
                            {"amount", &o.amount},
                            {"expected_close", &o.expected_close}})
    if (*value) fields.push_back({key, **value});
  for (auto& f : set_options(ctx, o.sets)) fields.push_back(std::move(f));
  core::WriteChange change = core::deal_edit_change(ctx.book(), o.id, fields, ctx.today());
  std::string done = change.records.empty()
                         ? fmt::format(N_("{} already has these values: nothing was written"), o.id)
                         : fmt::format(N_("edited {}: {} ({})"), change.id, fmt::join(change.records[0].fields, ", "),
                                       change.file);
  write_change(ctx, change, done);
}

void run_disqualify(Context& ctx, MoveOptions& o) {
  o.move.date = o.date.empty() ? ctx.today() : date_option(ctx, "--date", o.date);
  o.move.disqualify = true;
  if (o.move.reason.empty()) ctx.fail(kUsage, N_("--reason cannot be empty: say why the lead is junk"));
  const core::Book& book = ctx.book();
  core::WriteChange change = core::deal_move_change(book, o.move, ctx.today());
  write_change(ctx, change, fmt::format(N_("disqualified {}: {} ({})"), change.id, o.move.reason, change.file));
}

}  // namespace

Run setup_deal_add(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  core::NewDeal& n = o->deal;
  app.add_option("--owner", n.owner, N_("The person who owns the deal"))->required();
  app.add_option("--customer", n.customer, N_("The customer's id"));
  app.add_option("--amount", o->amount, N_("The amount, in the book's currency (at most two decimals)"));
  app.add_option("--product", n.product, N_("The product"));
  app.add_option("--title", n.title, N_("A short title"));
  app.add_option("--stage", n.stage, N_("An open stage (default: the first of the funnel)"));
  app.add_option("--opened", o->opened, N_("The day it opened (default: today)"));
  app.add_option("--expected-close", o->expected_close, N_("The day it is expected to close"));
  app.add_option("--id", n.id, N_("The deal's id (default: D-YYYY-xxxx, YYYY the opened year, xxxx four letters and digits)"));
  app.add_option("--set", o->sets, N_("FIELD=VALUE: a custom field of deals (salesops.toml [fields.deal]); repeatable"));
  return [&ctx, o] { run_add(ctx, *o); };
}

Run setup_deal_move(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MoveOptions>();
  app.add_option("id", o->move.id, N_("The deal's id"))->required();
  app.add_option("stage", o->move.stage, N_("The stage it moves to"))->required();
  app.add_option("--date", o->date, N_("The day of the move (default: today)"));
  app.add_option("--reason", o->move.reason, N_("Why: the lost_reason of a lost deal, else kept in the history entry"));
  return [&ctx, o] { run_move(ctx, *o); };
}

Run setup_deal_edit(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EditOptions>();
  app.add_option("id", o->id, N_("The deal's id"))->required();
  app.add_option("--customer", o->customer, N_("The customer's id (empty: none, for an open deal)"));
  app.add_option("--owner", o->owner, N_("The person who owns the deal"));
  app.add_option("--title", o->title, N_("A short title (empty: none)"));
  app.add_option("--product", o->product, N_("The product (empty: none)"));
  app.add_option("--amount", o->amount, N_("The amount, in the book's currency (empty: none, for an open deal)"));
  app.add_option("--expected-close", o->expected_close, N_("The day it is expected to close (empty: none)"));
  app.add_option("--set", o->sets, N_("FIELD=VALUE: a custom field (salesops.toml [fields.deal]; empty VALUE: none); repeatable"));
  return [&ctx, o] { run_edit(ctx, *o); };
}

Run setup_deal_disqualify(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MoveOptions>();
  app.add_option("id", o->move.id, N_("The deal's id"))->required();
  app.add_option("--reason", o->move.reason, N_("Why the lead is junk (kept in its history entry)"))->required();
  app.add_option("--date", o->date, N_("The day it is closed (default: today)"));
  return [&ctx, o] { run_disqualify(ctx, *o); };
}

}  // namespace salesops::cli
