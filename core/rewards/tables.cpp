// The tables of `reward plans` and `reward calc`.
#include <fmt/format.h>

#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/rewards/rewards.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

std::string applies_words(const Book& b, const RewardPlan& p) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  if (!p.applies_role.empty()) add(fmt::format(N_("role {}"), b.text(p.applies_role)));
  if (!p.applies_team.empty()) add(fmt::format(N_("team {}"), b.text(p.applies_team)));
  if (!p.applies_people.empty()) {
    std::string ids;
    for (Sym s : p.applies_people) ids += (ids.empty() ? "" : " ") + b.str(s);
    add(fmt::format(N_("people {}"), ids));
  }
  return out.empty() ? "everyone" : out;
}

std::string gate_words(const Book& b, const RewardPlan& p) {
  if (p.gate_metric.empty()) return {};
  return fmt::format("{} >= {}", b.text(p.gate_metric), gate_minimum_words(b, p));
}

std::string spiff_words(const Book& b, const RewardPlan& p) {
  std::string out;
  for (const Spiff& s : p.spiffs) {
    std::string what = s.per_deal ? fmt::format(N_("{} per deal"), format_money_grouped(*s.per_deal))
                       : s.rate   ? fmt::format(N_("{} of the amount"), percent_words(*s.rate))
                                  : std::string("nothing");
    out += fmt::format("{}{} {}", out.empty() ? "" : "; ", b.text(s.product), what);
  }
  return out;
}

std::string team_bonus_words(const RewardPlan& p) {
  if (!p.team_bonus_amount) return {};
  return fmt::format(N_("{} at {} of the team's target"), format_money_grouped(*p.team_bonus_amount),
                     percent_words(p.team_bonus_min_attainment.value_or(1.0)));
}

/// A tier's cells: component, from, to (undefined for the top tier), rate.
std::vector<Cell> tier_cells(const RewardTier& tier) {
  return {tier_component(tier), Ratio{tier.from}, tier.to ? Cell{Ratio{*tier.to}} : Cell{Undefined{}},
          Ratio{tier.rate}};
}

void add_tier_columns(Table& t) {
  t.add_column(N_("component"));
  for (const char* c : {N_("from"), N_("to"), N_("rate")}) t.add_column(c, ColumnType::ratio);
}

}  // namespace

std::string plan_people_words(const Book& book, const RewardPlan& plan, Date today) {
  std::string ids;
  for (const Person& p : book.people)
    if (p.active_on(today) && plan_applies(book, plan, p)) ids += (ids.empty() ? "" : " ") + book.str(p.id);
  return ids;
}

std::string plan_words(const Book& book, const RewardPlan& p) {
  std::vector<std::string> parts{
      fmt::format(N_("{} {}, {} mode"), book.text(p.period), book.text(p.metric), book.text(p.mode))};
  parts.push_back(fmt::format(N_("applies to {}"), applies_words(book, p)));
  if (auto g = gate_words(book, p); !g.empty()) parts.push_back(fmt::format(N_("gate {}"), g));
  if (p.cap) parts.push_back(fmt::format(N_("cap {}"), format_money_grouped(*p.cap)));
  if (auto s = spiff_words(book, p); !s.empty()) parts.push_back(fmt::format(N_("spiffs {}"), s));
  if (auto t = team_bonus_words(p); !t.empty()) parts.push_back(fmt::format(N_("team bonus {}"), t));
  if (p.prorate) parts.push_back(N_("prorated to active days"));
  if (p.valid_from && p.valid_to)
    parts.push_back(fmt::format(N_("in force from {} to {}"), format_date(*p.valid_from), format_date(*p.valid_to)));
  else if (p.valid_from)
    parts.push_back(fmt::format(N_("in force from {}"), format_date(*p.valid_from)));
  else if (p.valid_to)
    parts.push_back(fmt::format(N_("in force to {}"), format_date(*p.valid_to)));
  std::string out;
  for (auto& s : parts) out += (out.empty() ? "" : "; ") + s;
  return out;
}

Table reward_plans_table(const Book& book, Date today) {
  Table t;
  for (const char* c : {N_("plan"), N_("applies_to"), N_("people"), N_("period"), N_("metric"), N_("mode")}) t.add_column(c);
  add_tier_columns(t);
  t.add_column(N_("gate"));
  t.add_column(N_("cap"), ColumnType::money);
  for (const char* c : {N_("spiffs"), N_("team_bonus"), N_("prorate")}) t.add_column(c);
  for (const RewardPlan& p : book.reward_plans) {
    std::vector<Cell> common{book.str(p.id), applies_words(book, p), plan_people_words(book, p, today),
                             book.str(p.period), book.str(p.metric), book.str(p.mode)};
    std::vector<Cell> extra{gate_words(book, p), p.cap ? Cell{*p.cap} : Cell{Undefined{}}, spiff_words(book, p),
                            team_bonus_words(p), std::string(p.prorate ? "true" : "false")};
    auto add = [&](const std::vector<Cell>& tier) {
      auto& row = t.add_row();
      auto out = std::copy(common.begin(), common.end(), row.begin());
      out = std::copy(tier.begin(), tier.end(), out);
      std::copy(extra.begin(), extra.end(), out);
    };
    // A plan without tiers still has its row, with no component.
    if (p.tiers.empty()) add({Undefined{}, Undefined{}, Undefined{}, Undefined{}});
    for (const RewardTier& tier : p.tiers) add(tier_cells(tier));
  }
  return t;
}

Table reward_tiers_table(const RewardPlan& plan) {
  Table t;
  add_tier_columns(t);
  for (const RewardTier& tier : plan.tiers) t.add_row() = tier_cells(tier);
  return t;
}

Table payout_table(const Book& book, const std::vector<PlanPayout>& payouts, bool summary) {
  Table t;
  t.add_column(N_("person"));
  t.add_column(N_("plan"));
  if (summary) {
    t.add_column(N_("amount"), ColumnType::money);
    // One row per person and plan: the plan periods, which follow each other, add up.
    for (std::size_t i = 0; i < payouts.size();) {
      const PlanPayout& first = payouts[i];
      Money sum{0};
      auto same = [&](const PlanPayout& pp) {
        return book.text(pp.person->id) == book.text(first.person->id) &&
               book.text(pp.plan->id) == book.text(first.plan->id);
      };
      for (; i < payouts.size() && same(payouts[i]); ++i) sum += payouts[i].total();
      t.add_row() = {book.str(first.person->id), book.str(first.plan->id), sum};
    }
    return t;
  }
  t.add_column(N_("component"));
  t.add_mixed_column(N_("basis"), "basis_unit");
  t.add_mixed_column(N_("rate"), "rate_unit");
  t.add_column(N_("amount"), ColumnType::money);
  t.add_column(N_("period"), ColumnType::period);
  // Last: the columns before them keep their places.
  t.add_unit_column("basis_unit");
  t.add_unit_column("rate_unit");
  for (const PlanPayout& pp : payouts)
    for (const PayoutLine& l : pp.lines)
      t.add_row() = {book.str(pp.person->id), book.str(pp.plan->id), l.component, l.basis, l.rate, l.amount,
                     period_cell(pp.period), cell_unit(l.basis, book.config.currency),
                     cell_unit(l.rate, book.config.currency)};
  return t;
}

}  // namespace salesops::core
