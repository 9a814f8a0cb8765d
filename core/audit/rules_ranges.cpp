// Values out of their range: a target of a rate above 1 (35 for 0.35), a csat target above
// 5, a reward plan's rate above 1 or a gate on a rate above 1. Ratings and NPS answers are
// bounded where they are read (core/load), with the schema's ranges.
#include <fmt/format.h>

#include "core/audit/rules.hpp"
#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

namespace {

void target_ranges(const Book& b, const CheckRule& rule, Diagnostics& out) {
  for (const Target& t : b.targets) {
    auto def = find_kpi(b.config, b.text(t.metric));
    auto range = def ? kpi_range(*def) : std::nullopt;
    if (!range) continue;
    auto check = [&](Money m, const char* field) {
      if (auto why = out_of_range(*range, static_cast<double>(m.cents) / 100, fmt::format("its {}", field)))
        report(rule, b, t.at, fmt::format(N_("target {} of {}: {}"), b.text(t.id), def->id, *why), out,
               N_("rates are decimals (0.35 for 35%); ratings are means from 1 to 5"), t.owner);
    };
    check(t.value, "value");
    if (t.baseline) check(*t.baseline, "baseline");
  }
}

void plan_ranges(const Book& b, const CheckRule& rule, Diagnostics& out) {
  static constexpr KpiRange kRate{0, 1, N_("a rate from 0 to 1")};
  for (const RewardPlan& p : b.reward_plans) {
    std::vector<std::string> problems;
    for (const RewardTier& t : p.tiers)
      if (auto why = out_of_range(kRate, t.rate, fmt::format(N_("the tier from {:g}: its rate"), t.from)))
        problems.push_back(*why);
    for (const Spiff& s : p.spiffs)
      if (s.rate) {
        if (auto why = out_of_range(kRate, *s.rate, fmt::format(N_("the rate of the {} spiff"), b.text(s.product))))
          problems.push_back(*why);
      }
    auto gate = p.gate_metric.empty() ? std::nullopt : find_kpi(b.config, b.text(p.gate_metric));
    auto range = gate ? kpi_range(*gate) : std::nullopt;
    if (range && p.gate_min)
      if (auto why = out_of_range(*range, *p.gate_min, fmt::format(N_("the gate's {} minimum"), gate->id)))
        problems.push_back(*why);
    for (auto& problem : problems)
      report(rule, b, p.at, fmt::format(N_("reward plan '{}': {}"), b.text(p.id), problem), out,
             N_("rates are decimals: 0.05 for 5%"), p.applies_team);
  }
}

}  // namespace

void value_ranges(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  target_ranges(b, rule, out);
  plan_ranges(b, rule, out);
}

}  // namespace salesops::core
