#include "core/deals/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "core/base/i18n.hpp"
#include "core/book/target_lookup.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

namespace {

/// Position in book.people of each person id, to attribute a deal in one look-up.
std::unordered_map<Sym, std::uint32_t> person_positions(const Book& book) {
  std::unordered_map<Sym, std::uint32_t> out;
  out.reserve(book.people.size());
  for (std::uint32_t i = 0; i < book.people.size(); ++i) out.emplace(book.people[i].id, i);
  return out;
}

struct StageSum {
  std::int64_t deals = 0;
  std::int64_t amount = 0;   // cents
  long double weighted = 0;  // cents, rounded once per row
};

using StageSums = std::vector<StageSum>;  // one per open stage

/// `what` overflows: amounts are bounded, so this takes tens of millions of deals, but a
/// wrapped or saturated sum would be a wrong figure with nothing said.
[[noreturn]] void overflow(const std::string& what) { throw std::overflow_error(what + " overflows"); }

/// Adds `from` to `into`, each sum checked; `what` names the sum in the error.
void add_sum(StageSum& into, const StageSum& from, const std::function<std::string()>& what) {
  auto amount = checked_add(Money{into.amount}, Money{from.amount});
  if (!amount || !fits_cents(into.weighted + from.weighted)) overflow(what());
  into.deals += from.deals;
  into.amount = amount->cents;
  into.weighted += from.weighted;
}

void add_to(StageSums& into, const StageSums& from, std::string_view team) {
  for (std::size_t s = 0; s < into.size(); ++s)
    add_sum(into[s], from[s], [&] { return fmt::format(N_("the pipeline of team {}"), team); });
}

/// Money `a` + `b`, or the error naming `what`.
Money checked_sum(Money a, Money b, const char* what) {
  auto sum = checked_add(a, b);
  if (!sum) overflow(what);
  return *sum;
}

void add_stage_rows(const Book& book, Table& t, const StageSums& sums, const std::string* owner) {
  const auto& stages = book.config.stages;
  std::int64_t deals = 0;
  Money amount, weighted;
  auto start = [&]() -> std::vector<Cell>& {
    auto& row = t.add_row();
    if (owner) row[0] = *owner;
    return row;
  };
  std::size_t c = owner ? 1 : 0;
  for (std::size_t s = 0; s < sums.size(); ++s) {
    if (!fits_cents(sums[s].weighted)) overflow("the weighted amount of stage " + stages[s].name);
    Money w = money_from_cents_real(sums[s].weighted);
    auto& row = start();
    row[c] = stages[s].name;
    row[c + 1] = sums[s].deals;
    row[c + 2] = Money{sums[s].amount};
    row[c + 3] = Ratio{stages[s].probability};
    row[c + 4] = w;
    deals += sums[s].deals;
    amount = checked_sum(amount, Money{sums[s].amount}, N_("the total pipeline amount"));
    weighted = checked_sum(weighted, w, N_("the total weighted amount"));
  }
  auto& row = start();
  // One owner's total among others' adds up that owner's stages only.
  t.set_row_kind(t.rows.size() - 1, owner ? RowKind::subtotal : RowKind::total);
  row[c] = std::string("total");
  row[c + 1] = deals;
  row[c + 2] = amount;
  row[c + 4] = weighted;
}

}  // namespace

OpenDeals::OpenDeals(const Book& book) : book_(book), by_person_(book.people.size()) {
  std::unordered_map<Sym, std::size_t> person;
  for (std::size_t i = 0; i < book.people.size(); ++i) person.emplace(book.people[i].id, i);
  for (const Deal& d : book.deals) {
    if (d.stage == book.config.won || d.stage == book.config.lost || !d.expected_close) continue;
    auto it = person.find(d.owner);
    if (it == person.end()) continue;
    by_person_[it->second].push_back(
        {*d.expected_close, d.has_amount ? book.amount_in_book_currency(d, *d.expected_close).cents : 0,
         book.config.stages[d.stage].probability});
  }
}

ExpectedDeals OpenDeals::expected(std::string_view owner, Date from, Date to) const {
  std::vector<std::uint32_t> people;
  if (const Person* p = book_.person(owner))
    people.push_back(static_cast<std::uint32_t>(p - book_.people.data()));
  else
    people = book_.members(owner);
  ExpectedDeals out;
  long double weighted = 0;
  for (std::uint32_t i : people) {
    for (const Entry& e : by_person_[i]) {
      if (e.expected_close < from || e.expected_close > to) continue;
      ++out.deals;
      out.amount = checked_sum(out.amount, Money{e.cents}, N_("the open amount expected to close"));
      weighted += static_cast<long double>(e.cents) * e.probability;
      if (!fits_cents(weighted)) overflow(fmt::format(N_("the weighted amount expected to close for {}"), owner));
    }
  }
  out.weighted = money_from_cents_real(weighted);
  return out;
}

