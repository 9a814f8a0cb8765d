// The payout of every reward plan (SPEC 4b): tiers, spiffs, team bonus, gate and cap.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "core/base/i18n.hpp"
#include "core/rewards/rewards.hpp"
#include "core/targets/status.hpp"
#include "core/targets/targets.hpp"

namespace salesops::core {

namespace {

// A payout is a figure a person is paid: beyond the int64 range of cents it is an error
// naming the line, never the saturated figure a tier's edge may take.
constexpr long double kLargestCents = 9.2e18L;  // just below INT64_MAX, clear of rounding

template <class Describe>
std::int64_t checked_cents(__int128 v, Describe&& describe) {
  if (v > static_cast<__int128>(kLargestCents) || v < -static_cast<__int128>(kLargestCents))
    throw std::overflow_error(describe() + " overflows");
  return static_cast<std::int64_t>(v);
}

/// `amount` × `rate` as apply_rate takes it, or an error naming the line.
template <class Describe>
std::int64_t payout_at_rate(std::int64_t amount, double rate, Describe&& describe) {
  if (!(std::fabs(static_cast<long double>(amount) * rate) < kLargestCents))
    throw std::overflow_error(describe() + " overflows");
  return apply_rate(amount, rate);
}

}  // namespace

Money PlanPayout::total() const {
  __int128 sum = 0;
  for (auto& l : lines) sum += l.amount.cents;
  return Money{checked_cents(sum, [] { return std::string(N_("the total payout of a plan")); })};
}

std::vector<Period> plan_periods(std::string_view unit, const Period& period) {
  Every every = unit == "month" ? Every::month : unit == "year" ? Every::year : Every::quarter;
  std::vector<Period> out;
  for (const Period& p : split_period(period, every)) {
    Period whole = period_containing(p.first, every);
    if (whole.first == p.first && whole.last == p.last) out.push_back(whole);
  }
  return out;
}

bool plan_applies(const Book& book, const RewardPlan& plan, const Person& person) {
  if (!plan.applies_role.empty() && book.text(plan.applies_role) != role_name(person.role)) return false;
  if (!plan.applies_team.empty()) {
    std::string_view team = book.text(plan.applies_team);
    auto teams = book.subtree(team);
    bool in = team == "company" || std::any_of(teams.begin(), teams.end(), [&](std::uint32_t t) {
      return book.text(book.teams[t].id) == book.text(person.team);
    });
    if (!in) return false;
  }
  if (!plan.applies_people.empty() &&
      std::none_of(plan.applies_people.begin(), plan.applies_people.end(),
                   [&](Sym s) { return book.text(s) == book.text(person.id); }))
    return false;
  return true;
}

namespace {

std::int64_t hundredths_of(double v) { return money_from_cents_real(static_cast<long double>(v) * 100).cents; }

/// A KPI figure in hundredths of its unit (cents for money); nullopt when undefined.
std::optional<std::int64_t> hundredths(const Cell& c) {
  if (auto m = std::get_if<Money>(&c)) return m->cents;
  if (auto i = std::get_if<std::int64_t>(&c)) return *i * 100;
  if (auto r = std::get_if<Ratio>(&c)) return hundredths_of(r->value);
  if (auto d = std::get_if<Decimal>(&c)) return hundredths_of(d->value);
  return std::nullopt;
}

Cell cell_of(long double v, KpiUnit unit) {
  switch (unit) {
    case KpiUnit::money: return money_from_cents_real(v * 100);
    case KpiUnit::count: return static_cast<std::int64_t>(money_from_cents_real(v).cents);
    case KpiUnit::ratio: return Ratio{static_cast<double>(v)};
    case KpiUnit::decimal: return Decimal{static_cast<double>(v)};
  }
  return Undefined{};
}

/// Computes each person's payout under each plan for one query: the won deals with a
/// product are indexed once per owner for the spiffs, targets once for the tiers.
class PayoutCalculator {
 public:
  PayoutCalculator(const Book& b, const PayoutQuery& q, KpiCalculator& kpis)
      : book_(b), query_(q), kpis_(kpis), targets_(b, q.today) {
    for (std::uint32_t i = 0; i < b.deals.size(); ++i) {
      const Deal& d = b.deals[i];
      if (d.stage == b.config.won && d.closed && !d.product.empty()) won_with_product_[b.text(d.owner)].push_back(i);
    }
    for (auto& [owner, deals] : won_with_product_)
      std::sort(deals.begin(), deals.end(), [&](auto x, auto y) { return *b.deals[x].closed < *b.deals[y].closed; });
    what_if_day_ = q.period.contains(q.today) ? q.today : q.period.last;
  }

