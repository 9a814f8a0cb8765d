#include "core/targets/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/base/enum_names.hpp"
#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"
#include "core/targets/status.hpp"
#include "core/targets/targets.hpp"

namespace salesops::core {

namespace {

using std::chrono::days;
using std::chrono::year_month_day;
using std::chrono::years;

/// Days of `period` on which the person was a member of the team (joined..left).
int active_days(const Person& p, const Period& period) {
  Date first = p.joined ? std::max(period.first, *p.joined) : period.first;
  Date last = p.left ? std::min(period.last, *p.left) : period.last;
  return first > last ? 0 : days_between(first, last) + 1;
}

/// The same days one year earlier (29 February becomes the 28th).
Period year_before(const Period& p) {
  auto back = [](Date d) {
    year_month_day ymd{d};
    year_month_day b{ymd.year() - years(1), ymd.month(), ymd.day()};
    if (!b.ok()) b = year_month_day{std::chrono::year_month_day_last{b.year(), std::chrono::month_day_last{b.month()}}};
    return Date{b};
  };
  Period out = p;
  out.first = back(p.first);
  out.last = back(p.last);
  out.kind = PeriodKind::range;
  return out;
}

/// Σ over the months the period touches of the month's seasonal weight × the share of its
/// days inside the period.
double seasonal_weight(const std::array<double, 12>& season, const Period& p) {
  double w = 0;
  for (Date d = p.first; d <= p.last;) {
    Period m = month_period(d);
    Date last = std::min(m.last, p.last);
    unsigned month = static_cast<unsigned>(year_month_day{d}.month());
    w += season[month - 1] * (days_between(d, last) + 1) / m.days();
    d = last + days(1);
  }
  return w;
}

/// Shares from history: children without any (undefined or not positive) get the equal
/// share 1/n first; the rest is divided among the others by their history.
std::vector<double> history_shares(const std::vector<std::optional<double>>& history) {
  std::size_t n = history.size();
  std::vector<double> shares(n, 0.0);
  double total = 0;
  std::size_t without = 0;
  for (auto& h : history) {
    if (h && *h > 0) total += *h;
    else ++without;
  }
  if (total <= 0) return std::vector<double>(n, 1.0);
  double left = 1.0 - static_cast<double>(without) / static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i)
    shares[i] = history[i] && *history[i] > 0 ? left * *history[i] / total : 1.0 / static_cast<double>(n);
  return shares;
}

}  // namespace

std::optional<SplitTo> parse_split_to(std::string_view t) {
  static constexpr EnumNames<SplitTo, 4> kNames({"people", "teams", "months", "quarters"});
  return kNames.parse(t);
}

std::optional<SplitBy> parse_split_by(std::string_view t) {
  static constexpr EnumNames<SplitBy, 4> kNames({"equal", "weights", "history", "seasonal"});
  return kNames.parse(t);
}

std::vector<std::int64_t> split_exact(std::int64_t total, std::span<const double> weights, std::int64_t unit) {
  std::size_t n = weights.size();
  std::vector<std::int64_t> parts(n, 0);
  if (n == 0 || unit <= 0) return parts;
  long double sum = 0;
  for (double w : weights) sum += w;
  std::int64_t units = total / unit;
  std::vector<long double> quota(n);
  for (std::size_t i = 0; i < n; ++i)
    quota[i] = sum > 0 ? static_cast<long double>(units) * weights[i] / sum : static_cast<long double>(units) / n;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // A share is at most the whole; a quota beyond it (or beyond int64) is an error, never a
    // wrapped part.
    if (!(std::fabs(quota[i]) <= std::fabs(static_cast<long double>(units)) + 1))
      throw std::overflow_error(N_("a share of the split overflows"));
    parts[i] = static_cast<std::int64_t>(std::floor(quota[i]));
    auto sum = checked_add(Money{given}, Money{parts[i]});
    if (!sum) throw std::overflow_error(N_("the sum of the split's shares overflows"));
    given = sum->cents;
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return quota[a] - std::floor(quota[a]) > quota[b] - std::floor(quota[b]); });
  for (std::size_t k = 0; given < units; ++k, ++given) ++parts[order[k % n]];
  for (std::size_t k = n; given > units && k > 0; --k)  // only when rounding overshot the floors
    if (parts[order[k - 1]] > 0) --parts[order[k - 1]], --given;
  for (auto& p : parts)
    if (__builtin_mul_overflow(p, unit, &p)) throw std::overflow_error(N_("a share of the split overflows"));
  return parts;
}

