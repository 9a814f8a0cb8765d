// `reward leaderboard`: people or teams ranked on one KPI, ties sharing a rank.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/rewards/statement.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// Cells of one KPI compare exactly: money in cents, counts as integers.
long double sort_key(const Cell& c) {
  if (auto m = std::get_if<Money>(&c)) return static_cast<long double>(m->cents);
  if (auto i = std::get_if<std::int64_t>(&c)) return static_cast<long double>(*i);
  if (auto r = std::get_if<Ratio>(&c)) return r->value;
  if (auto d = std::get_if<Decimal>(&c)) return d->value;
  return 0;
}

bool defined(const Cell& c) {
  if (std::holds_alternative<Undefined>(c) || std::holds_alternative<std::string>(c)) return false;
  if (auto r = std::get_if<Ratio>(&c)) return std::isfinite(r->value);
  if (auto d = std::get_if<Decimal>(&c)) return std::isfinite(d->value);
  return true;
}

}  // namespace

Table leaderboard_table(const Book& book, KpiCalculator& kpis, const std::string& metric, const Period& period,
                        bool by_team) {
  struct Entry {
    std::string owner, name;
    Cell value;
    long double key = 0;
  };
  std::vector<Entry> entries;
  auto add = [&](Sym id, Sym name) {
    Cell v = kpis.value(metric, book.text(id), period);
    if (defined(v)) entries.push_back({book.str(id), book.str(name), v, sort_key(v)});
  };
  if (by_team) {
    for (const Team& t : book.teams) {
      bool has_children = std::any_of(book.teams.begin(), book.teams.end(), [&](const Team& c) {
        return !c.parent.empty() && book.text(c.parent) == book.text(t.id);
      });
      if (!has_children) add(t.id, t.name);
    }
  } else {
    for (const Person& p : book.people) {
      bool active = (!p.joined || *p.joined <= period.last) && (!p.left || period.first <= *p.left);
      if (p.role == Role::rep && active) add(p.id, p.name);
    }
  }
  auto def = find_kpi(book.config, metric);
  bool ascending = def && def->lower_is_better;
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    return ascending ? a.key < b.key : a.key > b.key;
  });
  Table t;
  t.add_column(N_("rank"), ColumnType::integer, "rank");
  t.add_column(by_team ? "team" : "person");
  t.add_column(N_("name"));
  if (def) add_kpi_column(t, *def, metric);
  else t.add_column(metric, ColumnType::decimal);
  t.add_column(N_("top"));
  std::int64_t rank = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i == 0 || entries[i].key != entries[i - 1].key) rank = static_cast<std::int64_t>(i) + 1;
    t.add_row() = {rank, entries[i].owner, entries[i].name, entries[i].value,
                   rank <= 3 ? Cell{std::string("★")} : Cell{std::string()}};
    if (rank <= 3) t.set_tone(t.rows.size() - 1, 4, Tone::good);
  }
  return t;
}

}  // namespace salesops::core
