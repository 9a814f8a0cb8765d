#include "core/deals/deals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"
#include "core/book/owners.hpp"

namespace salesops::core {

namespace {

template <class Rec>
std::string unknown(std::string_view what, std::string_view id, const std::vector<Rec>& records, const Book& book) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const Rec& r : records) ids.push_back(book.str(r.id));
  auto near = closest_match(id, ids);
  return fmt::format(N_("unknown {} '{}'{}"), what, id, near ? fmt::format(N_(" (did you mean {}?)"), *near) : "");
}

/// Orders deals by one column; a missing value is "greater" than any present one.
struct DealOrder {
  const Book& book;
  std::string column;
  bool descending = false;

  template <class Key>
  static int compare(const std::optional<Key>& a, const std::optional<Key>& b, bool descending) {
    if (!a || !b) return a ? -1 : b ? 1 : 0;
    if (*a == *b) return 0;
    return (*a < *b) != descending ? -1 : 1;
  }
  static std::optional<std::string_view> text(const Book& b, Sym s) {
    return s.empty() ? std::nullopt : std::optional(b.text(s));
  }
  static std::optional<Date> day(Day d) { return d ? std::optional(*d) : std::nullopt; }

  int by_column(const Deal& a, const Deal& b) const {
    if (column == "owner") return compare(text(book, a.owner), text(book, b.owner), descending);
    if (column == "customer") return compare(text(book, a.customer), text(book, b.customer), descending);
    if (column == "product") return compare(text(book, a.product), text(book, b.product), descending);
    if (column == "title") return compare(text(book, a.title), text(book, b.title), descending);
    if (column == "stage") return compare(std::optional(a.stage), std::optional(b.stage), descending);
    if (column == "amount")
      return compare(a.has_amount ? std::optional(a.amount) : std::nullopt,
                     b.has_amount ? std::optional(b.amount) : std::nullopt, descending);
    if (column == "opened") return compare(day(a.opened), day(b.opened), descending);
    if (column == "expected_close") return compare(day(a.expected_close), day(b.expected_close), descending);
    if (column == "closed") return compare(day(a.closed), day(b.closed), descending);
    if (int i = CustomFields::index(book.config.fields.deal, column); i >= 0) return by_custom(a, b, i);
    return compare(text(book, a.id), text(book, b.id), descending);
  }
  /// A custom field sorts by its typed value (money and numbers by amount, dates by day).
  int by_custom(const Deal& a, const Deal& b, int i) const {
    const CustomField& f = book.config.fields.deal[static_cast<std::size_t>(i)];
    Cell x = custom_cell(f, book.custom(a, static_cast<std::size_t>(i)));
    Cell y = custom_cell(f, book.custom(b, static_cast<std::size_t>(i)));
    auto key = [](const Cell& c) -> std::optional<std::pair<long double, std::string>> {
      if (auto* m = std::get_if<Money>(&c)) return std::pair(static_cast<long double>(m->cents), std::string());
      if (auto* n = std::get_if<Decimal>(&c)) return std::pair(static_cast<long double>(n->value), std::string());
      if (auto* d = std::get_if<Date>(&c)) return std::pair(static_cast<long double>(d->time_since_epoch().count()), std::string());
      if (auto* s = std::get_if<std::string>(&c)) return std::pair(0.0L, *s);
      return std::nullopt;
    };
    return compare(key(x), key(y), descending);
  }
  bool operator()(const Deal* a, const Deal* b) const {
    int c = by_column(*a, *b);
    return c != 0 ? c < 0 : book.text(a->id) < book.text(b->id);
  }
};

}  // namespace

const std::vector<std::string>& deal_list_columns() {
  static const std::vector<std::string> columns = {"id",     "owner",  "customer",       "product", "stage",
                                                   "amount", "opened", "expected_close", "closed",  "title"};
  return columns;
}

std::optional<Table> deal_list_table(const Book& book, const DealQuery& q, std::string* error) {
  auto fail = [&](std::string message) {
    *error = std::move(message);
    return std::optional<Table>{};
  };
  std::optional<std::unordered_set<Sym>> owners;
  if (!q.owner.empty()) {
    const Person* p = book.person(q.owner);
    if (!p) return fail(unknown("owner", q.owner, book.people, book));
    owners.emplace().insert(p->id);
  }
  if (!q.team.empty()) {
    if (q.team != "company" && !book.team(q.team)) return fail(unknown("team", q.team, book.teams, book));
    std::vector<Sym> members = owner_people(book, q.team);
    std::unordered_set<Sym> in_team(members.begin(), members.end());
    if (owners)
      std::erase_if(*owners, [&](Sym s) { return !in_team.count(s); });
    else
      owners = std::move(in_team);
  }
  std::optional<std::uint8_t> stage;
  if (!q.stage.empty()) {
    stage = book.config.stage_index(q.stage);
    if (!stage) return fail(fmt::format(N_("unknown stage '{}': stages are {}"), q.stage, book.config.stage_list()));
  }
  Sym customer;
  if (!q.customer.empty()) {
    const Customer* c = book.customer(q.customer);
    if (!c) return fail(unknown("customer", q.customer, book.customers, book));
    customer = c->id;
  }
  std::string column = q.sort.starts_with('-') ? q.sort.substr(1) : q.sort;
  std::vector<std::string> columns = deal_list_columns();
  const auto& custom = book.config.fields.deal;
  for (const CustomField& f : custom) columns.push_back(f.key);
  if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
    auto near = closest_match(column, columns);
    return fail(fmt::format(N_("cannot sort on '{}'{}: use one of {}"), column,
                            near ? fmt::format(N_(" (did you mean {}?)"), *near) : "", fmt::join(columns, ", ")));
  }

  std::vector<const Deal*> rows;
  for (const Deal& d : book.deals) {
    if (owners && !owners->count(d.owner)) continue;
    if (stage && d.stage != *stage) continue;
    if (!q.customer.empty() && d.customer != customer) continue;
    if (!q.product.empty() && book.text(d.product) != q.product) continue;
    if (q.open_only && (d.stage == book.config.won || d.stage == book.config.lost)) continue;
    if (q.closed_in && !(d.closed && q.closed_in->contains(*d.closed))) continue;
    rows.push_back(&d);
  }
  std::sort(rows.begin(), rows.end(), DealOrder{book, column, q.sort.starts_with('-')});

  Table t;
  for (const auto& c : deal_list_columns()) t.add_column(c);
  t.set_type("amount", ColumnType::money);
  for (const char* c : {"opened", "expected_close", "closed"}) t.set_type(c, ColumnType::date);
  for (const CustomField& f : custom) t.add_column(f.key, custom_column_type(f));
  auto text = [&](Sym s) -> Cell { return s.empty() ? Cell{} : Cell{book.str(s)}; };
  auto day = [](Day d) -> Cell { return d ? Cell{*d} : Cell{}; };
  for (const Deal* d : rows) {
    auto& row = t.add_row();
    row = {book.str(d->id),
           text(d->owner),
           text(d->customer),
           text(d->product),
           book.config.stages[d->stage].name,
           d->has_amount ? Cell{d->amount} : Cell{},
           day(d->opened),
           day(d->expected_close),
           day(d->closed),
           text(d->title)};
    for (std::size_t i = 0; i < custom.size(); ++i) row.push_back(custom_cell(custom[i], book.custom(*d, i)));
  }
  return t;
}

}  // namespace salesops::core
