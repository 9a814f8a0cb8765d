// `customer satisfaction`: CSAT and NPS by the customer's owner, team or segment.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/customers/customers.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

struct Answers {
  std::int64_t csat_sum = 0, csat_n = 0, satisfied = 0, nps_n = 0, promoters = 0, detractors = 0;
  void add(const Answers& o) {
    csat_sum += o.csat_sum;
    csat_n += o.csat_n;
    satisfied += o.satisfied;
    nps_n += o.nps_n;
    promoters += o.promoters;
    detractors += o.detractors;
  }
  void add(const Survey& s) {
    if (s.csat >= 0) {
      csat_sum += s.csat;
      ++csat_n;
      if (s.csat >= 4) ++satisfied;
    }
    if (s.nps >= 0) {
      ++nps_n;
      if (s.nps >= 9)
        ++promoters;
      else if (s.nps <= 6)
        ++detractors;
    }
  }
};

void fill(std::vector<Cell>& row, std::size_t at, const Answers& a) {
  auto mean = [](std::int64_t sum, std::int64_t n) {
    return n == 0 ? Cell{Undefined{}} : Cell{Decimal{static_cast<double>(sum) / static_cast<double>(n)}};
  };
  row[at] = a.csat_n;
  row[at + 1] = mean(a.csat_sum, a.csat_n);
  row[at + 2] = a.csat_n == 0 ? Cell{Undefined{}} : Cell{Ratio{static_cast<double>(a.satisfied) / a.csat_n}};
  row[at + 3] = a.nps_n;
  row[at + 4] = mean(100 * (a.promoters - a.detractors), a.nps_n);
}

}  // namespace

Table customer_satisfaction_table(const Book& b, const Period& period, std::optional<Every> every, SatisfactionBy by) {
  std::vector<Period> periods = every ? split_period(period, *every) : std::vector<Period>{period};
  // Answers per key (a person or a segment) and sub-period, in one pass over the surveys.
  std::unordered_map<Sym, std::size_t> key_of;
  std::vector<Sym> keys;
  if (by == SatisfactionBy::segment) {
    std::map<std::string_view, Sym> segments;
    for (const Customer& c : b.customers)
      if (!c.segment.empty()) segments.emplace(b.text(c.segment), c.segment);
    for (auto& [name, s] : segments) {
      key_of.emplace(s, keys.size());
      keys.push_back(s);
    }
  } else {
    for (const Person& p : b.people) {
      key_of.emplace(p.id, keys.size());
      keys.push_back(p.id);
    }
  }
  std::vector<Answers> acc(keys.size() * periods.size());
  std::vector<bool> owns(keys.size());
  for (const Customer& c : b.customers) {
    auto k = key_of.find(by == SatisfactionBy::segment ? c.segment : c.owner);
    if (k == key_of.end()) continue;
    owns[k->second] = true;
    for (const Survey& s : c.surveys()) {
      if (!period.contains(*s.date)) continue;
      auto p = std::upper_bound(periods.begin(), periods.end(), *s.date,
                                [](Date d, const Period& x) { return d < x.first; });
      acc[k->second * periods.size() + static_cast<std::size_t>(p - periods.begin() - 1)].add(s);
    }
  }
  Table t;
  t.add_column(by == SatisfactionBy::segment ? "segment" : "owner");
  if (by != SatisfactionBy::segment) t.add_column(N_("name"));
  if (every) t.add_column(N_("period"), ColumnType::period);
  const std::size_t first = t.columns.size();
  t.add_column(N_("csat_answers"), ColumnType::integer);
  t.add_column(N_("csat"), ColumnType::decimal, "rating");
  t.add_column(N_("csat_satisfied"), ColumnType::ratio);
  t.add_column(N_("nps_answers"), ColumnType::integer);
  t.add_column(N_("nps"), ColumnType::decimal, "points");
  auto add_rows = [&](std::vector<Cell> head, auto&& answers_in) {
    for (std::size_t j = 0; j < periods.size(); ++j) {
      auto& row = t.add_row();
      for (std::size_t i = 0; i < head.size(); ++i) row[i] = head[i];
      if (every) row[head.size()] = period_cell(periods[j]);
      fill(row, first, answers_in(j));
    }
  };
  if (by == SatisfactionBy::team) {
    for (const Team& team : b.teams) {
      std::vector<std::uint32_t> members = b.members(b.text(team.id));
      add_rows({b.str(team.id), b.str(team.name)}, [&](std::size_t j) {
        Answers a;
        for (std::uint32_t m : members) a.add(acc[key_of.at(b.people[m].id) * periods.size() + j]);
        return a;
      });
    }
    return t;
  }
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (!owns[k]) continue;
    std::vector<Cell> head{b.str(keys[k])};
    if (by == SatisfactionBy::owner) head.push_back(b.str(b.person(b.text(keys[k]))->name));
    add_rows(head, [&](std::size_t j) { return acc[k * periods.size() + j]; });
  }
  return t;
}

}  // namespace salesops::core
