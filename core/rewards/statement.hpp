#pragma once
// `reward statement` and `reward simulate`: what a rep reads, and `reward leaderboard`.
#include <string>
#include <vector>

#include "core/rewards/rewards.hpp"

namespace salesops::core {

struct StatementGrant {
  const Grant* grant = nullptr;
  bool own = false;  // granted to the person (else to their team or a team above it)
};

struct Statement {
  const Person* person = nullptr;
  Period period;
  std::vector<PlanPayout> payouts;
  /// Grants dated in the period, to the person or to their team or a team above it.
  std::vector<StatementGrant> grants;
  Money plans_total;  // the sum of every plan's rounded lines
  Money bonus_total;  // the person's own bonus grants
  Money total;        // plans_total + bonus_total
};

/// The statement of `person` for `query.period` (query.person is set to the person).
Statement reward_statement(const Book& book, const Person& person, PayoutQuery query, KpiCalculator& kpis);

/// One row per note, line, subtotal and grant, then the total:
/// person,plan,period,component,reason,amount. Notes have component `note` and no amount;
/// a grant row has its id in `plan`, its date in `period`, component `grant:<kind>`, and an
/// amount only for the person's own bonus.
Table statement_table(const Book& book, const Statement& statement);

/// `reward leaderboard`: rank,owner,name,<metric>,top. Reps active on a day of the period
/// (or, by team, the teams without sub-teams), best first (smallest first where lower is
/// better); equal figures share a rank (1, 2, 2, 4); the top three ranks are marked; an
/// undefined figure is left out.
Table leaderboard_table(const Book& book, KpiCalculator& kpis, const std::string& metric, const Period& period,
                        bool by_team);

/// `diff --payouts P`: person,name,before,after,delta for every person whose payout over
/// the period (all plans and plan periods, as `reward calc --summary` adds them up)
/// differs between the two books; a person paid by one book only has an undefined side.
Table payout_diff_table(const Book& before, const Book& after, const Period& period, Date today);

}  // namespace salesops::core
