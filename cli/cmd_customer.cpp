// salesops customer: list, show, due, segments, satisfaction (read); add, log, survey (✎,
// in cmd_customer_edit.cpp).
#include "cli/cmd_customer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"
#include "core/customers/customers.hpp"

namespace salesops::cli {

namespace {

struct ListOptions {
  core::CustomerFilter filter;
  std::string sort = "id";
  std::string team;
};

struct DueOptions {
  core::CustomerFilter filter;
  std::string team;
  int within = 0;
};

struct SegmentsOptions {
  std::string by;
};

struct SatisfactionOptions {
  std::string by, every;
  PeopleFilter people;
};

/// Fails (exit 2) when a filter names no known person or team.
void require_owner(Context& ctx, const core::Book& b, const std::string& owner, const char* option) {
  if (owner.empty() || owner == "company" || b.person(owner) || b.team(owner)) return;
  std::vector<std::string> names;
  for (const core::Person& p : b.people) names.push_back(b.str(p.id));
  for (const core::Team& t : b.teams) names.push_back(b.str(t.id));
  auto near = core::closest_match(owner, names);
  ctx.fail(kUsage, near ? fmt::format(N_("unknown {} '{}': did you mean '{}'?"), option, owner, *near)
                        : fmt::format(N_("unknown {} '{}'"), option, owner));
}

void run_list(Context& ctx, const ListOptions& o) {
  const core::Book& b = ctx.book();
  require_owner(ctx, b, o.filter.owner, "--owner");
  std::string error;
  auto t = core::customer_list_table(b, ctx.today(), o.filter, o.sort, &error);
  if (!t) ctx.fail(kUsage, error);
  t->mark_detail({"industry", "region", "since"});  // left out of a terminal's compact view
  keep_filtered_rows(ctx, b, *t, {"", o.team}, "owner");
  ctx.emit(*t);
}

void run_due(Context& ctx, const DueOptions& o) {
  const core::Book& b = ctx.book();
  require_owner(ctx, b, o.filter.owner, "--owner");
  if (!o.team.empty() && !b.team(o.team) && o.team != "company") require_owner(ctx, b, o.team, "--team");
  if (o.within < 0) ctx.fail(kUsage, N_("--within takes a number of days, 0 or more"));
  core::CustomerFilter f = o.filter;
  std::vector<core::Sym> owners = core::filter_owners(b, f);
  std::vector<core::Sym> team = o.team.empty() ? std::vector<core::Sym>{} : core::filter_owners(b, {o.team});
  std::vector<core::CustomerDue> due;
  for (const core::CustomerDue& d : core::customers_due(b, ctx.today(), o.within)) {
    if (!core::customer_matches(b, *d.customer, f, owners)) continue;
    if (!o.team.empty() && std::find(team.begin(), team.end(), d.customer->owner) == team.end()) continue;
    due.push_back(d);
  }
  ctx.emit(core::customer_due_table(b, due));
}

void run_segments(Context& ctx, const SegmentsOptions& o) {
  const core::Book& b = ctx.book();
  auto by = core::parse_segment_by(o.by.empty() ? "customer" : o.by);
  if (!by) ctx.fail(kUsage, fmt::format(N_("unknown --by '{}': use segment, tier, region or industry"), o.by));
  core::Period p = ctx.period("this-year");
  ctx.emit_report(core::customer_segments_table(b, p, *by), N_("Customer segments for {}"), p);
}

void run_satisfaction(Context& ctx, const SatisfactionOptions& o) {
  const core::Book& b = ctx.book();
  auto by = core::parse_satisfaction_by(o.by.empty() ? "owner" : o.by);
  if (!by) ctx.fail(kUsage, fmt::format(N_("unknown --by '{}': use owner, team or segment"), o.by));
  std::optional<core::Every> every;
  if (!o.every.empty()) {
    every = core::parse_every(o.every);
    if (!every) ctx.fail(kUsage, fmt::format(N_("unknown --every '{}': use week, month, quarter or year"), o.every));
  }
  core::Period p = ctx.period("this-year");
  core::Table table = core::customer_satisfaction_table(b, p, every, *by);
  if (*by == core::SatisfactionBy::segment && (!o.people.owner.empty() || !o.people.team.empty()))
    ctx.fail(kUsage, N_("--owner and --team choose rows of --by owner or team"));
  keep_filtered_rows(ctx, b, table, o.people, "owner");
  ctx.emit_report(table, N_("Satisfaction for {}"), p);
}

Run setup_customer_list(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ListOptions>();
  app.add_option("--owner", o->filter.owner, N_("A person, or a team (its members' customers)"));
  app.add_option("--team", o->team, N_("A team: its members' customers (and those of the teams under it)"));
  app.add_option("--tier", o->filter.tier, N_("A, B or C"));
  app.add_option("--segment", o->filter.segment, N_("One segment"));
  app.add_option("--region", o->filter.region, N_("One region"));
  app.add_option("--sort", o->sort, N_("id, name, owner, tier, last_contact or due"))->capture_default_str();
  return [&ctx, o] { run_list(ctx, *o); };
}

Run setup_customer_show(CLI::App& app, Context& ctx) {
  auto id = std::make_shared<std::string>();
  app.add_option("id", *id, N_("The customer id"))->required();
  return [&ctx, id] { show_customer(ctx, *id); };
}

Run setup_customer_due(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DueOptions>();
  app.add_option("--owner", o->filter.owner, N_("A person, or a team (its members' customers)"));
  app.add_option("--team", o->team, N_("A team: its members' customers"));
  app.add_option("--within", o->within, N_("Also what comes due in the next N days"));
  return [&ctx, o] { run_due(ctx, *o); };
}

Run setup_customer_segments(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SegmentsOptions>();
  app.add_option("--by", o->by, N_("segment, tier, region or industry (default: each customer, classed A, B, C)"));
  return [&ctx, o] { run_segments(ctx, *o); };
}

Run setup_customer_satisfaction(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SatisfactionOptions>();
  app.add_option("--by", o->by, N_("owner (default), team or segment"));
  app.add_option("--every", o->every, N_("Split the period: week, month, quarter or year"));
  add_people_filter(app, o->people);
  return [&ctx, o] { run_satisfaction(ctx, *o); };
}

constexpr Command kCustomerCommands[] = {
    {"list", N_("Customers, with their last contact and next due date"), kReadsAtRevision, setup_customer_list},
    {"show", N_("A customer's card: contacts, deals, interactions, surveys, what is due"), kReadsAtRevision, setup_customer_show},
    {"due", N_("Customers whose revisit or follow-up is due, most overdue first"), kReadsAtRevision, setup_customer_due},
    {"segments", N_("ABC analysis by revenue, or summaries by segment, tier, region, industry"), kReadsAtRevision,
     setup_customer_segments},
    {"satisfaction", N_("CSAT and NPS by owner, team or segment"), kReadsAtRevision, setup_customer_satisfaction},
    {"add", N_("Create a customer file (✎)"), kWritesBook, setup_customer_add},
    {"edit", N_("Change a customer's name, owner, tier, segment, ... in place (✎)"), kWritesBook, setup_customer_edit},
    {"merge", N_("Merge a duplicate customer into another and remove its file (✎)"), kWritesBook, setup_customer_merge},
    {"log", N_("Append an interaction to a customer (✎)"), kWritesBook, setup_customer_log},
    {"survey", N_("Append a satisfaction survey to a customer (✎)"), kWritesBook, setup_customer_survey},
};

}  // namespace

const core::Customer& find_customer(Context& ctx, const core::Book& b, const std::string& id) {
  if (const core::Customer* c = b.customer(id)) return *c;
  std::vector<std::string> ids;
  for (const core::Customer& c : b.customers) ids.push_back(b.str(c.id));
  auto near = core::closest_match(id, ids);
  ctx.fail(kUsage, near ? fmt::format(N_("unknown customer '{}': did you mean '{}'?"), id, *near)
                        : fmt::format(N_("unknown customer '{}'"), id));
}

std::span<const Command> customer_commands() { return kCustomerCommands; }

}  // namespace salesops::cli
