#include "core/pipeline.hpp"

#include <unordered_map>

namespace salesops::core {

OpenDeals::OpenDeals(const Book& book) : book_(book), by_person_(book.people.size()) {
  std::unordered_map<Sym, std::size_t> person;
  for (std::size_t i = 0; i < book.people.size(); ++i) person.emplace(book.people[i].id, i);
  for (const Deal& d : book.deals) {
    if (d.stage == book.config.won || d.stage == book.config.lost || !d.expected_close) continue;
    auto it = person.find(d.owner);
    if (it == person.end()) continue;
    by_person_[it->second].push_back(
        {*d.expected_close, d.has_amount ? d.amount.cents : 0, book.config.stages[d.stage].probability});
  }
}

ExpectedDeals OpenDeals::expected(std::string_view owner, Date from, Date to) const {
  std::vector<std::uint32_t> people;
  if (const Person* p = book_.person(owner)) people.push_back(static_cast<std::uint32_t>(p - book_.people.data()));
  else people = book_.members(owner);
  ExpectedDeals out;
  long double weighted = 0;
  for (std::uint32_t i : people) {
    for (const Entry& e : by_person_[i]) {
      if (e.expected_close < from || e.expected_close > to) continue;
      ++out.deals;
      out.amount.cents += e.cents;
      weighted += static_cast<long double>(e.cents) * e.probability;
    }
  }
  out.weighted = money_from_cents_real(weighted);
  return out;
}

Money expected_weighted(const Book& book, std::string_view owner, Date from, Date to) {
  return OpenDeals(book).expected(owner, from, to).weighted;
}

}  // namespace salesops::core
