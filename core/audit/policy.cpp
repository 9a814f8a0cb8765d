#include "core/audit/policy.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "core/base/i18n.hpp"
#include "core/base/period.hpp"

namespace salesops::core {

namespace {

std::string days_text(int n) { return n == 1 ? fmt::format(N_("{} day"), n) : fmt::format(N_("{} days"), n); }

}  // namespace

/// Coaching follow-ups not done more than policy.follow_up_overdue_days after their due day.
void coaching_follow_up_overdue(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  int grace = b.config.follow_up_overdue_days;
  for (const CoachingSession& s : b.sessions)
    for (const FollowUp& f : s.follow_ups) {
      if (f.done || !f.due || !b.config.due_in_book(*f.due)) continue;
      int late = days_between(*f.due, today);
      if (late <= grace) continue;
      report(rule, b, f.at,
             fmt::format(N_("follow-up {}/{} of {} is {} overdue (due {}; policy: at most {})"), b.text(s.id),
                         b.text(f.id), b.text(s.person), days_text(late), format_date(*f.due), days_text(grace)),
             out, N_("`salesops coach done` closes it"), s.person);
    }
}

/// Once the last closed quarter's reviews are due (policy.review_due_days after it), every rep
/// active on its last day has a final review of it.
void review_due(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  Period current = quarter_period(today);
  Period last = quarter_period(current.first - std::chrono::days{1});
  Date due = last.last + std::chrono::days{b.config.review_due_days};
  if (today <= due || !b.config.due_in_book(due)) return;
  std::unordered_map<std::string, const Review*> reviews;
  for (const Review& r : b.reviews)
    if (b.text(r.period_text) == last.label) reviews[b.str(r.person)] = &r;
  for (const Person& p : b.people) {
    if (p.role != Role::rep || !p.active_on(last.last)) continue;
    auto it = reviews.find(b.str(p.id));
    if (it == reviews.end())
      report(rule, b, p.at,
             fmt::format(N_("{} has no review of {} (due {})"), b.text(p.id), last.label, format_date(due)), out,
             fmt::format(N_("reviews/{}/{}.yaml holds it"), last.label, b.text(p.id)), p.id);
    else if (b.text(it->second->status) != "final")
      report(rule, b, it->second->at,
             fmt::format(N_("the review of {} for {} is still a {} (due final {})"), b.text(p.id), last.label,
                         b.text(it->second->status), format_date(due)),
             out, N_("set status: final once the reviewer has signed it"), p.id);
  }
}

/// Open deals whose expected close has gone by: the forecast counts on them no longer.
void deal_past_expected_close(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const Deal& d : b.deals) {
    if (!b.config.stages[d.stage].open || !d.expected_close || !(*d.expected_close < today)) continue;
    report(rule, b, d.at,
           fmt::format(N_("deal '{}' of {} is still {} {} after its expected close {}"), b.text(d.id), b.text(d.owner),
                       b.config.stages[d.stage].name, days_text(days_between(*d.expected_close, today)),
                       format_date(*d.expected_close)),
           out, N_("move it on, close it as lost, or set a new expected_close"), d.owner);
  }
}

/// Every customer has an owner to look after it.
void customer_no_owner(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  for (const Customer& c : b.customers)
    if (c.owner.empty())
      report(rule, b, c.at, fmt::format(N_("customer '{}' has no owner"), b.text(c.id)), out,
             N_("give it an owner: revisits and follow-ups are nobody's otherwise"));
}

/// Plan actions still open after their due day.
void plan_action_overdue(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const Plan& p : b.plans)
    for (const PlanAction& a : p.actions) {
      if (a.status != ActionStatus::open || !a.due || !(*a.due < today) || !b.config.due_in_book(*a.due)) continue;
      report(rule, b, a.at,
             fmt::format(N_("action {}/{} of {} is {} overdue (due {})"), b.text(p.id), b.text(a.id), b.text(a.owner),
                         days_text(days_between(*a.due, today)), format_date(*a.due)),
             out, N_("`salesops plan done` marks it done; status: dropped gives it up"), a.owner);
    }
}

/// A reward plan's tiers are bands that follow each other from 0 without gap or overlap,
/// the last (and only it) open-ended, with rates that are not negative.
void reward_plan_tiers(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  for (const RewardPlan& p : b.reward_plans) {
    std::string problem;
    for (std::size_t i = 0; i < p.tiers.size() && problem.empty(); ++i) {
      const RewardTier& t = p.tiers[i];
      if (t.rate < 0)
        problem = fmt::format(N_("tier {} has a negative rate {}"), i + 1, t.rate);
      else if (t.to && *t.to <= t.from)
        problem = fmt::format(N_("tier {} ends ({}) where it starts or before ({})"), i + 1, *t.to, t.from);
      else if (!t.to && i + 1 < p.tiers.size())
        problem = fmt::format(N_("tier {} is open-ended but not the last"), i + 1);
      else if (t.to && i + 1 == p.tiers.size())
        problem = fmt::format(N_("the last tier ends at {}: it should be open-ended"), *t.to);
      else if (i == 0 && t.from != 0)
        problem = fmt::format(N_("the first tier starts at {}, not 0"), t.from);
      else if (i > 0 && p.tiers[i - 1].to && *p.tiers[i - 1].to != t.from)
        problem = fmt::format(N_("tier {} starts at {} but tier {} ends at {}"), i + 1, t.from, i, *p.tiers[i - 1].to);
    }
    if (!problem.empty())
      report(rule, b, p.at, fmt::format(N_("reward plan '{}': {}"), b.text(p.id), problem), out,
             N_("tiers are bands of attainment: {from: 0, to: 0.5, ...}, {from: 0.5, to: 1.0, ...}, {from: 1.0, ...}"));
  }
}

}  // namespace salesops::core
