// salesops reward: plans, calc, statement, grant (✎), leaderboard, simulate.
#include <fmt/format.h>

#include "cli/cmd_reward.hpp"
#include "cli/commands.hpp"
#include "cli/reward_plans_json.hpp"
#include "cli/sections.hpp"
#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"
#include "core/rewards/rewards.hpp"

namespace salesops::cli {

const char* const kRewardPeriodDefault = "this-quarter";

const core::RewardPlan* require_reward_plan(Context& ctx, const core::Book& book, const std::string& id) {
  for (const core::RewardPlan& p : book.reward_plans)
    if (book.text(p.id) == id) return &p;
  std::vector<std::string> ids;
  for (auto& p : book.reward_plans) ids.push_back(book.str(p.id));
  auto close = core::closest_match(id, ids);
  ctx.fail(kUsage, close ? fmt::format(N_("--plan: no reward plan '{}' in rewards/plans.yaml (did you mean '{}'?)"), id, *close)
                         : fmt::format(N_("--plan: no reward plan '{}' in rewards/plans.yaml"), id));
}

namespace {

struct CalcOptions {
  PeopleFilter people;
  std::string plan;
  bool summary = false;
};

void run_plans(Context& ctx) {
  const core::Book& book = ctx.book();
  if (Format f = ctx.format(); f == Format::json || f == Format::jsonl) {
    ctx.output([&](std::ostream& out, bool) {
      render_reward_plans_json(out, book, ctx.today(), f == Format::jsonl, ctx.meta());
    });
    return;
  }
  core::Table flat = core::reward_plans_table(book, ctx.today());
  std::vector<Section> sections;
  for (const core::RewardPlan& p : book.reward_plans) {
    std::string people = core::plan_people_words(book, p, ctx.today());
    sections.push_back({fmt::format(N_("{}: {}; people: {}"), book.text(p.id), core::plan_words(book, p),
                                    people.empty() ? std::string(N_("none")) : people),
                        core::reward_tiers_table(p)});
  }
  std::size_t n = book.reward_plans.size();
  std::string title = n == 1 ? fmt::format(N_("{} reward plan (rewards/plans.yaml)"), n)
                             : fmt::format(N_("{} reward plans (rewards/plans.yaml)"), n);
  emit_sections(ctx, {title}, sections, &flat, {});
}

void run_calc(Context& ctx, const CalcOptions& o) {
  const core::Book& book = ctx.book();
  core::PayoutQuery q;
  q.today = ctx.today();
  q.period = ctx.period(kRewardPeriodDefault);
  if (const core::Person* p = book.person(o.people.owner); p && o.people.team.empty()) q.person = book.str(p->id);
  if (!o.plan.empty()) q.plan = book.str(require_reward_plan(ctx, book, o.plan)->id);
  core::KpiCalculator kpis(book, q.today);
  auto payouts = core::compute_payouts(book, q, kpis);
  core::Table table = core::payout_table(book, payouts, o.summary);
  keep_filtered_rows(ctx, book, table, o.people, "person");
  ctx.emit_report(table, N_("Payouts for {}"), q.period);
}

Run setup_reward_plans(CLI::App&, Context& ctx) {
  return [&ctx] { run_plans(ctx); };
}

Run setup_reward_calc(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CalcOptions>();
  add_people_filter(app, o->people, "--person,--owner");
  app.add_option("--plan", o->plan, N_("Only this reward plan"));
  app.add_flag("--summary", o->summary, N_("One row per person and plan: person,plan,amount"));
  return [&ctx, o] { run_calc(ctx, *o); };
}

constexpr Command kRewardCommands[] = {
    {"plans", N_("Each reward plan, who it applies to, and its tiers"), kReadsAtRevision, setup_reward_plans},
    {"calc", N_("Every payout line with its basis, rate and amount"), kReadsAtRevision, setup_reward_calc},
    {"statement", N_("A person's statement: every line with its reason, grants, total"), kReadsAtRevision,
     setup_reward_statement},
    {"simulate", N_("The statement as it would be with other figures; nothing is written"), kReadsAtRevision,
     setup_reward_simulate},
    {"leaderboard", N_("Ranks on one KPI, ties sharing a rank, the top three marked"), kReadsAtRevision,
     setup_reward_leaderboard},
    {"grant", N_("Grant a title, trip, gift, bonus or recognition (appends to rewards/<YYYY>.yaml)"), kWritesBook,
     setup_reward_grant},
};

}  // namespace

std::span<const Command> reward_commands() { return kRewardCommands; }

}  // namespace salesops::cli
