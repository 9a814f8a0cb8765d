// salesops customer add | log | survey (✎): new customers, interactions and surveys.
#include <fmt/format.h>

#include "cli/cmd_customer.hpp"
#include "cli/write_change.hpp"
#include "core/customers/changes.hpp"

namespace salesops::cli {

namespace {

struct EditOptions {
  std::string id, name, owner, tier, segment, industry, region, source, since;
  std::vector<std::string> contacts;
  std::string type, by, summary, next, date, comment;
  std::optional<int> csat, nps;
};

void run_add(Context& ctx, const EditOptions& o) {
  ctx.lock_book();
  const core::Book& b = ctx.book();
  core::NewCustomer n{o.id, o.name, o.owner, o.tier, o.segment, o.industry, o.region, o.source, o.since, o.contacts};
  core::WriteChange change = core::customer_add_change(b, n, ctx.today(), ctx.book_root());
  write_change(ctx, change, fmt::format("created customer {} in {}", change.id, change.file));
}

void run_log(Context& ctx, const EditOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  core::WriteChange change = core::interaction_add_change(b, c, {o.type, o.by, o.summary, o.next, o.date}, ctx.today());
  if (change.refused) refuse(ctx, change);
  std::string date = core::format_date(o.date.empty() ? ctx.today() : *core::parse_date(o.date));
  write_change(ctx, change, fmt::format("logged a {} with {} on {} in {}", o.type, o.id, date, change.file));
}

void run_survey(Context& ctx, const EditOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  core::WriteChange change = core::survey_add_change(b, c, {o.csat, o.nps, o.comment, o.date}, ctx.today());
  if (change.refused) refuse(ctx, change);
  std::string date = core::format_date(o.date.empty() ? ctx.today() : *core::parse_date(o.date));
  write_change(ctx, change, fmt::format("recorded a survey of {} on {} in {}", o.id, date, change.file));
}

}  // namespace

void setup_customer_edits(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* add = app.add_subcommand("add", "Create a customer file (✎)");
  add->add_option("--id", o->id, "The id (default: the next C-NNNN)");
  add->add_option("--name", o->name, "The customer's name")->required();
  add->add_option("--owner", o->owner, "The person who owns the relationship")->required();
  add->add_option("--tier", o->tier, "A, B or C: the revisit cadence");
  add->add_option("--segment", o->segment, "The segment");
  add->add_option("--industry", o->industry, "The industry");
  add->add_option("--region", o->region, "The region");
  add->add_option("--source", o->source, "Where the customer came from");
  add->add_option("--since", o->since, "Customer since (default: today)");
  add->add_option("--contact", o->contacts, "A contact: name=...,title=...,phone=...,email=... (repeatable)");
  ctx.add_write_options(*add);
  add->callback([&ctx, o] {
    ctx.command = "customer add";
    run_add(ctx, *o);
  });

  CLI::App* log = app.add_subcommand("log", "Append an interaction to a customer (✎)");
  log->add_option("id", o->id, "The customer id")->required();
  log->add_option("--type", o->type, "visit, call, email, meeting, demo or care")->required();
  log->add_option("--by", o->by, "Who (default: the customer's owner)");
  log->add_option("--summary", o->summary, "What happened");
  log->add_option("--next", o->next, "A follow-up date");
  log->add_option("--date", o->date, "When (default: today)");
  ctx.add_write_options(*log);
  log->callback([&ctx, o] {
    ctx.command = "customer log";
    run_log(ctx, *o);
  });

  CLI::App* survey = app.add_subcommand("survey", "Append a satisfaction survey to a customer (✎)");
  survey->add_option("id", o->id, "The customer id")->required();
  survey->add_option("--csat", o->csat, "Satisfaction, 1-5");
  survey->add_option("--nps", o->nps, "Would recommend, 0-10");
  survey->add_option("--comment", o->comment, "The customer's words");
  survey->add_option("--date", o->date, "When (default: today)");
  ctx.add_write_options(*survey);
  survey->callback([&ctx, o] {
    ctx.command = "customer survey";
    run_survey(ctx, *o);
  });
}

}  // namespace salesops::cli
