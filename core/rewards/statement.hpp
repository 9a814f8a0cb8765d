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

/// A row of one plan period's part of a statement: a note, a payout line or the subtotal.
struct StatementEntry {
  std::string component;  // `note`, the line's component (tier:…, spiff:…, gate, cap), `subtotal`
  std::string reason;
  Cell amount;  // undefined for a note
};

/// A plan period's rows as a rep reads them: its notes, its lines, then its subtotal.
std::vector<StatementEntry> statement_entries(const Book& book, const PlanPayout& payout);

/// A grant as the statement shows it.
struct StatementGrantEntry {
  std::string grant;  // the grant's id
  Date date;
  std::string kind;
  std::string reason;  // the title, its reason, and the team when it went to a team
  Cell amount;         // only the person's own bonus: the others are not in the total
};

StatementGrantEntry statement_grant_entry(const Book& book, const StatementGrant& grant);

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
