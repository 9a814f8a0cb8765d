#pragma once
// Incentive payouts (SPEC 4b): each reward plan's lines per person and plan period, every
// line with its basis, rate, amount and the reason in words, rounded to cents so that the
// lines of a statement add up to its total.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

/// One line of a payout: a tier band, a spiff, the team bonus, the gate or the cap.
struct PayoutLine {
  std::string component;  // tier:0.5-1.0, tier:1.0+, spiff:widget-pro, team_bonus, gate, cap
  Cell basis;             // what the rate applies to: the metric's amount (or count) in the band
  Cell rate;              // Ratio for tiers and rate spiffs, Money for per-deal spiffs
  Money amount;           // rounded to cents, half away from zero
  std::string reason;     // the line in words, for the statement
};

/// What one plan pays one person for one plan period.
struct PlanPayout {
  const Person* person = nullptr;
  const RewardPlan* plan = nullptr;
  Period period;
  int active_days = 0;
  const Target* target_record = nullptr;  // the person's own target, when there is one
  /// The target the attainment is measured against (prorated when the plan says so), in
  /// hundredths of the metric's unit (cents for money).
  std::optional<std::int64_t> target;
  std::optional<std::int64_t> actual;  // hundredths; nullopt when the KPI is undefined
  std::optional<double> attainment;
  bool gated = false;
  bool capped = false;
  std::vector<PayoutLine> lines;
  /// The figures behind the lines in words (target and proration, attainment, a missing
  /// target): the statement shows them above the lines.
  std::vector<std::string> notes;

  Money total() const;
};

/// A figure as it would be: `kpi` changed by `value` (add) or set to it, for one person.
struct WhatIf {
  std::string kpi;
  bool add = true;
  long double value = 0;  // in the KPI's unit: currency units, a count, a ratio
};

struct PayoutQuery {
  Period period;
  Date today;
  std::string person;  // only this person; empty: everyone
  std::string plan;    // only this plan; empty: every plan
  /// Applied to `person`'s figures in the plan periods holding the day the change is
  /// imagined on: today when the period holds it, else the period's last day.
  std::vector<WhatIf> what_if;
};

/// Every plan's payout per person and plan period inside `query.period`: people in
/// team.yaml order, then plans in file order, then periods in time order. A plan period
/// is a calendar month, quarter or year lying wholly inside the period. People a plan
/// applies to (current role, team subtree, listed people; all that are given) who were
/// active on at least one day of the plan period.
std::vector<PlanPayout> compute_payouts(const Book& book, const PayoutQuery& query, KpiCalculator& kpis);

/// The calendar units of `unit` (month, quarter or year) lying wholly inside `period`.
std::vector<Period> plan_periods(std::string_view unit, const Period& period);

/// Whether a plan applies to a person by its `applies_to` (every criterion given must hold).
bool plan_applies(const Book& book, const RewardPlan& plan, const Person& person);

/// `amount` (hundredths) × `rate`, rounded once to hundredths, half away from zero. The
/// rate is taken as the shortest decimal that reads back as it (0.05 is 5/100 exactly),
/// so a product of half a cent rounds away from zero as the decimal says.
std::int64_t apply_rate(std::int64_t amount, double rate);
/// `v` (cents) held inside the int64 range, ± its largest value: a sum of lines or a count
/// times a per-deal amount never wraps.
std::int64_t saturating_cents(__int128 v);

/// A tier edge or rate as a component id part: 0.0, 0.5, 1.0, 1.25.
std::string tier_number(double v);
/// A rate or attainment edge as a percentage in words: 5%, 2.5%, 100%.
std::string percent_words(double v);
/// A tier's component id: tier:0.5-1.0 for a band, tier:1.0+ for the open top one.
std::string tier_component(const RewardTier& tier);
/// A plan's gate minimum in words: a percentage when the gate KPI is a ratio (90%), else
/// the number (3.0).
std::string gate_minimum_words(const Book& book, const RewardPlan& plan);

/// `reward plans`: one row per plan and tier: plan, applies_to, people (ids of the people
/// active today it applies to), period, metric, mode, component, from, to, rate, gate, cap,
/// spiffs, team_bonus, prorate.
Table reward_plans_table(const Book& book, Date today);
/// A plan's part of `reward plans`: component,from,to,rate, one row per tier (the same
/// cells as its rows of reward_plans_table).
Table reward_tiers_table(const RewardPlan& plan);
/// A plan's settings in words: "quarter revenue, marginal mode; applies to role rep; ...".
std::string plan_words(const Book& book, const RewardPlan& plan);
/// Ids of the people active on `today` a plan applies to, space separated.
std::string plan_people_words(const Book& book, const RewardPlan& plan, Date today);

/// `reward calc`: person,plan,component,basis,rate,amount,period (one row per line); with
/// `summary`: person,plan,amount (the plan's lines over every plan period).
Table payout_table(const Book& book, const std::vector<PlanPayout>& payouts, bool summary);

}  // namespace salesops::core
