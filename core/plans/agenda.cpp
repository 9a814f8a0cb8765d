#include "core/plans/agenda.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "core/base/i18n.hpp"
#include "core/base/people_set.hpp"
#include "core/coaching/coaching.hpp"
#include "core/customers/customers.hpp"
#include "core/plans/plans.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

namespace {

constexpr AgendaSection kPersonSections[] = {
    {"action", "Plan actions due"}, {"customer", "Customers to contact"}, {"follow-up", "Coaching follow-ups"},
    {"training", "Trainings"},      {"one-on-one", "One-on-ones"},        {"target", "Targets at risk"},
};

constexpr AgendaSection kTeamSections[] = {
    {"target", "Targets at risk"},
    {"moved", "Deals that moved"},
    {"stalled", "Deals stalled"},
    {"overdue", "Overdue actions and follow-ups"},
    {"revisit", "Customers past their revisit"},
    {"coaching", "One-on-ones due"},
    {"wins", "Wins to recognise"},
};

std::string due_status(Date due, Date today) { return due < today ? "overdue" : due == today ? "today" : "due"; }

/// Gathers an agenda's items, then orders them by section, date and item.
struct Rows {
  std::vector<AgendaItem> items;
  void add(std::string_view section, Day date, Sym person, std::string item, std::string detail, std::string status) {
    items.push_back({section, date, person, std::move(item), std::move(detail), std::move(status)});
  }
  /// Orders items by the sections' order, then date (undated last), then item.
  Agenda sorted(std::span<const AgendaSection> sections) {
    auto rank = [&](const AgendaItem& a) {
      for (std::size_t i = 0; i < sections.size(); ++i)
        if (a.section == sections[i].id) return i;
      return sections.size();
    };
    std::stable_sort(items.begin(), items.end(), [&](const AgendaItem& a, const AgendaItem& b) {
      if (rank(a) != rank(b)) return rank(a) < rank(b);
      if (a.date.has() != b.date.has()) return a.date.has();
      if (a.date && *a.date != *b.date) return *a.date < *b.date;
      return a.item < b.item;
    });
    return {sections, std::move(items)};
  }
};

void add_item_columns(Table& t) {
  for (const char* c : {N_("date"), N_("person"), N_("item"), N_("detail"), N_("status")}) t.add_column(c);
  t.set_type("date", ColumnType::date);
}

/// An item's cells after its section: date,person,item,detail,status.
void fill_item_cells(const Book& book, const AgendaItem& a, std::vector<Cell>::iterator out) {
  *out++ = a.date ? Cell{*a.date} : Cell{Undefined{}};
  *out++ = book.str(a.person);
  *out++ = a.item;
  *out++ = a.detail;
  *out = a.status;
}

std::string target_detail(const Book& book, const TargetStatus& s) {
  auto pct = [](std::optional<double> r) { return r ? fmt::format("{:.1f}%", *r * 100) : std::string("—"); };
  return fmt::format(N_("{} {}: attainment {}, pace {}"), book.text(s.target->metric), s.period.label,
                     pct(s.attainment), pct(s.pace));
}

std::string cadence_detail(const Book& book, const OneOnOneCadence& c) {
  std::string last = c.last ? fmt::format(N_("last {}"), format_date(*c.last)) : std::string(N_("none yet"));
  return fmt::format(N_("one-on-one with {} ({}; every {} days)"), book.text(c.person->name), last,
                     book.config.one_on_one_days);
}

}  // namespace

Table agenda_table(const Book& book, const Agenda& agenda) {
  Table t;
  t.add_column(N_("section"));
  add_item_columns(t);
  for (const AgendaItem& a : agenda.items) {
    auto& row = t.add_row();
    row[0] = std::string(a.section);
    fill_item_cells(book, a, row.begin() + 1);
  }
  return t;
}

