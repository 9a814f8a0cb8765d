#include "core/customers/customers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/book/owners.hpp"

namespace salesops::core {

std::string_view reason_name(CustomerDue::Reason reason) {
  return reason == CustomerDue::Reason::revisit ? "revisit" : "follow-up";
}

std::optional<CustomerDue> customer_due(const Book& book, const Customer& c, Date today) {
  Day latest;
  for (const Interaction& i : c.interactions())
    if (!latest || *i.date > *latest) latest = i.date;

  std::optional<CustomerDue> out;
  auto offer = [&](Date due, CustomerDue::Reason reason) {
    if (out && out->due < due) return;
    if (out && out->due == due && reason == CustomerDue::Reason::revisit) return;
    out = CustomerDue{&c, latest, due, days_between(due, today), reason};
  };

  // Only the interactions on the latest date have no later one: their `next` is still open.
  if (latest)
    for (const Interaction& i : c.interactions())
      if (i.next && *i.date == *latest && book.config.due_in_book(*i.next))
        offer(*i.next, CustomerDue::Reason::follow_up);

  const Config& config = book.config;
  auto cadence = config.revisit_days.find(std::string(book.text(c.tier)));
  if (!c.tier.empty() && cadence != config.revisit_days.end()) {
    Day from = latest ? latest : c.since;
    if (from) offer(config.counted_from(*from) + std::chrono::days{cadence->second}, CustomerDue::Reason::revisit);
    else if (config.started) offer(*config.started + std::chrono::days{cadence->second}, CustomerDue::Reason::revisit);
    else offer(today, CustomerDue::Reason::revisit);
  }
  return out;
}

std::vector<CustomerDue> customers_due(const Book& book, Date today, int within_days) {
  const Date horizon = today + std::chrono::days{within_days};
  std::vector<CustomerDue> out;
  for (const Customer& c : book.customers)
    if (auto due = customer_due(book, c, today); due && due->due <= horizon) out.push_back(*due);
  std::sort(out.begin(), out.end(), [&](const CustomerDue& a, const CustomerDue& b) {
    if (a.due != b.due) return a.due < b.due;
    return book.text(a.customer->id) < book.text(b.customer->id);
  });
  return out;
}

namespace {

Cell text_cell(const Book& b, Sym s) { return std::string(b.text(s)); }
Cell day_cell(Day d) { return d ? Cell{*d} : Cell{Undefined{}}; }

}  // namespace

std::vector<Sym> filter_owners(const Book& book, const CustomerFilter& filter) {
  return filter.owner.empty() ? std::vector<Sym>{} : owner_people(book, filter.owner);
}

bool customer_matches(const Book& b, const Customer& c, const CustomerFilter& f, const std::vector<Sym>& owners) {
  if (!f.owner.empty() && std::find(owners.begin(), owners.end(), c.owner) == owners.end()) return false;
  if (!f.tier.empty() && b.text(c.tier) != f.tier) return false;
  if (!f.segment.empty() && b.text(c.segment) != f.segment) return false;
  if (!f.region.empty() && b.text(c.region) != f.region) return false;
  return true;
}

std::optional<Table> customer_list_table(const Book& b, Date today, const CustomerFilter& filter, std::string_view sort,
                                         std::string* error) {
  static const char* kSorts[] = {"id", "name", "owner", "tier", "last_contact", "due"};
  if (std::find(std::begin(kSorts), std::end(kSorts), sort) == std::end(kSorts)) {
    *error = fmt::format(N_("unknown --sort '{}': use id, name, owner, tier, last_contact or due"), sort);
    return std::nullopt;
  }
  struct Row {
    const Customer* c;
    std::optional<CustomerDue> due;
    Day last;                                       // the latest interaction
    std::pair<std::string_view, std::int64_t> key;  // what --sort orders by, then the id
  };
  std::vector<Row> rows;
  auto owners = filter_owners(b, filter);
  for (const Customer& c : b.customers) {
    if (!customer_matches(b, c, filter, owners)) continue;
    Row r{&c, customer_due(b, c, today), {}, {}};
    for (const Interaction& i : c.interactions())
      if (!r.last || *i.date > *r.last) r.last = i.date;
    if (sort == "name") r.key = {b.text(c.name), 0};
    if (sort == "owner") r.key = {b.text(c.owner), 0};
    if (sort == "tier") r.key = {c.tier.empty() ? "~" : b.text(c.tier), 0};  // untiered last
    if (sort == "last_contact")  // longest without contact first, never contacted before all
      r.key = {{}, r.last ? r.last.raw() : INT64_MIN};
    if (sort == "due") r.key = {{}, r.due ? r.due->due.time_since_epoch().count() : INT64_MAX};
    rows.push_back(r);
  }
  std::sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
    if (x.key != y.key) return x.key < y.key;
    return b.text(x.c->id) < b.text(y.c->id);
  });
  Table t;
  for (const char* id :
       {"customer", "name", "owner", "tier", "segment", "industry", "region", "since", "last_contact", "due"})
    t.add_column(id);
  for (const char* id : {"since", "last_contact", "due"}) t.set_type(id, ColumnType::date);
  const auto& custom = b.config.fields.customer;  // then one column per custom field
  for (const CustomField& f : custom) t.add_column(f.key, custom_column_type(f));
  for (const Row& r : rows) {
    const Customer& c = *r.c;
    auto& row = t.add_row();
    row = {text_cell(b, c.id),      text_cell(b, c.name),
           text_cell(b, c.owner),   text_cell(b, c.tier),
           text_cell(b, c.segment), text_cell(b, c.industry),
           text_cell(b, c.region),  day_cell(c.since),
           day_cell(r.last),          r.due ? Cell{r.due->due} : Cell{Undefined{}}};
    for (std::size_t i = 0; i < custom.size(); ++i) row.push_back(custom_cell(custom[i], b.custom(c, i)));
  }
  return t;
}

Table customer_due_table(const Book& b, const std::vector<CustomerDue>& due) {
  Table t;
  for (const char* id : {N_("customer"), N_("name"), N_("owner"), N_("tier"), N_("last_contact"), N_("due"), N_("days_overdue"), N_("reason")})
    t.add_column(id);
  t.set_type("last_contact", ColumnType::date);
  t.set_type("due", ColumnType::date);
  t.set_type("days_overdue", ColumnType::integer, "days");
  for (const CustomerDue& d : due) {
    const Customer& c = *d.customer;
    t.add_row() = {text_cell(b, c.id),           text_cell(b, c.name),
                   text_cell(b, c.owner),        text_cell(b, c.tier),
                   day_cell(d.last_contact),     d.due,
                   std::int64_t{d.days_overdue}, std::string(reason_name(d.reason))};
  }
  return t;
}

std::vector<const Deal*> deals_of(const Book& b, const Customer& c) {
  std::vector<const Deal*> out;
  for (const Deal& d : b.deals)
    if (d.customer == c.id) out.push_back(&d);
  return out;
}

}  // namespace salesops::core
