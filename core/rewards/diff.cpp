// Payouts at two states of a book (`salesops diff --payouts P`): each person's total and
// the change, from the same computation as `reward calc`.
#include <fmt/format.h>

#include <map>

#include "core/rewards/statement.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// Each person's payout over the period's plan periods, in team.yaml order.
std::vector<std::pair<std::string, Money>> payout_per_person(const Book& book, const Period& period, Date today) {
  PayoutQuery q;
  q.period = period;
  q.today = today;
  KpiCalculator kpis(book, today);
  std::vector<std::pair<std::string, Money>> out;
  for (const PlanPayout& p : compute_payouts(book, q, kpis)) {
    std::string id = book.str(p.person->id);
    if (out.empty() || out.back().first != id) out.emplace_back(id, Money{0});
    out.back().second += p.total();
  }
  return out;
}

}  // namespace

Table payout_diff_table(const Book& before, const Book& after, const Period& period, Date today) {
  auto was = payout_per_person(before, period, today);
  auto now = payout_per_person(after, period, today);
  std::map<std::string, Money> was_by;
  for (auto& [id, m] : was) was_by[id] = m;
  Table t;
  t.add_column(N_("person"));
  t.add_column(N_("name"));
  for (const char* c : {N_("before"), N_("after"), N_("delta")}) t.add_column(c, ColumnType::money);
  auto name_of = [&](const std::string& id) {
    if (const Person* p = after.person(id)) return after.str(p->name);
    if (const Person* p = before.person(id)) return before.str(p->name);
    return std::string();
  };
  std::map<std::string, bool> seen;
  for (auto& [id, m] : now) {
    seen[id] = true;
    auto it = was_by.find(id);
    Money b = it == was_by.end() ? Money{0} : it->second;
    if (b == m) continue;
    t.add_row() = {id, name_of(id), it == was_by.end() ? Cell{Undefined{}} : Cell{b}, m, m - b};
  }
  for (auto& [id, m] : was)
    if (!seen.count(id) && m.cents != 0) t.add_row() = {id, name_of(id), m, Undefined{}, -m};
  return t;
}

}  // namespace salesops::core
