#include "core/kpi/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/kpi/custom.hpp"

namespace salesops::core {

void KpiAcc::add(const KpiAcc& o) {
  revenue += o.revenue; won += o.won; lost += o.lost; cycle_days += o.cycle_days; cycle_n += o.cycle_n;
  new_customers += o.new_customers; pipeline += o.pipeline; weighted += o.weighted;
  activities += o.activities; visits += o.visits; csat_sum += o.csat_sum; csat_n += o.csat_n;
  promoters += o.promoters; detractors += o.detractors; nps_n += o.nps_n;
  followups_overdue += o.followups_overdue; coaching += o.coaching; actions_due += o.actions_due;
  actions_done += o.actions_done; training_hours += o.training_hours;
  if (custom_sum.size() < o.custom_sum.size()) { custom_sum.resize(o.custom_sum.size()); custom_n.resize(o.custom_n.size()); }
  for (std::size_t i = 0; i < o.custom_sum.size(); ++i) { custom_sum[i] += o.custom_sum[i]; custom_n[i] += o.custom_n[i]; }
}

namespace {

/// Each customer's first won deal (by closed date, ties by id): the deal that makes it new.
std::vector<const Deal*> first_wins(const Book& b) {
  std::unordered_map<Sym, const Deal*> first;
  for (const Deal& d : b.deals) {
    if (d.stage != b.config.won || !d.closed || d.customer.empty()) continue;
    auto [it, fresh] = first.emplace(d.customer, &d);
    if (fresh) continue;
    const Deal* cur = it->second;
    if (*d.closed < *cur->closed || (*d.closed == *cur->closed && b.text(d.id) < b.text(cur->id))) it->second = &d;
  }
  std::vector<const Deal*> out;
  out.reserve(first.size());
  for (auto& [c, d] : first) out.push_back(d);
  return out;
}

void add_deals(const Book& b, const KpiGrouping& g, const Period& p, std::vector<KpiAcc>& accs) {
  const auto& stages = b.config.stages;
  for (const Deal& d : b.deals) {
    int group = g.of_deal(d);
    if (group < 0) continue;
    KpiAcc& a = accs[static_cast<std::size_t>(group)];
    bool closed_in = d.closed && p.contains(*d.closed);
    if (closed_in && d.stage == b.config.won) {
      a.revenue += d.amount.cents;
      ++a.won;
      if (d.opened) { a.cycle_days += days_between(*d.opened, *d.closed); ++a.cycle_n; }
    } else if (closed_in && d.stage == b.config.lost) {
      ++a.lost;
    }
    bool open_at_end = (!d.opened || *d.opened <= p.last) && (!d.closed || *d.closed > p.last);
    if (open_at_end && d.has_amount && d.opened) {
      a.pipeline += d.amount.cents;
      if (auto s = b.stage_on(d, p.last)) a.weighted += static_cast<long double>(d.amount.cents) * stages[*s].probability;
    }
  }
  for (const Deal* d : first_wins(b)) {
    if (!p.contains(*d->closed)) continue;
    int group = g.of_deal(*d);
    if (group >= 0) ++accs[static_cast<std::size_t>(group)].new_customers;
  }
}

void add_customers(const Book& b, const KpiGrouping& g, const Period& p, Date today, std::vector<KpiAcc>& accs) {
  for (const Customer& c : b.customers) {
    Day latest;
    for (const Interaction& i : c.interactions) if (!latest || *i.date > *latest) latest = i.date;
    for (const Interaction& i : c.interactions) {
      int group = g.of_interaction(c, i);
      if (group < 0) continue;
      KpiAcc& a = accs[static_cast<std::size_t>(group)];
      if (p.contains(*i.date)) {
        ++a.activities;
        if (i.type == InteractionType::visit) ++a.visits;
      }
      if (i.next && *i.next < today && !(*latest > *i.date)) ++a.followups_overdue;
    }
    int group = g.of_customer(c);
    if (group < 0) continue;
    KpiAcc& a = accs[static_cast<std::size_t>(group)];
    for (const Survey& s : c.surveys) {
      if (!p.contains(*s.date)) continue;
      if (s.csat >= 0) { a.csat_sum += s.csat; ++a.csat_n; }
      if (s.nps >= 0) {
        ++a.nps_n;
        if (s.nps >= 9) ++a.promoters;
        else if (s.nps <= 6) ++a.detractors;
      }
    }
  }
}

void add_people_records(const Book& b, const KpiGrouping& g, const Period& p, std::vector<KpiAcc>& accs) {
  auto at = [&](Sym person) -> KpiAcc* {
    int group = g.of_person(person);
    return group < 0 ? nullptr : &accs[static_cast<std::size_t>(group)];
  };
  for (const Training& t : b.trainings) {
    if (!t.date || !p.contains(*t.date)) continue;
    for (const Attendee& a : t.attendees) if (KpiAcc* acc = at(a.person)) acc->training_hours += t.hours;
  }
  for (const CoachingSession& s : b.sessions)
    if (s.date && p.contains(*s.date)) if (KpiAcc* acc = at(s.person)) ++acc->coaching;
  for (const Plan& plan : b.plans) {
    for (const PlanAction& a : plan.actions) {
      if (!a.due || !p.contains(*a.due) || a.status == ActionStatus::dropped) continue;
      if (KpiAcc* acc = at(a.owner)) {
        ++acc->actions_due;
        if (a.status == ActionStatus::done) ++acc->actions_done;
      }
    }
  }
}

}  // namespace

std::vector<KpiAcc> accumulate(const Book& book, const KpiGrouping& grouping, const Period& period, Date today) {
  std::vector<KpiAcc> accs(grouping.size());
  std::size_t customs = book.config.custom_kpis.size();
  for (auto& a : accs) { a.custom_sum.assign(customs, 0); a.custom_n.assign(customs, 0); }
  add_deals(book, grouping, period, accs);
  add_customers(book, grouping, period, today, accs);
  add_people_records(book, grouping, period, accs);
  for (std::size_t k = 0; k < customs; ++k) add_custom_kpi(book, book.config.custom_kpis[k], k, grouping, period, accs);
  return accs;
}

Cell kpi_cell(const Book& book, std::string_view kpi, const KpiAcc& a) {
  auto ratio = [](std::int64_t num, std::int64_t den) -> Cell {
    if (den == 0) return Undefined{};
    return Ratio{static_cast<double>(num) / static_cast<double>(den)};
  };
  if (kpi == "revenue") return Money{a.revenue};
  if (kpi == "deals_won") return a.won;
  if (kpi == "deals_lost") return a.lost;
  if (kpi == "win_rate") return ratio(a.won, a.won + a.lost);
  if (kpi == "avg_deal_size") return a.won == 0 ? Cell{Undefined{}} : Cell{Money{div_round_half_away(a.revenue, a.won)}};
  if (kpi == "sales_cycle_days")
    return a.cycle_n == 0 ? Cell{Undefined{}} : Cell{Decimal{static_cast<double>(a.cycle_days) / static_cast<double>(a.cycle_n)}};
  if (kpi == "new_customers") return a.new_customers;
  if (kpi == "pipeline") return Money{a.pipeline};
  if (kpi == "weighted_pipeline") return money_from_cents_real(a.weighted);
  if (kpi == "activities") return a.activities;
  if (kpi == "visits") return a.visits;
  if (kpi == "csat")
    return a.csat_n == 0 ? Cell{Undefined{}} : Cell{Decimal{static_cast<double>(a.csat_sum) / static_cast<double>(a.csat_n)}};
  if (kpi == "nps")
    return a.nps_n == 0 ? Cell{Undefined{}}
                        : Cell{Decimal{100.0 * static_cast<double>(a.promoters - a.detractors) / static_cast<double>(a.nps_n)}};
  if (kpi == "followups_overdue") return a.followups_overdue;
  if (kpi == "training_hours") return Decimal{a.training_hours};
  if (kpi == "coaching_sessions") return a.coaching;
  if (kpi == "plan_completion") return ratio(a.actions_done, a.actions_due);
  auto& customs = book.config.custom_kpis;
  for (std::size_t k = 0; k < customs.size(); ++k)
    if (customs[k].id == kpi && k < a.custom_sum.size()) return custom_kpi_cell(customs[k], a.custom_sum[k], a.custom_n[k]);
  return Undefined{};
}

}  // namespace salesops::core
