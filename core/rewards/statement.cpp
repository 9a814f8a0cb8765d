// A person's reward statement: every plan's lines with their reasons, subtotals, the
// grants of the period and the total, which is the sum of the rounded lines.
#include "core/rewards/statement.hpp"
#include "core/base/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// The person's team and the teams above it: a grant to any of them reaches the person.
std::vector<std::string_view> teams_of(const Book& b, const Person& p) {
  std::vector<std::string_view> out;
  const Team* t = p.team.empty() ? nullptr : b.team(b.text(p.team));
  while (t && out.size() <= b.teams.size()) {
    out.push_back(b.text(t->id));
    t = t->parent.empty() ? nullptr : b.team(b.text(t->parent));
  }
  return out;
}

}  // namespace

Statement reward_statement(const Book& book, const Person& person, PayoutQuery query, KpiCalculator& kpis) {
  Statement s;
  s.person = &person;
  s.period = query.period;
  query.person = book.str(person.id);
  s.payouts = compute_payouts(book, query, kpis);
  for (const PlanPayout& p : s.payouts) s.plans_total += p.total();
  auto teams = teams_of(book, person);
  for (const Grant& g : book.grants) {
    if (!g.date || !query.period.contains(*g.date)) continue;
    bool own = !g.person.empty() && book.text(g.person) == book.text(person.id);
    bool team = !g.team.empty() && std::find(teams.begin(), teams.end(), book.text(g.team)) != teams.end();
    if (!own && !team) continue;
    s.grants.push_back({&g, own});
    if (own && book.text(g.kind) == "bonus") s.bonus_total += g.amount;
  }
  s.total = s.plans_total + s.bonus_total;
  return s;
}

std::vector<StatementEntry> statement_entries(const Book& book, const PlanPayout& p) {
  std::vector<StatementEntry> out;
  for (const std::string& note : p.notes) out.push_back({"note", note, Undefined{}});
  for (const PayoutLine& l : p.lines) out.push_back({l.component, l.reason, l.amount});
  out.push_back({"subtotal", fmt::format(N_("{} for {}"), book.text(p.plan->id), p.period.label), p.total()});
  return out;
}

StatementGrantEntry statement_grant_entry(const Book& book, const StatementGrant& sg) {
  const Grant& g = *sg.grant;
  StatementGrantEntry e{book.str(g.id), *g.date, book.str(g.kind), book.str(g.title), Undefined{}};
  if (!g.reason.empty()) e.reason += " (" + book.str(g.reason) + ")";
  if (!sg.own) e.reason = fmt::format(N_("{}, to team {}"), e.reason, book.text(g.team));
  if (e.kind == "bonus" && sg.own)
    e.amount = g.amount;
  else if (e.kind == "bonus")
    e.reason = fmt::format(N_("{}: {} to the team, not in this total"), e.reason, format_money_grouped(g.amount));
  return e;
}

Table statement_table(const Book& book, const Statement& s) {
  Table t;
  t.has_row_kinds = true;
  t.add_column(N_("person"));
  t.add_column(N_("plan"));
  t.add_column(N_("period"), ColumnType::period);
  t.add_column(N_("component"));
  t.add_column(N_("reason"));
  t.add_column(N_("amount"), ColumnType::money);
  std::string person = book.str(s.person->id);
  for (const PlanPayout& p : s.payouts)
    for (StatementEntry& e : statement_entries(book, p)) {
      bool subtotal = e.component == "subtotal";
      t.add_row() = {person, book.str(p.plan->id), period_cell(p.period), std::move(e.component), std::move(e.reason),
                     std::move(e.amount)};
      if (subtotal) t.set_row_kind(t.rows.size() - 1, RowKind::subtotal);
    }
  for (const StatementGrant& sg : s.grants) {
    StatementGrantEntry e = statement_grant_entry(book, sg);
    // A grant's period is its day.
    t.add_row() = {person, e.grant, PeriodCell{format_date(e.date), e.date, e.date}, "grant:" + e.kind, e.reason, e.amount};
  }
  t.add_row() = {person,
                 std::string(),
                 period_cell(s.period),
                 std::string("total"),
                 fmt::format(N_("plans {} + bonus grants {}"), format_money_grouped(s.plans_total),
                             format_money_grouped(s.bonus_total)),
                 s.total};
  t.set_row_kind(t.rows.size() - 1, RowKind::total);
  return t;
}

}  // namespace salesops::core
