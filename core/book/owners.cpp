#include "core/book/owners.hpp"

namespace salesops::core {

std::vector<Sym> owner_people(const Book& book, std::string_view owner) {
  if (const Person* p = book.person(owner)) return {p->id};
  std::vector<Sym> ids;
  for (std::uint32_t i : book.members(owner)) ids.push_back(book.people[i].id);
  return ids;
}

std::unordered_set<std::string_view> owners_under(const Book& book, std::string_view owner) {
  std::unordered_set<std::string_view> out{owner};
  if (book.person(owner)) return out;
  for (std::uint32_t t : book.subtree(owner)) out.insert(book.text(book.teams[t].id));
  for (std::uint32_t p : book.members(owner)) out.insert(book.text(book.people[p].id));
  return out;
}

}  // namespace salesops::core