TargetSplit split_target(const Book& book, Date today, const SplitRequest& r) {
  TargetSplit plan;
  const Target& parent = *r.parent;
  auto fail = [&](std::string message) {
    plan.children.clear();
    plan.error = std::move(message);
    return plan;
  };
  auto kpi = find_kpi(book.config, book.text(parent.metric));
  if (!kpi) return fail(fmt::format(N_("unknown metric '{}'"), book.text(parent.metric)));
  if (!kpi->additive)
    return fail(fmt::format(N_("{} is a rate or a mean: the figures of its children would not add up to the parent's; "
                               "set each child with `target set`"),
                            kpi->id));
  auto period = target_period(book, parent, today);
  if (!period)
    return fail(
        fmt::format(N_("the period '{}' of {} does not parse"), book.text(parent.period_text), book.text(parent.id)));
  std::string_view owner = book.text(parent.owner);
  bool by_owner = r.to == SplitTo::people || r.to == SplitTo::teams;

  // The children.
  std::vector<const Person*> people;
  if (r.to == SplitTo::people) {
    if (book.person(owner)) return fail(fmt::format(N_("{} is a person: split it to months or quarters"), owner));
    for (std::uint32_t i : book.members(owner)) {
      const Person& p = book.people[i];
      // A person who has left gets no new share, even of a period they worked part of.
      if (p.role == Role::rep && active_days(p, *period) > 0 && !(p.left && *p.left < today)) {
        people.push_back(&p);
        plan.children.push_back({book.str(p.id), *period, 0, {}});
      }
    }
    if (plan.children.empty()) return fail(fmt::format(N_("{} has no rep active in {}"), owner, period->label));
  } else if (r.to == SplitTo::teams) {
    if (book.person(owner)) return fail(fmt::format(N_("{} is a person: split it to months or quarters"), owner));
    for (const Team& t : book.teams) {
      std::string_view up = t.parent.empty() ? "company" : book.text(t.parent);
      if (up == owner && book.text(t.id) != owner) plan.children.push_back({book.str(t.id), *period, 0, {}});
    }
    if (plan.children.empty()) return fail(fmt::format(N_("{} has no sub-teams"), owner));
  } else {
    auto subs = split_period(*period, r.to == SplitTo::months ? Every::month : Every::quarter);
    if (subs.size() < 2)
      return fail(fmt::format(N_("{} is not longer than one {}"), period->label,
                              r.to == SplitTo::months ? "month" : "quarter"));
    for (Period& p : subs) plan.children.push_back({std::string(owner), std::move(p), 0, {}});
  }
  auto child_key = [&](const SplitChild& c) { return by_owner ? c.owner : c.period.label; };

  // The shares.
  std::size_t n = plan.children.size();
  std::vector<double> weights(n, 1.0);
  switch (r.by) {
    case SplitBy::equal: break;
    case SplitBy::weights: {
      double sum = 0;
      for (auto& [key, text] : r.weights) {
        auto it = std::find_if(plan.children.begin(), plan.children.end(), [&, &key = key](auto& c) { return child_key(c) == key; });
        if (it == plan.children.end())
          return fail(fmt::format(N_("--weights names '{}', which is not a child of this split"), key));
        char* end = nullptr;
        double w = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(w) || w < 0)
          return fail(fmt::format(N_("--weights: '{}' is not a share between 0 and 1"), text));
        weights[static_cast<std::size_t>(it - plan.children.begin())] = w;
        sum += w;
      }
      for (auto& c : plan.children)
        if (std::none_of(r.weights.begin(), r.weights.end(), [&](auto& kv) { return kv.first == child_key(c); }))
          return fail(fmt::format(N_("--weights gives no share for '{}'"), child_key(c)));
      if (std::abs(sum - 1.0) > 1e-6) return fail(fmt::format(N_("--weights add up to {:g}, not 1"), sum));
      break;
    }
    case SplitBy::history: {
      KpiCalculator kpis(book, today);
      Period before = previous_period(*period, book.config.calendar);
      std::vector<std::optional<double>> history;
      for (auto& c : plan.children)
        history.push_back(cell_number(by_owner ? kpis.value(kpi->id, c.owner, before)
                                               : kpis.value(kpi->id, c.owner, year_before(c.period))));
      weights = history_shares(history);
      break;
    }
    case SplitBy::seasonal:
      if (by_owner) return fail(N_("--by seasonal splits a period: use --to months or quarters"));
      if (!book.config.seasonality) return fail(N_("salesops.toml has no [seasonality] month weights"));
      for (std::size_t i = 0; i < n; ++i) weights[i] = seasonal_weight(*book.config.seasonality, plan.children[i].period);
      break;
  }
  if (r.prorate) {
    if (r.to != SplitTo::people) return fail(N_("--prorate applies to a split to people"));
    for (std::size_t i = 0; i < n; ++i)
      weights[i] *= static_cast<double>(active_days(*people[i], *period)) / period->days();
  }

  std::int64_t unit = kpi->unit == KpiUnit::count ? 100 : 1;
  if (parent.value.cents % unit != 0)
    return fail(fmt::format(N_("a count target must be a whole number, not {}"), format_money(parent.value)));
  // Whole numbers fewer than the children would leave some with 0 by rounding alone.
  if (unit == 100 && parent.value.cents / unit < static_cast<std::int64_t>(n))
    return fail(fmt::format(N_("{} {} is too small to split into {} whole parts: set the children with `target set`, "
                               "or split to fewer"),
                            format_money_short(parent.value), kpi->id, n));
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  auto parts = split_exact(parent.value.cents, weights, unit);
  for (std::size_t i = 0; i < n; ++i) {
    plan.children[i].weight = sum > 0 ? weights[i] / sum : 1.0 / static_cast<double>(n);
    plan.children[i].value = Money{parts[i]};
  }
  return plan;
}

}  // namespace salesops::core
