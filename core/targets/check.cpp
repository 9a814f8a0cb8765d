#include "core/targets/check.hpp"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

namespace {

using Kind = TargetProblem::Kind;

bool is_relative(std::string_view text) { return text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])) || text.starts_with("FY")); }

std::string percent(double r) { return fmt::format("{:.1f}%", r * 100); }

/// SMART flags of one target.
/// `history_from`: the first day the book has records of (the earliest deal opened); a
/// previous period starting before it is not compared with.
void flag(const Book& book, Date today, Date history_from, KpiCalculator& kpis, TargetAudit& a, const std::optional<Period>& period) {
  const Target& t = *a.target;
  auto kpi = find_kpi(book.config, book.text(t.metric));
  std::string_view owner = book.text(t.owner);
  if (!kpi || !(owner == "company" || book.person(owner) || book.team(owner))) {
    a.specific = false;
    a.problems.push_back({Kind::unspecific, kpi ? fmt::format(N_("unknown owner '{}'"), owner)
                                                : fmt::format(N_("unknown metric '{}'"), book.text(t.metric))});
  }
  if (t.value.cents <= 0 || (kpi && kpi->unit == KpiUnit::count && t.value.cents % 100 != 0)) {
    a.measurable = false;
    a.problems.push_back({Kind::unmeasurable,
                          t.value.cents <= 0 ? fmt::format(N_("value {} is not above 0"), format_money_short(t.value))
                                             : fmt::format(N_("a count target of {}"), format_money_short(t.value))});
  }
  if (t.why.empty() && t.plan.empty()) {
    a.relevant = false;
    a.problems.push_back({Kind::irrelevant, N_("no why and no plan")});
  }
  if (!period || is_relative(book.text(t.period_text))) {
    a.time_bound = false;
    a.problems.push_back(
        {Kind::unbounded, period ? fmt::format(N_("period '{}' moves with today"), book.text(t.period_text))
                                 : fmt::format(N_("period '{}' does not parse"), book.text(t.period_text))});
  }
  if (!kpi || !period || t.value.cents <= 0) return;
  // Achievable: the growth the target asks over its baseline, or over the actual of the
  // previous comparable period when it has none, within policy.target_max_growth.
  std::optional<double> before;
  std::string basis;
  if (t.baseline) {
    before = static_cast<double>(t.baseline->cents) / 100.0;
    basis = "baseline";
  } else {
    Period prev = previous_period(*period, book.config.calendar);
    if (prev.last >= today || prev.first < history_from) return;  // no complete period on record
    before = cell_number(kpis.value(kpi->id, owner, prev));
    basis = prev.label + " actual";
  }
  if (!before || *before <= 0) return;
  double value = static_cast<double>(t.value.cents) / 100.0;
  double growth = kpi->lower_is_better ? *before / value - 1.0 : value / *before - 1.0;
  double limit = book.config.target_max_growth;
  a.achievable = growth <= limit + 1e-12;
  if (!*a.achievable)
    a.problems.push_back(
        {Kind::unachievable, fmt::format(N_("{} {} over the {} ({}), above the policy's {}"),
                                         kpi->lower_is_better ? "improvement" : "growth", percent(growth), basis,
                                         format_money_short(Money{std::llround(*before * 100)}), percent(limit))});
}

}  // namespace

