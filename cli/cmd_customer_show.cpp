// salesops customer show ID: a customer's card.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "cli/cmd_customer.hpp"
#include "core/customers/customers.hpp"

namespace salesops::cli {

namespace {

constexpr std::size_t kRecent = 5;  // interactions, surveys and closed deals shown

const char* interaction_type(core::InteractionType t) {
  static const char* names[] = {"visit", "call", "email", "meeting", "demo", "care"};
  return names[static_cast<int>(t)];
}

core::Cell text(const core::Book& b, core::Sym s) {
  return s.empty() ? core::Cell{core::Undefined{}} : core::Cell{b.str(s)};
}
core::Cell day(core::Day d) { return d ? core::Cell{*d} : core::Cell{core::Undefined{}}; }

/// A section of the card: its title, then its table, the latest kRecent rows of `limited` ones.
void section(std::ostream& out, const char* title, const core::Table& all, bool limited, bool color) {
  core::Table t = all;
  if (limited && t.rows.size() > kRecent) t.rows.resize(kRecent);
  out << '\n' << title;
  if (all.rows.size() > t.rows.size()) out << fmt::format(" (latest {} of {})", t.rows.size(), all.rows.size());
  out << '\n';
  if (t.rows.empty()) {
    out << "  none\n";
    return;
  }
  render(out, t, {Format::table, color, false, {}});
}

core::Table deal_table(const core::Book& b, const std::vector<const core::Deal*>& deals, bool closed) {
  core::Table t;
  for (const char* id : {"deal", "title", "product", "stage", "amount", closed ? "closed" : "expected_close"})
    t.add_column(id);
  for (const core::Deal* d : deals)
    t.add_row() = {b.str(d->id),
                   text(b, d->title),
                   text(b, d->product),
                   b.config.stages[d->stage].name,
                   d->has_amount ? core::Cell{d->amount} : core::Cell{core::Undefined{}},
                   day(closed ? d->closed : d->expected_close)};
  return t;
}

}  // namespace

void show_customer(Context& ctx, const std::string& id) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, id);
  Format format = ctx.format();
  if (format != Format::table && format != Format::json)
    ctx.fail(kUsage, "customer show writes a card (table) or one json document; `customer list` has the customers as a table");

  const core::Person* owner = b.person(b.text(c.owner));
  auto due = core::customer_due(b, c, ctx.today());
  core::Table record;
  for (const char* k : {"customer", "name", "owner", "owner_name", "tier", "segment", "industry", "region", "source",
                        "since", "due", "due_reason", "days_overdue"})
    record.add_column(k);
  record.add_row() = {b.str(c.id), text(b, c.name), text(b, c.owner),
                      owner ? text(b, owner->name) : core::Cell{core::Undefined{}}, text(b, c.tier), text(b, c.segment),
                      text(b, c.industry), text(b, c.region), text(b, c.source), day(c.since),
                      due ? core::Cell{due->due} : core::Cell{core::Undefined{}},
                      due ? core::Cell{std::string(core::reason_name(due->reason))} : core::Cell{core::Undefined{}},
                      due ? core::Cell{std::int64_t{due->days_overdue}} : core::Cell{core::Undefined{}}};

  core::Table contacts;
  for (const char* k : {"name", "title", "phone", "email"}) contacts.add_column(k);
  for (const core::Contact& k : c.contacts)
    contacts.add_row() = {text(b, k.name), text(b, k.title), text(b, k.phone), text(b, k.email)};

  std::vector<const core::Deal*> open, closed;
  for (const core::Deal* d : core::deals_of(b, c)) (b.config.stages[d->stage].open ? open : closed).push_back(d);
  std::stable_sort(closed.begin(), closed.end(), [](auto* x, auto* y) { return x->closed.raw() > y->closed.raw(); });
  core::Table open_deals = deal_table(b, open, false), closed_deals = deal_table(b, closed, true);

  std::vector<const core::Interaction*> recent;
  for (const core::Interaction& i : c.interactions) recent.push_back(&i);
  std::stable_sort(recent.begin(), recent.end(), [](auto* x, auto* y) { return x->date.raw() > y->date.raw(); });
  core::Table inter;
  for (const char* k : {"date", "type", "by", "summary", "next"}) inter.add_column(k);
  for (const core::Interaction* i : recent)
    inter.add_row() = {*i->date, std::string(interaction_type(i->type)), text(b, i->by), text(b, i->summary), day(i->next)};

  std::vector<const core::Survey*> surveys;
  for (const core::Survey& s : c.surveys) surveys.push_back(&s);
  std::stable_sort(surveys.begin(), surveys.end(), [](auto* x, auto* y) { return x->date.raw() > y->date.raw(); });
  core::Table surv;
  for (const char* k : {"date", "csat", "nps", "comment"}) surv.add_column(k);
  for (const core::Survey* s : surveys)
    surv.add_row() = {*s->date, s->csat < 0 ? core::Cell{core::Undefined{}} : core::Cell{std::int64_t{s->csat}},
                      s->nps < 0 ? core::Cell{core::Undefined{}} : core::Cell{std::int64_t{s->nps}}, text(b, s->comment)};

  // Open follow-ups: the `next` dates no later interaction has answered (as customer due reads them).
  core::Day latest;
  for (const core::Interaction& i : c.interactions)
    if (!latest || *i.date > *latest) latest = i.date;
  core::Table follow;
  for (const char* k : {"due", "set_on", "by", "summary"}) follow.add_column(k);
  for (const core::Interaction& i : c.interactions)
    if (i.next && latest && *i.date == *latest) follow.add_row() = {*i.next, *i.date, text(b, i.by), text(b, i.summary)};

  if (format == Format::json) {
    ctx.output([&](std::ostream& out, bool) {
      render_json_record(out, record,
                         {{"contacts", &contacts}, {"open_deals", &open_deals}, {"closed_deals", &closed_deals},
                          {"interactions", &inter}, {"surveys", &surv}, {"open_follow_ups", &follow}},
                         ctx.meta());
    });
    return;
  }

  std::string owner_text = owner ? fmt::format("{} ({})", b.text(c.owner), b.text(owner->name)) : b.str(c.owner);
  std::string due_text = "—";
  if (due) {
    int n = due->days_overdue;
    due_text = fmt::format("{} {}, {}", core::reason_name(due->reason), core::format_date(due->due),
                           n > 0    ? fmt::format("{} day{} overdue", n, n == 1 ? "" : "s")
                           : n == 0 ? std::string("today")
                                    : fmt::format("in {} day{}", -n, n == -1 ? "" : "s"));
  }
  core::Table head;
  head.add_column("field");
  head.add_column("value");
  std::pair<const char*, core::Cell> fields[] = {{"name", text(b, c.name)},
                                                 {"owner", owner_text},
                                                 {"tier", text(b, c.tier)},
                                                 {"segment", text(b, c.segment)},
                                                 {"industry", text(b, c.industry)},
                                                 {"region", text(b, c.region)},
                                                 {"source", text(b, c.source)},
                                                 {"since", day(c.since)},
                                                 {"next due", due_text}};
  for (auto& [k, v] : fields) head.add_row() = {std::string(k), v};
  ctx.output([&](std::ostream& out, bool color) {
    out << b.text(c.id) << '\n';
    // The key/value block without its header lines.
    std::ostringstream block;
    render(block, head, {Format::table, false, false, {}});
    std::string s = block.str();
    for (int skip = 0; skip < 2 && !s.empty(); ++skip) s.erase(0, s.find('\n') + 1);
    out << s;
    section(out, "Contacts", contacts, false, color);
    section(out, "Open deals", open_deals, false, color);
    section(out, "Recent closed deals", closed_deals, true, color);
    section(out, "Interactions", inter, true, color);
    section(out, "Surveys", surv, true, color);
    section(out, "Open follow-ups", follow, false, color);
  });
}

}  // namespace salesops::cli
