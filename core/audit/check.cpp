#include "core/audit/check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/audit/policy.hpp"
#include "core/audit/reward_rules.hpp"
#include "core/audit/rules.hpp"
#include "core/base/i18n.hpp"
#include "core/base/period.hpp"
#include "core/coaching/coaching.hpp"
#include "core/customers/customers.hpp"
#include "core/customers/names.hpp"
#include "core/targets/check.hpp"

namespace salesops::core {

namespace {

/// A deal's current stage should be the last stage its history records.
void deal_history_stage(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  for (const Deal& d : b.deals) {
    auto h = b.history_of(d);
    if (h.empty() || h.back().stage() == d.stage) continue;
    report(rule, b, d.at,
           fmt::format(N_("deal '{}' is {} but its history ends in {}"), b.text(d.id), b.config.stages[d.stage].name,
                       b.config.stages[h.back().stage()].name),
           out, N_("`salesops deal move` keeps the stage and the history together"), d.owner);
  }
}

/// Every active rep has a target for each required metric in the current month.
void required_targets(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  Period month = month_period(today);
  for (const Person& p : b.people) {
    if (p.role != Role::rep || !p.active_on(today)) continue;
    for (const std::string& metric : b.config.required_targets) {
      bool found = std::any_of(b.targets.begin(), b.targets.end(), [&](const Target& t) {
        return t.owner == p.id && b.text(t.metric) == metric && b.text(t.period_text) == month.label;
      });
      if (!found)
        report(rule, b, p.at, fmt::format(N_("{} has no {} target for {}"), b.text(p.id), metric, month.label), out,
               fmt::format(N_("policy.required_targets asks every active rep for one: add it to targets/{}.yaml"),
                           static_cast<int>(ymd(month.last).year())),
               p.id);
    }
  }
}

/// Active reps have had a one-on-one within policy.one_on_one_days (the cadence `coach due` lists).
void one_on_one_due(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const OneOnOneCadence& c : one_on_one_cadence(b, today)) {
    if (!c.overdue(today)) continue;
    const Person& p = *c.person;
    report(rule, b, p.at,
           c.last ? fmt::format(N_("{} has had no one-on-one for {} days (last {}; policy: every {})"), b.text(p.id),
                                days_between(c.since, today), format_date(*c.last), b.config.one_on_one_days)
                  : fmt::format(N_("{} has had no one-on-one yet"), b.text(p.id)),
           out, {}, p.id);
  }
}

/// Customers past their revisit cadence, or with a follow-up date gone by (customer_due).
void customer_attention(const Book& b, Date today, const CheckRule& rule, Diagnostics& out,
                        CustomerDue::Reason reason) {
  for (const CustomerDue& due : customers_due(b, today)) {
    if (due.reason != reason || due.days_overdue <= 0) continue;
    const Customer& c = *due.customer;
    std::string last = due.last_contact ? fmt::format(N_("last contact {}"), format_date(*due.last_contact))
                                        : N_("no interaction yet");
    std::string days = due.days_overdue == 1 ? fmt::format(N_("{} day"), due.days_overdue)
                                             : fmt::format(N_("{} days"), due.days_overdue);
    if (reason == CustomerDue::Reason::revisit)
      report(rule, b, c.at,
             fmt::format(N_("customer '{}' is {} past its revisit ({}; policy: tier {} every {} days)"), b.text(c.id),
                         days, last, b.text(c.tier), b.config.revisit_days.at(b.str(c.tier))),
             out, N_("`salesops customer log` records the visit or call"), c.owner);
    else
      report(rule, b, c.at,
             fmt::format(N_("customer '{}' has a follow-up {} overdue (due {}; {})"), b.text(c.id), days,
                         format_date(due.due), last),
             out, N_("`salesops customer log` records the follow-up"), c.owner);
  }
}

void customer_revisit_due(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  customer_attention(b, today, rule, out, CustomerDue::Reason::revisit);
}

void customer_follow_up_overdue(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  customer_attention(b, today, rule, out, CustomerDue::Reason::follow_up);
}

/// Targets still running or to come are SMART (closed ones are history).
void target_smart(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const TargetAudit& a : audit_targets(b, today, TargetAuditScope::smart)) {
    auto period = target_period(b, *a.target, today);
    if (a.problems.empty() || (period && period->last < today)) continue;
    std::string flags;
    auto add = [&](bool ok, const char* name) { if (!ok) flags += (flags.empty() ? "" : ", ") + std::string(name); };
    add(a.specific, "specific");
    add(a.measurable, "measurable");
    add(a.achievable.value_or(true), "achievable");
    add(a.relevant, "relevant");
    add(a.time_bound, "time-bound");
    std::string why;
    for (auto& p : a.problems) why += (why.empty() ? "" : "; ") + p.message;
    report(rule, b, a.target->at, fmt::format(N_("target {} is not {}: {}"), b.text(a.target->id), flags, why), out,
           N_("`salesops target check` shows every target's flags"), a.target->owner);
  }
}

/// Split targets agree with their parents: the children add up to the parent.
void target_children_sum(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const TargetAudit& a : audit_targets(b, today, TargetAuditScope::consistency))
    for (auto& p : a.problems)
      if (p.kind == TargetProblem::Kind::children_sum)
        report(rule, b, a.target->at, fmt::format(N_("target {}: {}"), b.text(a.target->id), p.message), out,
               N_("`salesops target split --replace` divides the parent again"), a.target->owner);
}

/// No two targets for the same owner, metric and period; a child lies inside its parent's
/// period and owner, with its metric.
void target_consistency(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const TargetAudit& a : audit_targets(b, today, TargetAuditScope::consistency))
    for (auto& p : a.problems)
      if (p.kind != TargetProblem::Kind::children_sum)
        report(rule, b, a.target->at, fmt::format(N_("target {} {}"), b.text(a.target->id), p.message), out, {},
               a.target->owner);
}