Money expected_weighted(const Book& book, std::string_view owner, Date from, Date to) {
  return OpenDeals(book).expected(owner, from, to).weighted;
}

Table pipeline_table(const Book& book, Date as_of, PipelineBy by) {
  const std::size_t open = book.config.open_stage_count();
  const auto& stages = book.config.stages;
  auto positions = person_positions(book);
  // One pass over the deals: sums per person (and for the whole book) and open stage.
  std::vector<StageSums> per_person(book.people.size(), StageSums(open));
  StageSums all(open);
  for (const Deal& d : book.deals) {
    if (d.closed && *d.closed <= as_of) continue;
    auto stage = book.stage_on(d, as_of);
    if (!stage || !is_open_stage(book.config, *stage)) continue;
    StageSum one;
    one.deals = 1;
    if (d.has_amount && d.opened) {
      one.amount = book.amount_in_book_currency(d, as_of).cents;
      one.weighted = static_cast<long double>(one.amount) * stages[*stage].probability;
    }
    StageSum* targets[2] = {&all[*stage], nullptr};
    if (auto it = positions.find(d.owner); it != positions.end()) targets[1] = &per_person[it->second][*stage];
    for (StageSum* s : targets)
      if (s) add_sum(*s, one, [&] { return fmt::format(N_("the pipeline at deal {}"), book.text(d.id)); });
  }

  Table t;
  if (by != PipelineBy::none) t.add_column(N_("owner"));
  for (const char* id : {N_("stage"), N_("deals"), N_("amount"), N_("probability"), N_("weighted_amount")}) t.add_column(id);
  t.set_type("deals", ColumnType::integer);
  t.set_type("amount", ColumnType::money);
  t.set_type("probability", ColumnType::ratio);
  t.set_type("weighted_amount", ColumnType::money);
  t.has_row_kinds = true;
  auto has_deals = [](const StageSums& sums) {
    return std::any_of(sums.begin(), sums.end(), [](const StageSum& s) { return s.deals > 0; });
  };
  if (by == PipelineBy::none) {
    add_stage_rows(book, t, all, nullptr);
  } else if (by == PipelineBy::owner) {
    for (std::size_t i = 0; i < book.people.size(); ++i) {
      if (!has_deals(per_person[i])) continue;
      std::string owner = book.str(book.people[i].id);
      add_stage_rows(book, t, per_person[i], &owner);
    }
  } else {
    for (const Team& team : book.teams) {
      StageSums sums(open);
      for (std::uint32_t p : book.members(book.text(team.id))) add_to(sums, per_person[p], book.text(team.id));
      if (!has_deals(sums)) continue;
      std::string owner = book.str(team.id);
      add_stage_rows(book, t, sums, &owner);
    }
  }
  return t;
}

Table forecast_table(const Book& book, const Period& period, Date today) {
  Date from = std::max(today, period.first);
  OpenDeals open_deals(book);
  KpiCalculator kpi(book, today);
  Table t;
  for (const char* id : {N_("owner"), N_("name"), N_("won"), N_("weighted_open"), N_("forecast"), N_("target"), N_("gap")}) t.add_column(id);
  for (const char* id : {"won", "weighted_open", "forecast", "target", "gap"}) t.set_type(id, ColumnType::money);
  t.has_row_kinds = true;
  auto add = [&](const std::string& owner, const std::string& name, bool always) {
    Cell won_cell = kpi.value("revenue", owner, period);
    Money won = std::holds_alternative<Money>(won_cell) ? std::get<Money>(won_cell) : Money{};
    Money open = from <= period.last ? open_deals.expected(owner, from, period.last).weighted : Money{};
    const Target* target = find_target(book, owner, "revenue", period, today);
    if (!always && !target && won.cents == 0 && open.cents == 0) return;
    auto& row = t.add_row();
    row[0] = owner;
    row[1] = name;
    row[2] = won;
    row[3] = open;
    row[4] = won + open;
    if (target) {
      row[5] = target->value;
      row[6] = target->value - (won + open);
    }
  };
  for (const Person& p : book.people) add(book.str(p.id), book.str(p.name), false);
  // A team's row adds up its people's, the company's everyone's.
  std::size_t people = t.rows.size();
  for (const Team& team : book.teams) add(book.str(team.id), book.str(team.name), true);
  for (std::size_t r = people; r < t.rows.size(); ++r) t.set_row_kind(r, RowKind::subtotal);
  add("company", book.config.org_name, true);
  t.set_row_kind(t.rows.size() - 1, RowKind::total);
  return t;
}

}  // namespace salesops::core