  std::optional<PlanPayout> payout(const Person& person, const RewardPlan& plan, const Period& period);

 private:
  const Target* target_of(std::string_view owner, std::string_view metric, const Period& p) const {
    return targets_.find(owner, metric, p);
  }
  KpiUnit kpi_unit(std::string_view kpi) const {
    auto def = find_kpi(book_.config, kpi);
    return def ? def->unit : KpiUnit::decimal;
  }
  /// What a payout line is, for the error when its figure overflows.
  auto line_named(const PlanPayout& pp, std::string_view id) const {
    return [this, &pp, id] {
      return fmt::format(N_("the {} payout of plan {} for {} in {}"), id, book_.text(pp.plan->id),
                         book_.text(pp.person->id), pp.period.label);
    };
  }
  /// A figure in hundredths of its unit, as the reasons write it.
  std::string amount_words(std::int64_t h, KpiUnit u) const {
    return u == KpiUnit::money ? format_money_grouped(Money{h}) : format_money_short(Money{h});
  }
  /// A figure in hundredths of its unit, as a line's basis.
  Cell basis_cell(std::int64_t h, KpiUnit u) const {
    return u == KpiUnit::money ? Cell{Money{h}} : Cell{Decimal{static_cast<double>(h) / 100.0}};
  }
  /// A person's KPI with the what-if changes that reach it.
  Cell kpi_figure(std::string_view kpi, const Person& person, const Period& period);
  void add_tier_lines(PlanPayout& pp, std::string_view metric, KpiUnit u);
  void add_spiff_lines(PlanPayout& pp);
  void add_team_bonus(PlanPayout& pp, std::string_view metric, KpiUnit u, std::optional<std::int64_t> own_delta);
  void apply_gate(PlanPayout& pp);

