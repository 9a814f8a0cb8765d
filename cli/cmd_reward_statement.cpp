// salesops reward statement PERSON, reward simulate PERSON --what-if, reward leaderboard.
#include <fmt/format.h>

#include <cmath>

#include "cli/cmd_reward.hpp"
#include "cli/sections.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/rewards/statement.hpp"

namespace salesops::cli {

namespace {

struct StatementOptions {
  std::string person;
  std::vector<std::string> what_if;
};

struct LeaderboardOptions {
  std::string metric = "revenue";
  std::string by = "person";
  PeopleFilter people;
};

core::Table component_table() {
  core::Table t;
  t.add_column(N_("component"));
  t.add_column(N_("reason"));
  t.add_column(N_("amount"), core::ColumnType::money);
  return t;
}

/// The statement as a rep reads it: a section per plan and period, the grants, the total.
std::vector<Section> statement_sections(const core::Book& book, const core::Statement& s,
                                        const core::Statement* before) {
  std::vector<Section> out;
  for (const core::PlanPayout& p : s.payouts) {
    Section sec{fmt::format("{}, {}", book.text(p.plan->id), p.period.label), component_table()};
    for (core::StatementEntry& e : core::statement_entries(book, p))
      sec.table.add_row() = {std::move(e.component), std::move(e.reason), std::move(e.amount)};
    out.push_back(std::move(sec));
  }
  Section grants{N_("Grants"), {}};
  grants.table.add_column(N_("grant"));
  grants.table.add_column(N_("date"), core::ColumnType::date);
  grants.table.add_column(N_("kind"));
  grants.table.add_column(N_("title"));
  grants.table.add_column(N_("amount"), core::ColumnType::money);
  for (const core::StatementGrant& sg : s.grants) {
    core::StatementGrantEntry e = core::statement_grant_entry(book, sg);
    grants.table.add_row() = {e.grant, e.date, e.kind, e.reason, e.amount};
  }
  out.push_back(std::move(grants));
  Section total{N_("Total"), component_table()};
  total.table.add_row() = {std::string(N_("plans")), std::string(N_("the subtotals above")), s.plans_total};
  total.table.add_row() = {std::string(N_("bonus grants")), std::string(N_("the person's own bonus grants")), s.bonus_total};
  total.table.add_row() = {std::string(N_("total")), std::string(N_("plans + bonus grants")), s.total};
  if (before) {
    total.table.add_row() = {std::string(N_("now")), std::string(N_("the statement without the what-if")), before->total};
    total.table.add_row() = {std::string(N_("difference")), std::string(N_("total − now")), s.total - before->total};
  }
  out.push_back(std::move(total));
  return out;
}

std::vector<core::WhatIf> parse_what_if(Context& ctx, const core::Book& book, const std::vector<std::string>& items) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string error;
  if (!core::parse_key_values(items, &pairs, &error)) ctx.fail(kUsage, "--what-if: " + error);
  std::vector<core::WhatIf> out;
  for (auto& [kpi, text] : pairs) {
    if (!core::is_known_kpi(book.config, kpi))
      ctx.fail(kUsage, fmt::format(N_("--what-if: unknown KPI '{}' (see `salesops kpi list`)"), kpi));
    core::WhatIf w{kpi, !text.empty() && (text[0] == '+' || text[0] == '-'), 0};
    std::string number = !text.empty() && text[0] == '+' ? text.substr(1) : text;
    char* end = nullptr;
    w.value = std::strtold(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(w.value) ||
        number.find_first_not_of("-0123456789.") != std::string::npos)
      ctx.fail(kUsage, fmt::format(N_("--what-if: '{}={}' is not a number: write {}=+100000, {}=-5000 or {}=0.35"), kpi,
                                   text, kpi, kpi, kpi));
    // The bound of every amount (salesops-book(5)), for a change as for a record.
    if (std::fabs(w.value) >= 1e9L)
      ctx.fail(kUsage, fmt::format(N_("--what-if: '{}={}' is beyond the largest amount, 999999999.99"), kpi, text));
    // A value set is checked against the KPI's range, a change against its width.
    if (auto range = core::kpi_range(*core::find_kpi(book.config, kpi))) {
      core::KpiRange bound = w.add ? core::KpiRange{range->min - range->max, range->max - range->min, N_("a change within the KPI's range")} : *range;
      if (auto why = core::out_of_range(bound, static_cast<double>(w.value), fmt::format("--what-if: {}", kpi)))
        ctx.fail(kUsage, *why);
    }
    out.push_back(w);
  }
  if (out.empty()) ctx.fail(kUsage, N_("--what-if: give at least one KPI=+CHANGE or KPI=VALUE"));
  return out;
}

void run_statement(Context& ctx, const StatementOptions& o, bool simulate) {
  const core::Book& book = ctx.book();
  const core::Person& person = require_person(ctx, book, o.person, "PERSON");
  core::PayoutQuery q;
  q.today = ctx.today();
  q.period = ctx.period(kRewardPeriodDefault);
  core::KpiCalculator kpis(book, q.today);
  std::optional<core::Statement> before;
  std::vector<std::string> title{fmt::format(N_("Reward statement of {} ({}), team {}, {}"), book.text(person.name),
                                             book.text(person.id), book.text(person.team), q.period.label)};
  if (simulate) {
    before = core::reward_statement(book, person, q, kpis);
    q.what_if = parse_what_if(ctx, book, o.what_if);
    core::Date day = q.period.contains(q.today) ? q.today : q.period.last;
    std::string changes;
    for (auto& item : o.what_if) changes += (changes.empty() ? "" : ", ") + item;
    title.push_back(fmt::format(N_("Simulated, nothing written: {} on {}"), changes, core::format_date(day)));
  }
  core::Statement s = core::reward_statement(book, person, q, kpis);
  core::Table flat = core::statement_table(book, s);
  emit_sections(ctx, title, statement_sections(book, s, before ? &*before : nullptr), &flat, q.period.label);
}

void run_leaderboard(Context& ctx, const LeaderboardOptions& o) {
  const core::Book& book = ctx.book();
  if (!core::is_known_kpi(book.config, o.metric))
    ctx.fail(kUsage, fmt::format(N_("--metric: unknown KPI '{}' (see `salesops kpi list`)"), o.metric));
  if (o.by != "person" && o.by != "team") ctx.fail(kUsage, fmt::format(N_("--by: '{}' is not person or team"), o.by));
  core::Date today = ctx.today();
  core::Period period = ctx.period(kRewardPeriodDefault);
  core::KpiCalculator kpis(book, today);
  core::Table table = core::leaderboard_table(book, kpis, o.metric, period, o.by == "team");
  keep_filtered_rows(ctx, book, table, o.people, o.by);
  ctx.emit_report(table, N_("Leaderboard for {}"), period);
}

}  // namespace

Run setup_reward_statement(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<StatementOptions>();
  app.add_option("person", o->person, N_("The person"))->required();
  return [&ctx, o] { run_statement(ctx, *o, false); };
}

Run setup_reward_simulate(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<StatementOptions>();
  app.add_option("person", o->person, N_("The person"))->required();
  app.add_option("--what-if", o->what_if, N_("KPI=+CHANGE (or -CHANGE) or KPI=VALUE, comma separated: revenue=+100000"))
      ->delimiter(',')
      ->required();
  return [&ctx, o] { run_statement(ctx, *o, true); };
}

Run setup_reward_leaderboard(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LeaderboardOptions>();
  app.add_option("--metric", o->metric, N_("The KPI to rank on"))->capture_default_str();
  app.add_option("--by", o->by, N_("person or team"))->capture_default_str();
  add_people_filter(app, o->people);
  return [&ctx, o] { run_leaderboard(ctx, *o); };
}

}  // namespace salesops::cli