Table agenda_section_table(const Book& book, const Agenda& agenda, std::string_view section) {
  Table t;
  add_item_columns(t);
  for (const AgendaItem& a : agenda.items)
    if (a.section == section) fill_item_cells(book, a, t.add_row().begin());
  return t;
}

Agenda person_agenda(const Book& book, const Person& person, const Period& window, Date today) {
  Rows rows;
  Sym me = person.id;
  int within = std::max(0, days_between(today, window.last));

  ActionFilter af;
  af.owners = {me};
  af.due_within = within;
  for (const ActionRef& r : select_actions(book, today, af))
    rows.add("action", r.action->due, me, fmt::format("{}/{}", book.text(r.plan->id), book.text(r.action->id)),
             book.str(r.action->title), due_status(*r.action->due, today));

  for (const CustomerDue& d : customers_due(book, today, within)) {
    if (d.customer->owner != me) continue;
    std::string last =
        d.last_contact ? fmt::format(N_("last contact {}"), format_date(*d.last_contact)) : N_("no contact yet");
    rows.add("customer", Day(d.due), me, book.str(d.customer->id),
             fmt::format("{} ({}; {})", book.text(d.customer->name), reason_name(d.reason), last),
             due_status(d.due, today));
  }

  for (const FollowUpRef& r : open_follow_ups(book, {me})) {
    std::string coach = r.session->coach.empty() ? "" : fmt::format(N_(" (from {})"), book.text(r.session->coach));
    rows.add("follow-up", r.follow_up->due, me,
             fmt::format("{}/{}", book.text(r.session->id), book.text(r.follow_up->id)),
             book.str(r.follow_up->action) + coach, r.follow_up->due ? due_status(*r.follow_up->due, today) : "open");
  }

  for (const Training& t : book.trainings) {
    if (!t.date || !window.contains(*t.date)) continue;
    bool attends = std::any_of(t.attendees.begin(), t.attendees.end(), [&](auto& a) { return a.person == me; });
    bool gives = book.text(t.trainer) == book.text(me);
    if (!attends && !gives) continue;
    rows.add(
        "training", t.date, me, book.str(t.id),
        fmt::format("{} ({}, {} h{})", book.text(t.title), book.text(t.topic), t.hours, gives ? ", as trainer" : ""),
        *t.date < today ? "held" : "scheduled");
  }

  for (const CoachingSession& s : book.sessions) {
    if (!s.date || !window.contains(*s.date) || (s.person != me && s.coach != me)) continue;
    bool coaching = s.coach == me;
    Sym other = coaching ? s.person : s.coach;
    const Person* o = book.person(book.text(other));
    rows.add("one-on-one", s.date, coaching ? s.person : me, book.str(s.id),
             fmt::format("{} {} {}", book.text(s.kind), coaching ? "with" : "from",
                         o ? book.text(o->name) : book.text(other)),
             *s.date < today ? "held" : "scheduled");
  }
  for (const OneOnOneCadence& c : one_on_one_cadence(book, today)) {
    if (c.due > window.last || (c.person != &person && c.coach != &person)) continue;
    rows.add("one-on-one", Day(c.due), c.person->id, "due", cadence_detail(book, c), due_status(c.due, today));
  }

  TargetFilter tf;
  tf.owner = book.str(me);
  tf.at_risk = true;
  for (const TargetStatus& s : target_statuses(book, today, tf)) {
    if (s.target->owner != me) continue;
    rows.add("target", Day(s.period.last), me, book.str(s.target->id), target_detail(book, s),
             std::string(status_name(s.status)));
  }
  return rows.sorted(kPersonSections);
}

