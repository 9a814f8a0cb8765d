#include "core/book/target_lookup.hpp"

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

namespace {

std::string lookup_key(std::string_view owner, std::string_view metric) {
  std::string key(owner);
  key += '\0';
  key += metric;
  return key;
}

}  // namespace

TargetLookup::TargetLookup(const Book& book, Date today) {
  for (const Target& t : book.targets) {
    auto p = target_period(book, t, today);
    if (!p) continue;
    by_owner_metric_[lookup_key(book.text(t.owner), book.text(t.metric))].push_back({&t, p->first, p->last});
  }
}

const Target* TargetLookup::find(std::string_view owner, std::string_view metric, const Period& period) const {
  auto it = by_owner_metric_.find(lookup_key(owner, metric));
  if (it == by_owner_metric_.end()) return nullptr;
  for (const Entry& e : it->second)
    if (e.first == period.first && e.last == period.last) return e.target;
  return nullptr;
}

}  // namespace salesops::core
