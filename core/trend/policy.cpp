#include "core/trend/policy.hpp"

#include <algorithm>
#include <map>

#include "core/audit/check.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

constexpr TrendRule kRules[] = {
    {N_("one_on_ones_overdue"), "one-on-one-due"},
    {N_("follow_ups_overdue"), "coaching-follow-up-overdue"},
    {N_("customer_follow_ups_overdue"), "customer-follow-up-overdue"},
    {N_("reviews_late"), "review-due"},
    {N_("revisits_overdue"), "customer-revisit-due"},
    {N_("plan_actions_overdue"), "plan-action-overdue"},
    {N_("targets_missing"), "required-targets"},
};

}  // namespace

std::span<const TrendRule> trend_policy_rules() { return kRules; }

std::vector<std::optional<std::int64_t>> PolicyCounts::none() const {
  std::vector<std::optional<std::int64_t>> out;
  for (bool ran : on) out.push_back(ran ? std::optional<std::int64_t>(0) : std::nullopt);
  return out;
}

PolicyCounts policy_counts(const Book& book, Date day, bool by_manager) {
  const std::size_t n = std::size(kRules);
  std::vector<bool> on(n, false);
  std::vector<Diagnostics> found(n);
  auto all = check_rules();
  for (std::size_t i = 0; i < n; ++i) {
    auto rule = std::find_if(all.begin(), all.end(), [&](const CheckRule& r) { return std::string_view(r.id) == kRules[i].rule; });
    if (rule == all.end()) continue;
    auto sw = book.config.rule_switches.find(rule->id);
    on[i] = sw != book.config.rule_switches.end() ? sw->second : rule->on_by_default;
    if (on[i]) rule->run(book, day, *rule, found[i]);
  }
  // Each manager's index among the entries, in the order of people in team.yaml.
  std::map<std::string, std::size_t> index;
  std::vector<PolicyCount> out;
  auto entry = [&](const std::string& manager) -> PolicyCount& {
    auto [it, added] = index.emplace(manager, out.size());
    if (added) {
      out.push_back({manager, {}});
      for (std::size_t i = 0; i < n; ++i)
        out.back().counts.push_back(on[i] ? std::optional<std::int64_t>(0) : std::nullopt);
    }
    return out[it->second];
  };
  if (!by_manager) entry("");
  for (std::size_t i = 0; i < n; ++i)
    for (const Diagnostic& d : found[i].items()) {
      std::string manager;
      if (by_manager) {
        const Person* m = d.owner.empty() ? nullptr : responsible_manager(book, d.owner);
        manager = m ? book.str(m->id) : std::string();
      }
      ++*entry(manager).counts[i];
    }
  if (by_manager) {
    std::map<std::string, std::size_t> order;
    for (std::size_t i = 0; i < book.people.size(); ++i) order.emplace(book.str(book.people[i].id), i);
    auto rank = [&](const PolicyCount& c) {
      auto it = order.find(c.manager);
      return c.manager.empty() ? book.people.size() + 1 : it == order.end() ? book.people.size() : it->second;
    };
    std::stable_sort(out.begin(), out.end(), [&](const PolicyCount& a, const PolicyCount& b) { return rank(a) < rank(b); });
  }
  return {std::move(on), std::move(out)};
}

}  // namespace salesops::core