Agenda team_agenda(const Book& book, std::string_view team, const Period& window, Date today) {
  Rows rows;
  std::vector<Sym> members;
  for (std::uint32_t i : book.members(team)) members.push_back(book.people[i].id);
  PeopleSet in_team(members);
  auto member = [&](Sym id) { return !members.empty() && in_team.has(id); };
  Date since = previous_period(window, book.config.calendar).first;

  TargetFilter tf;
  tf.owner = std::string(team);
  tf.at_risk = true;
  for (const TargetStatus& s : target_statuses(book, today, tf))
    rows.add("target", Day(s.period.last), s.target->owner, book.str(s.target->id), target_detail(book, s),
             std::string(status_name(s.status)));

  auto stage = [&](std::uint8_t i) { return std::string_view(book.config.stages[i].name); };
  for (const Deal& d : book.deals) {
    if (!member(d.owner)) continue;
    auto history = book.history_of(d);
    std::string title = d.title.empty() ? book.str(d.id) : book.str(d.title);
    std::string amount = d.has_amount ? format_money_grouped(d.amount) : N_("no amount");
    if (d.stage == book.config.won && d.closed && since <= *d.closed && *d.closed <= today)
      rows.add("wins", d.closed, d.owner, book.str(d.id),
               fmt::format("{} ({}; {})", title, book.text(d.customer), amount), "won");
    // The latest stage change since the cut-off, with the stage it left.
    for (std::size_t i = history.size(); i-- > 0;) {
      if (history[i].date() < since || history[i].date() > today) continue;
      std::string from = i > 0 ? std::string(stage(history[i - 1].stage())) : "new";
      rows.add("moved", history[i].date(), d.owner, book.str(d.id),
               fmt::format("{}: {} → {} ({})", title, from, stage(history[i].stage()), amount),
               std::string(stage(history[i].stage())));
      break;
    }
    if (!book.config.stages[d.stage].open) continue;
    Day last_change = d.opened;
    for (auto& h : history)
      if (!last_change || h.date() > *last_change) last_change = h.date();
    bool slipped = d.expected_close && *d.expected_close < today;
    int quiet = last_change ? days_between(*last_change, today) : 0;
    if (!slipped && quiet < kStalledDays) continue;
    std::string why = slipped ? fmt::format(N_("expected to close {}"), format_date(*d.expected_close)) : "";
    if (quiet >= kStalledDays)
      why += fmt::format(N_("{}{} for {} days"), why.empty() ? "" : "; ", stage(d.stage), quiet);
    rows.add("stalled", last_change, d.owner, book.str(d.id), fmt::format("{} ({}): {}", title, amount, why),
             slipped ? "past expected close" : "no change");
  }

  ActionFilter af;
  af.owners = members;
  af.overdue = true;
  if (!members.empty())
    for (const ActionRef& r : select_actions(book, today, af))
      rows.add("overdue", r.action->due, r.action->owner,
               fmt::format("{}/{}", book.text(r.plan->id), book.text(r.action->id)),
               "plan action: " + book.str(r.action->title), "overdue");
  if (!members.empty())
    for (const FollowUpRef& r : open_follow_ups(book, members))
      if (r.follow_up->due && *r.follow_up->due < today)
        rows.add("overdue", r.follow_up->due, r.session->person,
                 fmt::format("{}/{}", book.text(r.session->id), book.text(r.follow_up->id)),
                 "coaching follow-up: " + book.str(r.follow_up->action), "overdue");
  for (const CustomerDue& d : customers_due(book, today)) {
    if (!member(d.customer->owner) || d.days_overdue <= 0) continue;
    bool revisit = d.reason == CustomerDue::Reason::revisit;
    rows.add(revisit ? "revisit" : "overdue", Day(d.due), d.customer->owner, book.str(d.customer->id),
             fmt::format(N_("{}{} ({} days)"), revisit ? "" : "customer follow-up: ", book.text(d.customer->name),
                         d.days_overdue),
             "overdue");
  }

  for (const OneOnOneCadence& c : one_on_one_cadence(book, today)) {
    if (!member(c.person->id) || c.due > window.last) continue;
    rows.add("coaching", Day(c.due), c.person->id, "due", cadence_detail(book, c), due_status(c.due, today));
  }
  return rows.sorted(kTeamSections);
}

}  // namespace salesops::core
