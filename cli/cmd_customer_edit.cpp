// salesops customer add | log | survey (✎): new customers, interactions and surveys.
#include <fmt/format.h>

#include <filesystem>

#include "cli/cmd_customer.hpp"
#include "cli/write_change.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"
#include "core/customers/changes.hpp"

namespace salesops::cli {

namespace {

struct AddOptions {
  std::string id, name, owner, tier, segment, industry, region, source, since;
  std::vector<std::string> contacts;
};

struct LogOptions {
  std::string id, type, by, summary, next, date;
};

struct SurveyOptions {
  std::string id, comment, date;
  std::optional<int> csat, nps;
};

void run_add(Context& ctx, const AddOptions& o) {
  const core::Book& b = ctx.book();
  core::NewCustomer n{o.id, o.name, o.owner, o.tier, o.segment, o.industry, o.region, o.source, o.since, o.contacts};
  core::WriteChange change = core::customer_add_change(b, n, ctx.today(), ctx.book_root());
  write_change(ctx, change, fmt::format("created customer {} in {}", change.id, change.file));
}

void run_log(Context& ctx, const LogOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  core::WriteChange change = core::interaction_add_change(b, c, {o.type, o.by, o.summary, o.next, o.date}, ctx.today());
  if (change.refused) refuse(ctx, change);
  std::string date = core::format_date(o.date.empty() ? ctx.today() : *core::parse_date(o.date));
  write_change(ctx, change, fmt::format("logged a {} with {} on {} in {}", o.type, o.id, date, change.file));
}

void run_survey(Context& ctx, const SurveyOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  core::WriteChange change = core::survey_add_change(b, c, {o.csat, o.nps, o.comment, o.date}, ctx.today());
  if (change.refused) refuse(ctx, change);
  std::string date = core::format_date(o.date.empty() ? ctx.today() : *core::parse_date(o.date));
  write_change(ctx, change, fmt::format("recorded a survey of {} on {} in {}", o.id, date, change.file));
}

}  // namespace

Run setup_customer_add(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  app.add_option("--id", o->id, "The id (default: the next C-NNNN)");
  app.add_option("--name", o->name, "The customer's name")->required();
  app.add_option("--owner", o->owner, "The person who owns the relationship")->required();
  app.add_option("--tier", o->tier, "A, B or C: the revisit cadence");
  app.add_option("--segment", o->segment, "The segment");
  app.add_option("--industry", o->industry, "The industry");
  app.add_option("--region", o->region, "The region");
  app.add_option("--source", o->source, "Where the customer came from");
  app.add_option("--since", o->since, "Customer since (default: today)");
  app.add_option("--contact", o->contacts, "A contact: name=...,title=...,phone=...,email=... (repeatable)");
  return [&ctx, o] { run_add(ctx, *o); };
}

Run setup_customer_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LogOptions>();
  app.add_option("id", o->id, "The customer id")->required();
  app.add_option("--type", o->type, "visit, call, email, meeting, demo or care")->required();
  app.add_option("--by", o->by, "Who (default: the customer's owner)");
  app.add_option("--summary", o->summary, "What happened");
  app.add_option("--next", o->next, "A follow-up date");
  app.add_option("--date", o->date, "When (default: today)");
  return [&ctx, o] { run_log(ctx, *o); };
}

Run setup_customer_survey(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SurveyOptions>();
  app.add_option("id", o->id, "The customer id")->required();
  app.add_option("--csat", o->csat, "Satisfaction, 1-5");
  app.add_option("--nps", o->nps, "Would recommend, 0-10");
  app.add_option("--comment", o->comment, "The customer's words");
  app.add_option("--date", o->date, "When (default: today)");
  return [&ctx, o] { run_survey(ctx, *o); };
}

}  // namespace salesops::cli
