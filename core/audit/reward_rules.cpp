// The audit rules of reward plans beyond their tiers (policy.cpp): amounts not
// negative, one plan per person, metric and period, and a target behind every payout.
#include "core/audit/reward_rules.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "core/base/i18n.hpp"
#include "core/rewards/rewards.hpp"
#include "core/targets/targets.hpp"

namespace salesops::core {

namespace {

/// The plan period under way today (a month, a quarter or a year, after the plan's period).
Period current_plan_period(const Book& b, const RewardPlan& plan, Date today) {
  std::string_view unit = b.text(plan.period);
  return unit == "month" ? month_period(today)
         : unit == "year" ? year_period(static_cast<int>(ymd(today).year()))
                          : quarter_period(today);
}

/// Whether the plan pays for the plan period under way: a retired plan, or one that starts
/// later, is kept in the book for history and audited no more.
bool pays_now(const Book& b, const RewardPlan& plan, Date today) {
  return plan.in_force_on(current_plan_period(b, plan, today).first);
}

}  // namespace

void reward_plan_amounts(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  for (const RewardPlan& p : b.reward_plans) {
    std::vector<std::string> problems;
    if (p.cap && p.cap->cents < 0) problems.push_back(fmt::format(N_("the cap {} is negative"), format_money(*p.cap)));
    for (const Spiff& s : p.spiffs) {
      if (s.per_deal && s.per_deal->cents < 0)
        problems.push_back(
            fmt::format(N_("the {} spiff pays {} per deal"), b.text(s.product), format_money(*s.per_deal)));
      if (s.rate && *s.rate < 0)
        problems.push_back(fmt::format(N_("the {} spiff has a negative rate {}"), b.text(s.product), *s.rate));
      if (!s.per_deal && !s.rate)
        problems.push_back(fmt::format(N_("the {} spiff has neither per_deal nor rate"), b.text(s.product)));
    }
    if (p.team_bonus_amount && p.team_bonus_amount->cents < 0)
      problems.push_back(fmt::format(N_("the team bonus {} is negative"), format_money(*p.team_bonus_amount)));
    for (auto& problem : problems)
      report(rule, b, p.at, fmt::format(N_("reward plan '{}': {}"), b.text(p.id), problem), out,
             N_("a plan pays amounts of 0 or more; cap: 0 pays nothing"), p.applies_team);
  }
}

/// A person active today under two plans that pay on the same metric for the same kind of
/// period would be paid twice for one result.
void reward_plan_overlap(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const Person& person : b.people) {
    if (!person.active_on(today)) continue;
    for (std::size_t i = 0; i < b.reward_plans.size(); ++i) {
      const RewardPlan& p = b.reward_plans[i];
      if (!pays_now(b, p, today) || !plan_applies(b, p, person)) continue;
      for (std::size_t j = i + 1; j < b.reward_plans.size(); ++j) {
        const RewardPlan& q = b.reward_plans[j];
        if (b.text(q.metric) != b.text(p.metric) || b.text(q.period) != b.text(p.period) || !pays_now(b, q, today) ||
            !plan_applies(b, q, person))
          continue;
        report(
            rule, b, q.at,
            fmt::format(N_("{} ({}) is under two reward plans paying on {} per {}: '{}' and '{}'"), b.text(person.id),
                        role_name(person.role), b.text(p.metric), b.text(p.period), b.text(p.id), b.text(q.id)),
            out, N_("narrow one plan's applies_to (role, team, people) so that each person is paid once"), person.id);
      }
    }
  }
}

/// Every person a plan pays, active today, has a target for its metric and the plan
/// period under way: without one the plan pays no tier lines.
void reward_no_target(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  std::unordered_set<std::string> targets;
  auto key = [](std::string_view owner, std::string_view metric, const Period& p) {
    return fmt::format("{}\x1f{}\x1f{}\x1f{}", owner, metric, format_date(p.first), format_date(p.last));
  };
  for (const Target& t : b.targets)
    if (auto p = target_period(b, t, today)) targets.insert(key(b.text(t.owner), b.text(t.metric), *p));
  for (const RewardPlan& plan : b.reward_plans) {
    Period current = current_plan_period(b, plan, today);
    if (plan.tiers.empty() || !plan.in_force_on(current.first)) continue;
    for (const Person& person : b.people) {
      if (!person.active_on(today) || !plan_applies(b, plan, person)) continue;
      if (targets.count(key(b.text(person.id), b.text(plan.metric), current))) continue;
      report(rule, b, person.at,
             fmt::format(N_("{} has no {} target for {}: reward plan '{}' pays no tier lines"), b.text(person.id),
                         b.text(plan.metric), current.label, b.text(plan.id)),
             out,
             fmt::format(N_("`salesops target set {} {} {} VALUE` sets one"), b.text(person.id), b.text(plan.metric),
                         current.label),
             person.id);
    }
  }
}

}  // namespace salesops::core
