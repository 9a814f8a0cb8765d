#include "core/book/book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// `index`, built first when it does not hold every record (see Book::deal_index). A loaded
/// book's ids are distinct, so once built it stays so until records are added.
template <class Rec>
const IdIndex& indexed(IdIndex& index, const std::vector<Rec>& records, const Book& b) {
  if (index.size() != records.size()) index.assign(records.size(), [&](std::uint32_t p) { return b.text(records[p].id); });
  return index;
}

template <class Rec>
const Rec* lookup(const IdIndex& index, const std::vector<Rec>& records, const Book& b, std::string_view id) {
  auto pos = index.find(id, [&](std::uint32_t i) { return b.text(records[i].id); });
  return pos ? &records[*pos] : nullptr;
}

}  // namespace

const Team* Book::team(std::string_view id) const { return lookup(team_index, teams, *this, id); }
const Person* Book::person(std::string_view id) const { return lookup(person_index, people, *this, id); }
const Customer* Book::customer(std::string_view id) const {
  return lookup(indexed(customer_index, customers, *this), customers, *this, id);
}
const Deal* Book::deal(std::string_view id) const { return lookup(indexed(deal_index, deals, *this), deals, *this, id); }
const Target* Book::target(std::string_view id) const { return lookup(target_index, targets, *this, id); }
const Plan* Book::plan(std::string_view id) const { return lookup(plan_index, plans, *this, id); }

std::optional<std::uint8_t> Book::currency_slot(std::string_view code) {
  if (code == config.currency) return std::uint8_t{0};
  auto it = std::find(currencies.begin(), currencies.end(), code);
  if (it != currencies.end()) return static_cast<std::uint8_t>(it - currencies.begin() + 1);
  if (currencies.size() >= 127) return std::nullopt;
  currencies.emplace_back(code);
  return static_cast<std::uint8_t>(currencies.size());
}

const Rate* Book::rate_on(std::string_view currency, Date day) const {
  // `rates` is sorted by currency then date: the last of the currency dated on or before `day`.
  auto it = std::upper_bound(rates.begin(), rates.end(), std::pair(currency, day), [](const auto& key, const Rate& r) {
    return key.first < r.currency || (key.first == r.currency && key.second < *r.date);
  });
  if (it == rates.begin()) return nullptr;
  --it;
  return it->currency == currency ? &*it : nullptr;
}

Money Book::amount_in_book_currency(const Deal& d, Date day) const {
  if (d.currency == 0) return d.amount;
  std::string_view code = currency_of(d);
  const Rate* rate = rate_on(code, day);
  if (!rate) {
    Location at = location(d.at);
    throw std::runtime_error(fmt::format(N_("{}:{}:{}: deal '{}' is in {} but rates/ has no {} rate on or before {}"),
                                         at.file, at.line, at.column, text(d.id), code, code, format_date(day)));
  }
  return convert_money(d.amount, rate->micro);
}

std::optional<std::uint8_t> Book::stage_on(const Deal& deal, Date d) const {
  if (deal.opened && d < *deal.opened) return std::nullopt;
  if (deal.closed && *deal.closed <= d) return deal.stage;
  std::optional<std::uint8_t> stage;
  for (const StageChange& c : history_of(deal)) {
    if (c.date() > d) break;
    stage = c.stage();
  }
  if (!stage && deal.history_count == 0) stage = deal.stage;
  if (!stage && deal.opened) stage = history_of(deal).empty() ? deal.stage : history_of(deal).front().stage();
  return stage;
}

std::vector<std::uint32_t> Book::subtree(std::string_view team_id) const {
  std::vector<std::uint32_t> out;
  bool all = team_id == "company";
  for (std::uint32_t i = 0; i < teams.size(); ++i) {
    if (all) { out.push_back(i); continue; }
    // Walk up from each team; bounded by the team count so a cycle cannot hang.
    const Team* t = &teams[i];
    for (std::size_t steps = 0; t && steps <= teams.size(); ++steps) {
      if (text(t->id) == team_id) { out.push_back(i); break; }
      t = t->parent.empty() ? nullptr : team(text(t->parent));
    }
  }
  return out;
}

std::vector<std::uint32_t> Book::members(std::string_view team_id) const {
  std::vector<std::uint32_t> out;
  if (team_id == "company") {
    for (std::uint32_t i = 0; i < people.size(); ++i) out.push_back(i);
    return out;
  }
  std::vector<std::uint32_t> teams_in = subtree(team_id);
  for (std::uint32_t i = 0; i < people.size(); ++i)
    for (std::uint32_t t : teams_in)
      if (people[i].team == teams[t].id) { out.push_back(i); break; }
  return out;
}

std::optional<std::string> custom_field_refusal(const Book& b, const CustomField& f, std::string_view value) {
  if (value.empty()) return std::nullopt;
  if (auto problem = custom_value_problem(f, value))
    return problem->hint.empty() ? problem->message : problem->message + " (" + problem->hint + ")";
  if (f.type != CustomType::ref) return std::nullopt;
  bool found = f.ref == RefKind::customer ? b.customer(value) != nullptr
               : f.ref == RefKind::person ? b.person(value) != nullptr
               : f.ref == RefKind::team   ? value == "company" || b.team(value) != nullptr
               : f.ref == RefKind::deal   ? b.deal(value) != nullptr
                                          : true;
  if (found) return std::nullopt;
  std::string kind = custom_type_name(f).substr(std::string_view("reference to ").size());
  return f.key + " '" + std::string(value) + "' refers to no " + kind;
}

}  // namespace salesops::core
