#include "core/pipeline.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/targets.hpp"

namespace salesops::core {

Money expected_weighted(const Book& book, std::string_view owner, Date from, Date to) {
  std::vector<Sym> people = owner_people(book, owner);
  std::unordered_set<Sym> owners(people.begin(), people.end());
  const auto& stages = book.config.stages;
  long double cents = 0;
  for (const Deal& d : book.deals) {
    if (d.stage == book.config.won || d.stage == book.config.lost || !d.has_amount || !d.expected_close) continue;
    if (*d.expected_close < from || *d.expected_close > to || !owners.count(d.owner)) continue;
    cents += static_cast<long double>(d.amount.cents) * stages[d.stage].probability;
  }
  return money_from_cents_real(cents);
}

}  // namespace salesops::core