void customer_duplicate_name(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  for (auto [c, first] : same_name_customers(b))
    report(rule, b, c->at,
           fmt::format(N_("customer '{}' ('{}') has the name of {} ('{}')"), b.text(c->id), b.text(c->name),
                       b.text(first->id), b.text(first->name)),
           out, fmt::format(N_("the same company? `salesops customer merge {} {}`"), b.text(c->id), b.text(first->id)),
           c->owner);
}

constexpr CheckRule kRules[] = {
    {"deal-history-stage", Severity::warning, N_("a deal's stage matches the end of its history"), deal_history_stage},
    {"required-targets", Severity::warning, N_("active reps have the targets policy.required_targets asks for"),
     required_targets},
    {"one-on-one-due", Severity::warning, N_("active reps get a one-on-one every policy.one_on_one_days"),
     one_on_one_due},
    {"customer-revisit-due", Severity::warning, N_("customers are revisited within policy.revisit_days of their tier"),
     customer_revisit_due},
    {"customer-follow-up-overdue", Severity::warning, N_("follow-up dates set on interactions are kept"),
     customer_follow_up_overdue},
    {"target-smart", Severity::warning,
     N_("running and future targets are specific, measurable, achievable, relevant and time-bound"), target_smart},
    {"target-children-sum", Severity::warning, N_("the children of a split target add up to it"), target_children_sum},
    {"target-consistency", Severity::error,
     N_("no duplicate targets; children inside their parent's period and owner, same metric"), target_consistency},
    {"coaching-follow-up-overdue", Severity::warning,
     N_("coaching follow-ups are done within policy.follow_up_overdue_days of their due day"),
     coaching_follow_up_overdue},
    {"review-due", Severity::warning,
     N_("reps have a final review of the last closed quarter policy.review_due_days after it"), review_due},
    {"deal-past-expected-close", Severity::warning, N_("open deals are not past their expected close"),
     deal_past_expected_close},
    {"customer-no-owner", Severity::warning, N_("every customer has an owner"), customer_no_owner},
    {"plan-action-overdue", Severity::warning, N_("plan actions are done (or dropped) by their due day"),
     plan_action_overdue},
    {"reward-plan-tiers", Severity::error, N_("reward plan tiers are contiguous bands from 0 with rates not negative"),
     reward_plan_tiers},
    {"reward-plan-amounts", Severity::error, N_("reward plan caps, spiffs and team bonuses are not negative"),
     reward_plan_amounts},
    {"reward-plan-overlap", Severity::warning, N_("no person is under two reward plans on the same metric and period"),
     reward_plan_overlap},
    {"reward-no-target", Severity::warning,
     N_("people a reward plan pays have a target for its metric and the period under way"), reward_no_target},
    {"value-range", Severity::error,
     N_("targets of rates are from 0 to 1, of csat 1 to 5, of nps -100 to 100; plan rates at most 1"), value_ranges},
    {"leaver-open-deals", Severity::warning, N_("no open deal is owned by a person who has left"), leaver_open_deals},
    {"leaver-customers", Severity::warning, N_("no customer is owned by a person who has left"), leaver_customers},
    {"deal-before-joined", Severity::warning, N_("no deal was opened before its owner joined"), deal_before_joined},
    {"dated-after-today", Severity::error,
     N_("interactions, surveys, coaching sessions and actions done are not dated after today"), dated_after_today},
    {"customer-duplicate-name", Severity::warning,
     N_("no two customers' names are the same company's (salesops-customer(1))"), customer_duplicate_name},
    {"review-item-unweighted", Severity::warning,
     N_("the qualitative items of reviews are items review.weights weighs"), review_unweighted_items},
};

}  // namespace

std::span<const CheckRule> check_rules() { return kRules; }

void run_checks(const Book& book, Date today, Diagnostics& out, std::span<const std::string> only) {
  for (auto& [id, on] : book.config.rule_switches)
    if (std::none_of(std::begin(kRules), std::end(kRules), [&id = id](const CheckRule& r) { return id == r.id; }))
      out.warning("unknown-rule", {"salesops.toml", 0, 0, 1},
                  fmt::format(N_("[policy.rules] names no audit rule '{}'"), id),
                  N_("salesops-check(1) lists the audit rules"));
  for (const CheckRule& rule : check_rules()) {
    auto sw = book.config.rule_switches.find(rule.id);
    bool on = sw != book.config.rule_switches.end() ? sw->second : rule.on_by_default;
    // --rule runs a rule named there even when it is switched off.
    bool named = std::find(only.begin(), only.end(), rule.id) != only.end();
    if (only.empty() ? on : named) rule.run(book, today, rule, out);
  }
}

void report(const CheckRule& rule, const Book& book, Mark at, std::string message, Diagnostics& out, std::string hint,
            Sym owner) {
  out.add({rule.severity, rule.id, book.location(at), std::move(message), std::move(hint), book.str(owner)});
}

const Person* responsible_manager(const Book& book, std::string_view owner) {
  if (const Person* p = book.person(owner)) return responsible_coach(book, *p);
  const Team* team = book.team(owner);
  // Bounded by the number of teams, so a cycle (reported by the loader) cannot loop.
  for (std::size_t hops = 0; team && hops <= book.teams.size(); ++hops) {
    if (!team->manager.empty()) return book.person(book.text(team->manager));
    team = team->parent.empty() ? nullptr : book.team(book.text(team->parent));
  }
  return nullptr;
}

}  // namespace salesops::core
