#include "core/targets.hpp"

namespace salesops::core {

std::optional<Period> target_period(const Book& book, const Target& target, Date today) {
  return parse_period(book.text(target.period_text), today, book.config.calendar, nullptr);
}

const Target* find_target(const Book& book, std::string_view owner, std::string_view metric, const Period& period,
                          Date today) {
  for (const Target& t : book.targets) {
    if (book.text(t.owner) != owner || book.text(t.metric) != metric) continue;
    auto p = target_period(book, t, today);
    if (p && p->first == period.first && p->last == period.last) return &t;
  }
  return nullptr;
}

std::vector<Sym> owner_people(const Book& book, std::string_view owner) {
  if (const Person* p = book.person(owner)) return {p->id};
  std::vector<Sym> ids;
  for (std::uint32_t i : book.members(owner)) ids.push_back(book.people[i].id);
  return ids;
}

}  // namespace salesops::core
