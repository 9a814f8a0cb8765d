#include "core/kpi/accumulator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/base/i18n.hpp"
#include "core/base/sym_map.hpp"
#include "core/kpi/custom.hpp"

namespace salesops::core {

namespace {

/// `sum` + `cents`; an overflow is an error saying what overflowed (amounts are bounded,
/// so this takes a book of over 92 million records, but a wrapped sum would be a wrong
/// figure with nothing said).
template <class Describe>
void add_cents(std::int64_t& sum, std::int64_t cents, Describe&& describe) {
  auto total = checked_add(Money{sum}, Money{cents});
  if (!total) throw std::overflow_error(describe() + " overflows");
  sum = total->cents;
}

/// The same for sums kept as reals (amount x probability): past the int64 cents, an error.
template <class Describe>
void add_real_cents(long double& sum, long double cents, Describe&& describe) {
  sum += cents;
  if (!fits_cents(sum)) throw std::overflow_error(describe() + " overflows");
}

}  // namespace

void KpiSums::add(const KpiSums& o) {
  add_cents(revenue, o.revenue, [] { return std::string(N_("the revenue of a group's rows")); });
  add_cents(pipeline, o.pipeline, [] { return std::string(N_("the pipeline of a group's rows")); });
  won += o.won;
  lost += o.lost;
  cycle_days += o.cycle_days;
  cycle_n += o.cycle_n;
  new_customers += o.new_customers;
  add_real_cents(weighted, o.weighted, [] { return std::string(N_("the weighted pipeline of a group's rows")); });
  activities += o.activities; visits += o.visits; csat_sum += o.csat_sum; csat_n += o.csat_n;
  promoters += o.promoters; detractors += o.detractors; nps_n += o.nps_n;
  followups_overdue += o.followups_overdue; coaching += o.coaching; actions_due += o.actions_due;
  actions_done += o.actions_done; training_hours += o.training_hours;
  if (custom_sum.size() < o.custom_sum.size()) { custom_sum.resize(o.custom_sum.size()); custom_n.resize(o.custom_n.size()); }
  for (std::size_t i = 0; i < o.custom_sum.size(); ++i) { custom_sum[i] += o.custom_sum[i]; custom_n[i] += o.custom_n[i]; }
}

namespace {

/// "<what> at deal D (file:line:column)": the record an overflowing sum stopped at.
std::string at_deal(const Book& b, const Deal& d, const char* what) {
  Location at = b.location(d.at);
  return fmt::format(N_("{} at deal {} ({}:{}:{})"), what, b.text(d.id), at.file, at.line, at.column);
}

/// Adds a deal's amount, in the book's currency at the rate of `day`, to `sum`; an overflow
/// names the deal and where it is written. Every money figure of deals (KPIs, and rewards
/// through them) is summed here.
Money add_amount(std::int64_t& sum, const Book& b, const Deal& d, Date day, const char* what) {
  Money amount = b.amount_in_book_currency(d, day);
  add_cents(sum, amount.cents, [&] { return at_deal(b, d, what); });
  return amount;
}

/// Each customer's first won deal (by closed date, ties by id): the deal that makes it new.
/// One pass over the deals keeps each customer's first so far, by the customer's symbol.
std::vector<const Deal*> first_wins(const Book& b) {
  auto earlier = [&](const Deal& p, const Deal& q) {
    return *p.closed != *q.closed ? *p.closed < *q.closed : b.text(p.id) < b.text(q.id);
  };
  SymMap firsts;  // customer → position of its first won deal
  firsts.reserve(b.customers.size());
  for (std::size_t i = 0; i < b.deals.size(); ++i) {
    const Deal& d = b.deals[i];
    if (d.stage != b.config.won || !d.closed || d.customer.empty()) continue;
    bool added;
    SymMap::Slot& first = firsts.at(d.customer, added);
    if (added || earlier(d, b.deals[first.value])) first.value = static_cast<std::uint32_t>(i);
  }
  std::vector<const Deal*> out;
  out.reserve(firsts.size());
  firsts.for_each([&](Sym, std::uint32_t deal) { out.push_back(&b.deals[deal]); });
  return out;
}

void add_deals(const Book& b, const KpiGrouping& g, const Period& p, std::vector<KpiSums>& sums) {
  const auto& stages = b.config.stages;
  for (const Deal& d : b.deals) {
    KpiSums* s = sums_of_group(sums, g.of_deal(d));
    if (!s) continue;
    bool closed_in = d.closed && p.contains(*d.closed);
    if (closed_in && d.stage == b.config.won) {
      add_amount(s->revenue, b, d, *d.closed, N_("the sum of revenue"));
      ++s->won;
      if (d.opened) { s->cycle_days += days_between(*d.opened, *d.closed); ++s->cycle_n; }
    } else if (closed_in && d.stage == b.config.lost && !b.disqualified(d)) {
      ++s->lost;
    }
    bool open_at_end = (!d.opened || *d.opened <= p.last) && (!d.closed || *d.closed > p.last);
    if (open_at_end && d.has_amount && d.opened) {
      // Open amounts convert at the rate in effect on the period's last day.
      Money amount = add_amount(s->pipeline, b, d, p.last, N_("the sum of pipeline"));
      if (auto stage = b.stage_on(d, p.last))
        add_real_cents(s->weighted, static_cast<long double>(amount.cents) * stages[*stage].probability,
                       [&] { return at_deal(b, d, N_("the weighted pipeline")); });
    }
  }
  for (const Deal* d : first_wins(b)) {
    if (!p.contains(*d->closed)) continue;
    if (KpiSums* s = sums_of_group(sums, g.of_deal(*d))) ++s->new_customers;
  }
}

void add_customers(const Book& b, const KpiGrouping& g, const Period& p, Date today, std::vector<KpiSums>& sums) {
  for (const Customer& c : b.customers) {
    Day latest;
    for (const Interaction& i : c.interactions()) if (!latest || *i.date > *latest) latest = i.date;
    for (const Interaction& i : c.interactions()) {
      KpiSums* s = sums_of_group(sums, g.of_interaction(c, i));
      if (!s) continue;
      if (p.contains(*i.date)) {
        ++s->activities;
        if (i.type == InteractionType::visit) ++s->visits;
      }
      if (i.next && *i.next < today && !(*latest > *i.date)) ++s->followups_overdue;
    }
    KpiSums* s = sums_of_group(sums, g.of_customer(c));
    if (!s) continue;
    for (const Survey& survey : c.surveys()) {
      if (!p.contains(*survey.date)) continue;
      if (survey.csat >= 0) { s->csat_sum += survey.csat; ++s->csat_n; }
      if (survey.nps >= 0) {
        ++s->nps_n;
        if (survey.nps >= 9) ++s->promoters;
        else if (survey.nps <= 6) ++s->detractors;
      }
    }
  }
}

void add_people_records(const Book& b, const KpiGrouping& g, const Period& p, std::vector<KpiSums>& sums) {
  auto of = [&](Sym person) { return sums_of_group(sums, g.of_person(person)); };
  for (const Training& t : b.trainings) {
    if (!t.date || !p.contains(*t.date)) continue;
    for (const Attendee& a : t.attendees) if (KpiSums* s = of(a.person)) s->training_hours += t.hours;
  }
  for (const CoachingSession& session : b.sessions)
    if (session.date && p.contains(*session.date)) if (KpiSums* s = of(session.person)) ++s->coaching;
  for (const Plan& plan : b.plans) {
    for (const PlanAction& a : plan.actions) {
      if (!a.due || !p.contains(*a.due) || a.status == ActionStatus::dropped) continue;
      if (KpiSums* s = of(a.owner)) {
        ++s->actions_due;
        if (a.status == ActionStatus::done) ++s->actions_done;
      }
    }
  }
}

}  // namespace

std::vector<KpiSums> accumulate(const Book& book, const KpiGrouping& grouping, const Period& period, Date today) {
  std::vector<KpiSums> sums(grouping.size());
  std::size_t customs = book.config.custom_kpis.size();
  for (auto& s : sums) { s.custom_sum.assign(customs, 0); s.custom_n.assign(customs, 0); }
  add_deals(book, grouping, period, sums);
  add_customers(book, grouping, period, today, sums);
  add_people_records(book, grouping, period, sums);
  for (std::size_t k = 0; k < customs; ++k) add_custom_kpi(book, book.config.custom_kpis[k], k, grouping, period, sums);
  return sums;
}

}  // namespace salesops::core
