// salesops customer add | edit | merge | log | survey (✎): new customers, their fields,
// duplicates merged, interactions and surveys.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <filesystem>

#include "cli/cmd_customer.hpp"
#include "cli/write_change.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"
#include "core/customers/changes.hpp"

namespace salesops::cli {

namespace {

struct AddOptions {
  std::string id, name, owner, tier, segment, industry, region, source, since;
  std::vector<std::string> contacts;
  bool force = false;
};

// `customer edit`: each option a field of the record schema, in the schema's order.
struct EditOptions {
  std::string id;
  std::optional<std::string> name, owner, tier, segment, industry, region, source, since;
  std::vector<std::string> sets;  // --set FIELD=VALUE, after the options above
  bool force = false;
};

struct MergeOptions {
  std::string duplicate, into;
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
  core::WriteChange change = core::customer_add_change(b, n, ctx.today(), ctx.book_root(), o.force);
  write_change(ctx, change, fmt::format(N_("created customer {} in {}"), change.id, change.file));
}

void run_edit(Context& ctx, const EditOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  std::vector<core::FieldValue> fields;
  for (auto [key, value] : {std::pair{"name", &o.name},
                            {"owner", &o.owner},
                            {"tier", &o.tier},
                            {"segment", &o.segment},
                            {"industry", &o.industry},
                            {"region", &o.region},
                            {"source", &o.source},
                            {"since", &o.since}})
    if (*value) fields.push_back({key, **value});
  for (auto& f : set_options(ctx, o.sets)) fields.push_back(std::move(f));
  core::WriteChange change = core::customer_edit_change(b, c, fields, ctx.today(), o.force);
  std::string done = change.records.empty()
                         ? fmt::format(N_("{} already has these values: nothing was written"), o.id)
                         : fmt::format(N_("edited {}: {} ({})"), change.id, fmt::join(change.records[0].fields, ", "),
                                       change.file);
  write_change(ctx, change, done);
}

void run_merge(Context& ctx, const MergeOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& dup = find_customer(ctx, b, o.duplicate);
  const core::Customer& into = find_customer(ctx, b, o.into);
  core::WriteChange change = core::customer_merge_change(b, dup, into);
  std::size_t deals = std::count_if(change.records.begin(), change.records.end(),
                                    [](const core::EditedRecord& r) { return r.kind == "deal"; });
  std::string removed = change.records.empty() ? "" : change.records.back().file;
  write_change(ctx, change,
               deals == 1 ? fmt::format(N_("merged {} into {} ({} deal moved); removed {}"), o.duplicate, o.into, deals, removed)
                          : fmt::format(N_("merged {} into {} ({} deals moved); removed {}"), o.duplicate, o.into, deals, removed));
}

void run_log(Context& ctx, const LogOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  core::WriteChange change = core::interaction_add_change(b, c, {o.type, o.by, o.summary, o.next, o.date}, ctx.today());
  if (change.refused) refuse(ctx, change);
  std::string date = core::format_date(o.date.empty() ? ctx.today() : *core::parse_date(o.date));
  write_change(ctx, change, fmt::format(N_("logged a {} with {} on {} in {}"), o.type, o.id, date, change.file));
}

void run_survey(Context& ctx, const SurveyOptions& o) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, o.id);
  core::WriteChange change = core::survey_add_change(b, c, {o.csat, o.nps, o.comment, o.date}, ctx.today());
  if (change.refused) refuse(ctx, change);
  std::string date = core::format_date(o.date.empty() ? ctx.today() : *core::parse_date(o.date));
  write_change(ctx, change, fmt::format(N_("recorded a survey of {} on {} in {}"), o.id, date, change.file));
}

}  // namespace

Run setup_customer_add(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  app.add_option("--id", o->id, N_("The id (default: the next C-NNNN)"));
  app.add_option("--name", o->name, N_("The customer's name"))->required();
  app.add_option("--owner", o->owner, N_("The person who owns the relationship"))->required();
  app.add_option("--tier", o->tier, N_("A, B or C: the revisit cadence"));
  app.add_option("--segment", o->segment, N_("The segment"));
  app.add_option("--industry", o->industry, N_("The industry"));
  app.add_option("--region", o->region, N_("The region"));
  app.add_option("--source", o->source, N_("Where the customer came from"));
  app.add_option("--since", o->since, N_("Customer since (default: today)"));
  app.add_option("--contact", o->contacts, N_("A contact: name=...,title=...,phone=...,email=... (repeatable)"));
  app.add_flag("--force", o->force, N_("Add it even when another customer has the same name (salesops-customer(1))"));
  return [&ctx, o] { run_add(ctx, *o); };
}

Run setup_customer_edit(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EditOptions>();
  app.add_option("id", o->id, N_("The customer id"))->required();
  app.add_option("--name", o->name, N_("The customer's name"));
  app.add_option("--owner", o->owner, N_("The person who owns the relationship"));
  app.add_option("--tier", o->tier, N_("A, B or C (empty: none)"));
  app.add_option("--segment", o->segment, N_("The segment (empty: none)"));
  app.add_option("--industry", o->industry, N_("The industry (empty: none)"));
  app.add_option("--region", o->region, N_("The region (empty: none)"));
  app.add_option("--source", o->source, N_("Where the customer came from (empty: none)"));
  app.add_option("--since", o->since, N_("Customer since, YYYY-MM-DD (empty: none)"));
  app.add_option("--set", o->sets, N_("FIELD=VALUE: a custom field (salesops.toml [fields.customer]; empty VALUE: none); repeatable"));
  app.add_flag("--force", o->force, N_("Rename it even when another customer has the same name"));
  return [&ctx, o] { run_edit(ctx, *o); };
}

Run setup_customer_merge(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MergeOptions>();
  app.add_option("duplicate", o->duplicate, N_("The duplicate customer's id: its file is removed"))->required();
  app.add_option("into", o->into, N_("The id of the customer it duplicates, which keeps everything"))->required();
  return [&ctx, o] { run_merge(ctx, *o); };
}

Run setup_customer_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LogOptions>();
  app.add_option("id", o->id, N_("The customer id"))->required();
  app.add_option("--type", o->type, N_("visit, call, email, meeting, demo or care"))->required();
  app.add_option("--by", o->by, N_("Who (default: the customer's owner)"));
  app.add_option("--summary", o->summary, N_("What happened"));
  app.add_option("--next", o->next, N_("A follow-up date"));
  app.add_option("--date", o->date, N_("When (default: today)"));
  return [&ctx, o] { run_log(ctx, *o); };
}

Run setup_customer_survey(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SurveyOptions>();
  app.add_option("id", o->id, N_("The customer id"))->required();
  app.add_option("--csat", o->csat, N_("Satisfaction, 1-5"));
  app.add_option("--nps", o->nps, N_("Would recommend, 0-10"));
  app.add_option("--comment", o->comment, N_("The customer's words"));
  app.add_option("--date", o->date, N_("When (default: today)"));
  return [&ctx, o] { run_survey(ctx, *o); };
}

}  // namespace salesops::cli
