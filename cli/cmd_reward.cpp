// salesops reward: plans, calc, statement, grant (✎), leaderboard, simulate.
#include <fmt/format.h>

#include "cli/cmd_reward.hpp"
#include "cli/commands.hpp"
#include "cli/sections.hpp"
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
  ctx.fail(kUsage, fmt::format("--plan: no reward plan '{}' in rewards/plans.yaml{}", id,
                               close ? fmt::format(" (did you mean '{}'?)", *close) : ""));
}

namespace {

struct CalcOptions {
  std::string person, plan;
  bool summary = false;
};

void run_plans(Context& ctx) {
  const core::Book& book = ctx.book();
  core::Table flat = core::reward_plans_table(book, ctx.today());
  std::vector<Section> sections;
  for (const core::RewardPlan& p : book.reward_plans) {
    Section s{fmt::format("{}: {}", book.text(p.id), core::plan_words(book, p)), core::reward_tiers_table(p)};
    std::string people = core::plan_people_words(book, p, ctx.today());
    s.title += "; people: " + (people.empty() ? std::string("none") : people);
    sections.push_back(std::move(s));
  }
  std::size_t n = book.reward_plans.size();
  emit_sections(ctx, {fmt::format("{} reward plan{} (rewards/plans.yaml)", n, n == 1 ? "" : "s")}, sections, &flat, {});
}

void run_calc(Context& ctx, const CalcOptions& o) {
  const core::Book& book = ctx.book();
  core::PayoutQuery q;
  q.today = ctx.today();
  q.period = ctx.period(kRewardPeriodDefault);
  if (!o.person.empty()) q.person = book.str(require_person(ctx, book, o.person, "--person").id);
  if (!o.plan.empty()) q.plan = book.str(require_reward_plan(ctx, book, o.plan)->id);
  core::KpiCalculator kpis(book, q.today);
  auto payouts = core::compute_payouts(book, q, kpis);
  ctx.emit(core::payout_table(book, payouts, o.summary), q.period.label);
}

}  // namespace

void setup_reward(CLI::App& app, Context& ctx) {
  app.require_subcommand(1);
  CLI::App* plans = app.add_subcommand("plans", "Each reward plan, who it applies to, and its tiers");
  plans->callback([&ctx] {
    ctx.command = "reward plans";
    run_plans(ctx);
  });

  auto calc_o = std::make_shared<CalcOptions>();
  CLI::App* calc = app.add_subcommand("calc", "Every payout line with its basis, rate and amount");
  calc->add_option("--person", calc_o->person, "Only this person");
  calc->add_option("--plan", calc_o->plan, "Only this reward plan");
  calc->add_flag("--summary", calc_o->summary, "One row per person and plan: person,plan,amount");
  calc->callback([&ctx, calc_o] {
    ctx.command = "reward calc";
    run_calc(ctx, *calc_o);
  });
  setup_reward_statement(app, ctx);
  setup_reward_grant(app, ctx);
}

}  // namespace salesops::cli
