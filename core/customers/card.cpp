#include "core/customers/card.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/book/schema.hpp"

namespace salesops::core {

namespace {

// The schema lists the interaction types in InteractionType's order.
static_assert(schema::kInteractionTypes[static_cast<int>(InteractionType::care)] == "care");

std::string_view interaction_type(InteractionType t) { return schema::kInteractionTypes[static_cast<int>(t)]; }

Cell text(const Book& b, Sym s) { return s.empty() ? Cell{Undefined{}} : Cell{b.str(s)}; }
Cell day(Day d) { return d ? Cell{*d} : Cell{Undefined{}}; }

Table deal_table(const Book& b, const std::vector<const Deal*>& deals, bool closed) {
  Table t;
  for (const char* id : {N_("deal"), N_("title"), N_("product"), N_("stage"), N_("amount"), closed ? N_("closed") : N_("expected_close")})
    t.add_column(id);
  t.set_type("amount", ColumnType::money);
  t.set_type(closed ? "closed" : "expected_close", ColumnType::date);
  for (const Deal* d : deals)
    t.add_row() = {b.str(d->id),
                   text(b, d->title),
                   text(b, d->product),
                   b.config.stages[d->stage].name,
                   d->has_amount ? Cell{d->amount} : Cell{Undefined{}},
                   day(closed ? d->closed : d->expected_close)};
  return t;
}

/// The records of `items`, latest `date` first (a stable sort: the file's order among equals).
template <class Rec>
std::vector<const Rec*> latest_first(std::span<const Rec> items) {
  std::vector<const Rec*> out;
  for (const Rec& r : items) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->date.raw() > y->date.raw(); });
  return out;
}

Table record_table(const Book& b, const Customer& c, const std::optional<CustomerDue>& due) {
  const Person* owner = b.person(b.text(c.owner));
  Table record;
  for (const char* k : {N_("customer"), N_("name"), N_("owner"), N_("owner_name"), N_("tier"), N_("segment"), N_("industry"), N_("region"), N_("source"),
                        N_("since"), N_("due"), N_("due_reason"), N_("days_overdue")})
    record.add_column(k);
  record.set_type("since", ColumnType::date);
  record.set_type("due", ColumnType::date);
  record.set_type("days_overdue", ColumnType::integer, "days");
  record.add_row() = {b.str(c.id), text(b, c.name), text(b, c.owner),
                      owner ? text(b, owner->name) : Cell{Undefined{}}, text(b, c.tier), text(b, c.segment),
                      text(b, c.industry), text(b, c.region), text(b, c.source), day(c.since),
                      due ? Cell{due->due} : Cell{Undefined{}},
                      due ? Cell{std::string(reason_name(due->reason))} : Cell{Undefined{}},
                      due ? Cell{std::int64_t{due->days_overdue}} : Cell{Undefined{}}};
  const auto& custom = b.config.fields.customer;  // then each custom field, declared order
  for (std::size_t i = 0; i < custom.size(); ++i) {
    record.add_column(custom[i].key);
    record.rows[0].push_back(custom_cell(custom[i], b.custom(c, i)));
  }
  return record;
}

}  // namespace

CustomerCard customer_card(const Book& b, const Customer& c, Date today) {
  CustomerCard card;
  card.due = customer_due(b, c, today);
  card.record = record_table(b, c, card.due);

  for (const char* k : {N_("name"), N_("title"), N_("phone"), N_("email")}) card.contacts.add_column(k);
  for (const Contact& k : c.contacts())
    card.contacts.add_row() = {text(b, k.name), text(b, k.title), text(b, k.phone), text(b, k.email)};

  std::vector<const Deal*> open, closed;
  for (const Deal* d : deals_of(b, c)) (b.config.stages[d->stage].open ? open : closed).push_back(d);
  std::stable_sort(closed.begin(), closed.end(), [](auto* x, auto* y) { return x->closed.raw() > y->closed.raw(); });
  card.open_deals = deal_table(b, open, false);
  card.closed_deals = deal_table(b, closed, true);

  for (const char* k : {N_("date"), N_("type"), N_("by"), N_("summary"), N_("next")}) card.interactions.add_column(k);
  card.interactions.set_type("date", ColumnType::date);
  card.interactions.set_type("next", ColumnType::date);
  for (const Interaction* i : latest_first(c.interactions()))
    card.interactions.add_row() = {*i->date, std::string(interaction_type(i->type)), text(b, i->by),
                                   text(b, i->summary), day(i->next)};

  for (const char* k : {N_("date"), N_("csat"), N_("nps"), N_("comment")}) card.surveys.add_column(k);
  card.surveys.set_type("date", ColumnType::date);
  card.surveys.set_type("csat", ColumnType::integer, "rating");
  card.surveys.set_type("nps", ColumnType::integer, "rating");
  for (const Survey* s : latest_first(c.surveys()))
    card.surveys.add_row() = {*s->date, s->csat < 0 ? Cell{Undefined{}} : Cell{std::int64_t{s->csat}},
                              s->nps < 0 ? Cell{Undefined{}} : Cell{std::int64_t{s->nps}}, text(b, s->comment)};

  Day latest;
  for (const Interaction& i : c.interactions())
    if (!latest || *i.date > *latest) latest = i.date;
  for (const char* k : {N_("due"), N_("set_on"), N_("by"), N_("summary")}) card.open_follow_ups.add_column(k);
  card.open_follow_ups.set_type("due", ColumnType::date);
  card.open_follow_ups.set_type("set_on", ColumnType::date);
  for (const Interaction& i : c.interactions())
    if (i.next && latest && *i.date == *latest)
      card.open_follow_ups.add_row() = {*i.next, *i.date, text(b, i.by), text(b, i.summary)};
  return card;
}

}  // namespace salesops::core