std::vector<TargetAudit> audit_targets(const Book& book, Date today, TargetAuditScope scope) {
  std::optional<KpiCalculator> kpis;
  if (scope != TargetAuditScope::consistency) kpis.emplace(book, today);
  Date history_from = today;
  for (const Deal& d : book.deals)
    if (d.opened && *d.opened < history_from) history_from = *d.opened;
  std::vector<TargetAudit> out(book.targets.size());
  std::vector<std::optional<Period>> periods(book.targets.size());
  std::unordered_map<Sym, std::size_t> index;
  for (std::size_t i = 0; i < book.targets.size(); ++i) {
    out[i].target = &book.targets[i];
    periods[i] = target_period(book, book.targets[i], today);
    index.emplace(book.targets[i].id, i);
    if (kpis) flag(book, today, history_from, *kpis, out[i], periods[i]);
  }
  if (scope == TargetAuditScope::smart) return out;
  // Duplicates: the same owner, metric and days.
  std::map<std::tuple<std::uint32_t, std::uint32_t, int, int>, std::size_t> seen;
  for (std::size_t i = 0; i < book.targets.size(); ++i) {
    const Target& t = book.targets[i];
    if (!periods[i]) continue;
    auto key = std::make_tuple(t.owner.v, t.metric.v, Day(periods[i]->first).raw(), Day(periods[i]->last).raw());
    auto [it, fresh] = seen.emplace(key, i);
    if (!fresh)
      out[i].problems.push_back(
          {Kind::duplicate,
           fmt::format(N_("sets the same {} of {} for {} as {}"), book.text(t.metric), book.text(t.owner),
                       periods[i]->label, book.text(book.targets[it->second].id))});
  }
  // Children against their parent.
  std::vector<std::int64_t> children_sum(book.targets.size(), 0);
  std::vector<std::size_t> children(book.targets.size(), 0);
  std::vector<bool> too_large(book.targets.size(), false);
  std::unordered_map<Sym, std::unordered_set<std::string_view>> owners;  // of each parent owner
  for (std::size_t i = 0; i < book.targets.size(); ++i) {
    const Target& c = book.targets[i];
    if (c.parent.empty()) continue;
    auto it = index.find(c.parent);
    if (it == index.end()) continue;  // the loader reports a missing parent
    const Target& p = book.targets[it->second];
    const auto& pp = periods[it->second];
    if (c.metric != p.metric) {
      out[i].problems.push_back({Kind::child_metric, fmt::format(N_("has metric {}, not its parent's {}"),
                                                                 book.text(c.metric), book.text(p.metric))});
      continue;
    }
    // A sum past 2^63 cents cannot equal its parent: it is reported as too large.
    if (__builtin_add_overflow(children_sum[it->second], c.value.cents, &children_sum[it->second]))
      too_large[it->second] = true;
    ++children[it->second];
    if (periods[i] && pp && !(pp->first <= periods[i]->first && periods[i]->last <= pp->last))
      out[i].problems.push_back({Kind::child_period, fmt::format(N_("has period {}, outside its parent's {}"),
                                                                 periods[i]->label, pp->label)});
    auto under = owners.find(p.owner);
    if (under == owners.end()) under = owners.emplace(p.owner, owners_under(book, book.text(p.owner))).first;
    if (!under->second.count(book.text(c.owner)))
      out[i].problems.push_back({Kind::child_owner, fmt::format(N_("is owned by {}, who is neither {} nor under it"),
                                                                book.text(c.owner), book.text(p.owner))});
  }
  for (std::size_t i = 0; i < book.targets.size(); ++i) {
    const Target& t = book.targets[i];
    if (children[i] == 0 || (!too_large[i] && children_sum[i] == t.value.cents)) continue;
    auto kpi = find_kpi(book.config, book.text(t.metric));
    if (kpi && !kpi->additive) continue;  // a rate's children are set one by one; they do not add up
    std::string count = children[i] == 1 ? std::string(N_("1 child")) : fmt::format(N_("{} children"), children[i]);
    std::int64_t difference = 0;
    if (too_large[i] || __builtin_sub_overflow(children_sum[i], t.value.cents, &difference))
      out[i].problems.push_back(
          {Kind::children_sum, fmt::format(N_("has {} adding up to more than the largest amount, not {}"), count,
                                           format_money_short(t.value))});
    else
      out[i].problems.push_back(
          {Kind::children_sum, fmt::format(N_("has {} adding up to {}, not {} (difference {})"), count,
                                           format_money_short(Money{children_sum[i]}), format_money_short(t.value),
                                           format_money_short(Money{difference}))});
  }
  return out;
}

Table target_check_table(const Book& book, Date today, const TargetListFilter& filter) {
  Table table;
  for (const char* c : {N_("target"), N_("owner"), N_("specific"), N_("measurable"), N_("achievable"), N_("relevant"), N_("time_bound"), N_("problems")})
    table.add_column(c);
  std::unordered_set<std::string_view> owners;
  if (!filter.owner.empty()) owners = owners_under(book, filter.owner);
  auto yes = [](bool b) { return Cell{std::string(b ? "yes" : "no")}; };
  for (const TargetAudit& a : audit_targets(book, today)) {
    const Target& t = *a.target;
    if (!filter.owner.empty() && !owners.count(book.text(t.owner))) continue;
    if (!filter.metric.empty() && book.text(t.metric) != filter.metric) continue;
    if (filter.period) {
      auto p = target_period(book, t, today);
      if (!p || p->first < filter.period->first || p->last > filter.period->last) continue;
    }
    std::string problems;
    for (auto& p : a.problems) problems += (problems.empty() ? "" : "; ") + p.message;
    table.add_row() = {book.str(t.id), book.str(t.owner), yes(a.specific), yes(a.measurable),
                       a.achievable ? yes(*a.achievable) : Cell{Undefined{}}, yes(a.relevant), yes(a.time_bound), problems};
  }
  return table;
}

}  // namespace salesops::core
