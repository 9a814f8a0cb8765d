#include "core/coaching/coaching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/base/i18n.hpp"
#include "core/base/people_set.hpp"
#include "core/base/suggest.hpp"

namespace salesops::core {

const Person* responsible_coach(const Book& book, const Person& person) {
  const Team* team = book.team(book.text(person.team));
  // Bounded by the number of teams, so a cycle (reported by the loader) cannot loop.
  for (std::size_t hops = 0; team && hops <= book.teams.size(); ++hops) {
    if (!team->manager.empty() && team->manager != person.id) return book.person(book.text(team->manager));
    team = team->parent.empty() ? nullptr : book.team(book.text(team->parent));
  }
  return nullptr;
}

std::vector<OneOnOneCadence> one_on_one_cadence(const Book& book, Date today) {
  Sym one_on_one = book.strings.find("one-on-one");
  std::unordered_map<Sym, Day> last;
  if (!one_on_one.empty()) {
    for (const CoachingSession& s : book.sessions) {
      if (s.kind != one_on_one || !s.date || *s.date > today) continue;
      Day& l = last[s.person];
      if (!l || *s.date > *l) l = s.date;
    }
  }
  std::vector<OneOnOneCadence> out;
  for (const Person& p : book.people) {
    if (p.role != Role::rep || !p.active_on(today)) continue;
    OneOnOneCadence c;
    c.person = &p;
    c.coach = responsible_coach(book, p);
    if (auto it = last.find(p.id); it != last.end()) c.last = it->second;
    c.since = c.last ? *c.last : (p.joined ? *p.joined : today);
    c.due = book.config.counted_from(c.since) + std::chrono::days{book.config.one_on_one_days};
    out.push_back(c);
  }
  return out;
}

Table coach_due_table(const Book& book, Date today, const std::vector<Sym>& people) {
  PeopleSet only(people);
  std::vector<OneOnOneCadence> rows;
  for (const OneOnOneCadence& c : one_on_one_cadence(book, today))
    if (c.overdue(today) && only.has(c.person->id)) rows.push_back(c);
  std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.due < b.due; });
  Table t;
  for (const char* c : {N_("person"), N_("name"), N_("coach"), N_("last_session"), N_("days_since"), N_("due")}) t.add_column(c);
  t.set_type("last_session", ColumnType::date);
  t.set_type("days_since", ColumnType::integer, "days");
  t.set_type("due", ColumnType::date);
  for (const OneOnOneCadence& c : rows) {
    auto& row = t.add_row();
    row[0] = book.str(c.person->id);
    row[1] = book.str(c.person->name);
    if (c.coach) row[2] = book.str(c.coach->id);
    if (c.last) {
      row[3] = *c.last;
      row[4] = std::int64_t{days_between(*c.last, today)};
    }
    row[5] = c.due;
  }
  return t;
}

std::optional<FollowUpRef> resolve_follow_up(const Book& book, std::string_view text, std::string* error) {
  auto slash = text.find('/');
  if (slash != std::string_view::npos) {
    std::string_view session_id = text.substr(0, slash), id = text.substr(slash + 1);
    auto at = book.session_ids.find(session_id, [&](std::uint32_t i) { return book.text(book.sessions[i].id); });
    if (!at) {
      std::vector<std::string> ids;
      for (auto& s : book.sessions) ids.push_back(book.str(s.id));
      auto close = closest_match(session_id, ids);
      *error = fmt::format(N_("unknown coaching session '{}'{}"), session_id,
                           close ? fmt::format(N_(" (did you mean '{}'?)"), *close) : "");
      return std::nullopt;
    }
    const CoachingSession& s = book.sessions[*at];
    for (const FollowUp& u : s.follow_ups)
      if (book.text(u.id) == id) return FollowUpRef{&s, &u};
    std::vector<std::string> ids;
    for (auto& u : s.follow_ups) ids.push_back(book.str(u.id));
    *error = ids.empty() ? fmt::format(N_("session '{}' has no follow-ups"), session_id)
                         : fmt::format(N_("session '{}' has no follow-up '{}' (it has {})"), session_id, id,
                                       fmt::join(ids, ", "));
    return std::nullopt;
  }
  std::vector<FollowUpRef> found;
  for (const CoachingSession& s : book.sessions)
    for (const FollowUp& u : s.follow_ups)
      if (book.text(u.id) == text) found.push_back({&s, &u});
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    *error = fmt::format(
        N_("no follow-up has the id '{}': name it SESSION/FOLLOWUP (`salesops coach followups` lists them)"), text);
  } else {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < found.size() && i < 3; ++i)
      names.push_back(fmt::format("{}/{}", book.text(found[i].session->id), text));
    *error = fmt::format(N_("follow-up '{}' is in {} sessions: name it SESSION/{} ({}{})"), text, found.size(), text,
                         fmt::join(names, ", "), found.size() > 3 ? ", ..." : "");
  }
  return std::nullopt;
}

std::vector<FollowUpRef> open_follow_ups(const Book& book, const std::vector<Sym>& people) {
  PeopleSet only(people);
  std::vector<FollowUpRef> out;
  for (const CoachingSession& s : book.sessions) {
    if (!only.has(s.person)) continue;
    for (const FollowUp& u : s.follow_ups)
      if (!u.done) out.push_back({&s, &u});
  }
  std::stable_sort(out.begin(), out.end(), [&](const FollowUpRef& a, const FollowUpRef& b) {
    Day da = a.follow_up->due, db = b.follow_up->due;
    if (da.has() != db.has()) return da.has();
    if (da.has() && da.raw() != db.raw()) return da.raw() < db.raw();
    return book.text(a.session->id) < book.text(b.session->id);
  });
  return out;
}

Table follow_ups_table(const Book& book, Date today, const std::vector<FollowUpRef>& rows) {
  Table t;
  for (const char* c : {N_("followup"), N_("person"), N_("name"), N_("coach"), N_("action"), N_("due"), N_("days_overdue")}) t.add_column(c);
  t.set_type("due", ColumnType::date);
  t.set_type("days_overdue", ColumnType::integer, "days");
  for (const FollowUpRef& r : rows) {
    auto& row = t.add_row();
    row[0] = fmt::format("{}/{}", book.text(r.session->id), book.text(r.follow_up->id));
    row[1] = book.str(r.session->person);
    if (const Person* p = book.person(book.text(r.session->person))) row[2] = book.str(p->name);
    if (!r.session->coach.empty()) row[3] = book.str(r.session->coach);
    row[4] = book.str(r.follow_up->action);
    if (r.follow_up->due) {
      row[5] = *r.follow_up->due;
      row[6] = std::int64_t{days_between(*r.follow_up->due, today)};
    }
  }
  return t;
}

}  // namespace salesops::core