  const Book& book_;
  const PayoutQuery& query_;
  KpiCalculator& kpis_;
  TargetLookup targets_;
  /// Per owner, the won deals with a product (what a spiff can pay for), by close date.
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> won_with_product_;
  Date what_if_day_;
};

Cell PayoutCalculator::kpi_figure(std::string_view kpi, const Person& person, const Period& period) {
  Cell v = kpis_.value(kpi, book_.text(person.id), period);
  if (query_.what_if.empty() || book_.text(person.id) != query_.person || !period.contains(what_if_day_)) return v;
  for (const WhatIf& w : query_.what_if) {
    if (w.kpi != kpi) continue;
    auto base = cell_number(v);
    v = cell_of(w.add ? static_cast<long double>(base.value_or(0)) + w.value : w.value, kpi_unit(kpi));
  }
  return v;
}

std::optional<PlanPayout> PayoutCalculator::payout(const Person& person, const RewardPlan& plan, const Period& period) {
  PlanPayout pp;
  pp.person = &person;
  pp.plan = &plan;
  pp.period = period;
  Date first = person.joined && *person.joined > period.first ? *person.joined : period.first;
  Date last = person.left && *person.left < period.last ? *person.left : period.last;
  pp.active_days = first <= last ? days_between(first, last) + 1 : 0;
  if (pp.active_days == 0) return std::nullopt;

  std::string_view metric = book_.text(plan.metric);
  KpiUnit u = kpi_unit(metric);
  Cell own = kpis_.value(metric, book_.text(person.id), period);
  pp.actual = hundredths(kpi_figure(metric, person, period));
  // What a what-if changes in the person's figure changes their team's figure too.
  std::optional<std::int64_t> delta;
  auto def = find_kpi(book_.config, metric);
  if (!query_.what_if.empty() && def && def->additive) delta = pp.actual.value_or(0) - hundredths(own).value_or(0);
  add_tier_lines(pp, metric, u);
  add_spiff_lines(pp);
  add_team_bonus(pp, metric, u, delta);
  apply_gate(pp);
  if (plan.cap && !pp.gated) {
    Money total = pp.total();
    if (total > *plan.cap) {
      pp.capped = true;
      pp.lines.push_back(
          {"cap", total, Undefined{}, *plan.cap - total,
           fmt::format(N_("the lines add up to {}, above the cap of {}: {}"), format_money_grouped(total),
                       format_money_grouped(*plan.cap), format_money_grouped(*plan.cap - total))});
    }
  }
  return pp;
}

void PayoutCalculator::add_tier_lines(PlanPayout& pp, std::string_view metric, KpiUnit u) {
  const RewardPlan& plan = *pp.plan;
  const Person& person = *pp.person;
  pp.target_record = target_of(book_.text(person.id), metric, pp.period);
  if (!pp.target_record) {
    pp.notes.push_back(fmt::format(N_("no {} target for {}: no tier lines"), metric, pp.period.label));
    return;
  }
  std::int64_t full = pp.target_record->value.cents, t = full;
  int days = pp.period.days();
  if (plan.prorate && pp.active_days < days && pp.target_record->prorated) {
    pp.notes.push_back(fmt::format(N_("target {} already prorated by `target split --prorate`: not prorated again"),
                                   amount_words(full, u)));
  } else if (plan.prorate && pp.active_days < days) {
    __int128 num = static_cast<__int128>(full) * pp.active_days;
    __int128 q = (num < 0 ? -num : num) / days, r = (num < 0 ? -num : num) % days;
    if (r >= days - r) ++q;
    t = static_cast<std::int64_t>(num < 0 ? -q : q);
    pp.notes.push_back(fmt::format(N_("target {} × {} of {} days active = {}"), amount_words(full, u), pp.active_days,
                                   days, amount_words(t, u)));
  }
  pp.target = t;
  if (t <= 0) {
    pp.notes.push_back(fmt::format(N_("the {} target is {}: no tier lines"), metric, amount_words(t, u)));
    return;
  }
  if (!pp.actual) {
    pp.notes.push_back(fmt::format(N_("{} is undefined for {}: no tier lines"), metric, pp.period.label));
    return;
  }
  std::int64_t actual = *pp.actual;
  pp.attainment = static_cast<double>(actual) / static_cast<double>(t);
  pp.notes.push_back(fmt::format(N_("{} {} against a target of {}: {:.1f}% of target"), metric, amount_words(actual, u),
                                 amount_words(t, u), *pp.attainment * 100));
  bool retroactive = book_.text(plan.mode) == "retroactive";
  for (const RewardTier& tier : plan.tiers) {
    // Band edges in hundredths: target × from and target × to, each rounded to a cent, so
    // that the bands' bases add up to the actual exactly.
    std::int64_t lo = apply_rate(t, tier.from);
    std::optional<std::int64_t> hi;
    if (tier.to) hi = apply_rate(t, *tier.to);
    std::string id = tier_component(tier);
    std::string band = !tier.to         ? fmt::format(N_("above {} of target"), percent_words(tier.from))
                       : tier.from == 0 ? fmt::format(N_("up to {} of target"), percent_words(*tier.to))
                                        : fmt::format(N_("between {} and {} of target"), percent_words(tier.from),
                                                      percent_words(*tier.to));
    if (retroactive) {
      if (actual < lo || (hi && actual >= *hi)) continue;
      Money amount{payout_at_rate(actual, tier.rate, line_named(pp, id))};
      std::string holds =
          tier.to ? fmt::format(N_("the band from {} to under {}"), percent_words(tier.from), percent_words(*tier.to))
                  : fmt::format(N_("the band from {} up"), percent_words(tier.from));
      pp.lines.push_back(
          {id, basis_cell(actual, u), Ratio{tier.rate}, amount,
           fmt::format(N_("all {} of {} × {} = {} ({:.1f}% of target: {})"), amount_words(actual, u), metric,
                       percent_words(tier.rate), format_money_grouped(amount), *pp.attainment * 100, holds)});
      break;
    }
    if (actual <= lo) continue;
    std::int64_t basis = (hi ? std::min(actual, *hi) : actual) - lo;
    Money amount{payout_at_rate(basis, tier.rate, line_named(pp, id))};
    pp.lines.push_back({id, basis_cell(basis, u), Ratio{tier.rate}, amount,
                        fmt::format(N_("{} of {} {} × {} = {}"), amount_words(basis, u), metric, band,
                                    percent_words(tier.rate), format_money_grouped(amount))});
  }
}

void PayoutCalculator::add_spiff_lines(PlanPayout& pp) {
  if (pp.plan->spiffs.empty()) return;
  auto it = won_with_product_.find(book_.text(pp.person->id));
  static const std::vector<std::uint32_t> kNone;
  const auto& deals = it == won_with_product_.end() ? kNone : it->second;
  auto from = std::lower_bound(deals.begin(), deals.end(), pp.period.first,
                               [&](std::uint32_t i, Date d) { return *book_.deals[i].closed < d; });
  for (const Spiff& s : pp.plan->spiffs) {
    std::int64_t count = 0, amount_sum = 0;
    for (auto i = from; i != deals.end() && *book_.deals[*i].closed <= pp.period.last; ++i) {
      const Deal& d = book_.deals[*i];
      if (book_.text(d.product) != book_.text(s.product)) continue;
      ++count;
      amount_sum += book_.amount_in_book_currency(d, *d.closed).cents;
    }
    if (count == 0) continue;
    std::string product(book_.text(s.product));
    std::string id = "spiff:" + product;
    if (s.per_deal) {
      Money amount{checked_cents(static_cast<__int128>(count) * s.per_deal->cents, line_named(pp, id))};
      pp.lines.push_back({id, count, *s.per_deal, amount,
                          count == 1 ? fmt::format(N_("{} {} deal won × {} = {}"), count, product,
                                                   format_money_grouped(*s.per_deal), format_money_grouped(amount))
                                     : fmt::format(N_("{} {} deals won × {} = {}"), count, product,
                                                   format_money_grouped(*s.per_deal), format_money_grouped(amount))});
    } else if (s.rate) {
      Money amount{payout_at_rate(amount_sum, *s.rate, line_named(pp, id))};
      pp.lines.push_back({id, Money{amount_sum}, Ratio{*s.rate}, amount,
                          count == 1 ? fmt::format(N_("{} {} deal won, {} × {} = {}"), count, product,
                                                   format_money_grouped(Money{amount_sum}), percent_words(*s.rate),
                                                   format_money_grouped(amount))
                                     : fmt::format(N_("{} {} deals won, {} × {} = {}"), count, product,
                                                   format_money_grouped(Money{amount_sum}), percent_words(*s.rate),
                                                   format_money_grouped(amount))});
    }
  }
}

void PayoutCalculator::add_team_bonus(PlanPayout& pp, std::string_view metric, KpiUnit u,
                                      std::optional<std::int64_t> own_delta) {
  const RewardPlan& plan = *pp.plan;
  if (!plan.team_bonus_amount) return;
  std::string_view team = book_.text(pp.person->team);
  double min = plan.team_bonus_min_attainment.value_or(1.0);
  const Target* t = team.empty() ? nullptr : target_of(team, metric, pp.period);
  if (!t || t->value.cents <= 0) {
    pp.notes.push_back(fmt::format(N_("team {} has no {} target for {}: no team bonus"), team.empty() ? "(none)" : team,
                                   metric, pp.period.label));
    return;
  }
  auto team_actual = hundredths(kpis_.value(metric, team, pp.period));
  if (own_delta) team_actual = team_actual.value_or(0) + *own_delta;
  double att = team_actual ? static_cast<double>(*team_actual) / static_cast<double>(t->value.cents) : 0;
  if (!team_actual || *team_actual < apply_rate(t->value.cents, min)) {
    pp.notes.push_back(fmt::format(N_("team {} at {:.1f}% of its {} target, below {}: no team bonus"), team, att * 100,
                                   metric, percent_words(min)));
    return;
  }
  pp.lines.push_back({"team_bonus", basis_cell(*team_actual, u), Undefined{}, *plan.team_bonus_amount,
                      fmt::format(N_("team {} at {:.1f}% of its {} target of {} (at least {}): {}"), team, att * 100,
                                  metric, amount_words(t->value.cents, u), percent_words(min),
                                  format_money_grouped(*plan.team_bonus_amount))});
}

void PayoutCalculator::apply_gate(PlanPayout& pp) {
  const RewardPlan& plan = *pp.plan;
  if (plan.gate_metric.empty()) return;
  std::string_view kpi = book_.text(plan.gate_metric);
  Cell v = kpi_figure(kpi, *pp.person, pp.period);
  auto value = cell_number(v);
  // Below the minimum with no line there is nothing to withhold; an undefined gate KPI is
  // said even then, since it is why nothing could be paid.
  if ((value && *value >= plan.gate_min.value_or(0)) || (value && pp.lines.empty())) return;
  bool ratio = kpi_unit(kpi) == KpiUnit::ratio;
  pp.gated = true;
  for (PayoutLine& l : pp.lines) {
    if (l.amount.cents == 0) continue;
    l.amount = Money{0};
    l.reason = fmt::format(N_("{}, not paid: the gate is not met"), l.reason);
  }
  std::string minimum = gate_minimum_words(book_, plan);
  std::string why =
      value ? fmt::format(N_("{} {} is below the gate of {}"), kpi,
                          ratio ? fmt::format("{:.1f}%", *value * 100) : fmt::format("{}", *value), minimum)
            : fmt::format(N_("{} is undefined for {} (the gate needs at least {})"), kpi, pp.period.label, minimum);
  pp.lines.push_back({"gate", v, Undefined{}, Money{0}, fmt::format(N_("{}: every line of this plan pays 0.00"), why)});
}

}  // namespace

std::vector<PlanPayout> compute_payouts(const Book& book, const PayoutQuery& query, KpiCalculator& kpis) {
  PayoutCalculator calculator(book, query, kpis);
  std::vector<std::vector<Period>> periods;
  std::vector<std::vector<bool>> applies;
  for (const RewardPlan& plan : book.reward_plans) {
    periods.push_back(plan_periods(book.text(plan.period), query.period));
    auto& a = applies.emplace_back(book.people.size());
    if (!query.plan.empty() && book.text(plan.id) != query.plan) continue;
    for (std::size_t i = 0; i < book.people.size(); ++i) a[i] = plan_applies(book, plan, book.people[i]);
  }
  std::vector<PlanPayout> out;
  for (std::size_t i = 0; i < book.people.size(); ++i) {
    const Person& person = book.people[i];
    if (!query.person.empty() && book.text(person.id) != query.person) continue;
    for (std::size_t p = 0; p < book.reward_plans.size(); ++p) {
      if (!applies[p][i]) continue;
      const RewardPlan& plan = book.reward_plans[p];
      for (const Period& period : periods[p]) {
        // The plan in force when a period begins governs all of it: of two plans one after
        // the other, exactly one pays each period.
        if (!plan.in_force_on(period.first)) continue;
        if (auto pp = calculator.payout(person, plan, period)) out.push_back(std::move(*pp));
      }
    }
  }
  return out;
}

}  // namespace salesops::core
