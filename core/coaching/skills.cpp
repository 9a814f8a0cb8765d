// `coach skills` (the person × topic matrix) and `coach report` (a period's coaching).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/base/enum_names.hpp"
#include "core/base/i18n.hpp"
#include "core/base/people_set.hpp"
#include "core/coaching/coaching.hpp"

namespace salesops::core {

namespace {

/// The people of a report: the given ones in team.yaml order, else every rep active today.
std::vector<const Person*> report_people(const Book& book, const std::vector<Sym>& people, Date today) {
  PeopleSet only(people);
  std::vector<const Person*> out;
  for (const Person& p : book.people) {
    if (people.empty() ? (p.role == Role::rep && p.active_on(today)) : only.has(p.id)) out.push_back(&p);
  }
  return out;
}

struct SkillCell {
  double hours = 0;
  Day score_date, rating_date;
  int score = -1, rating = -1;
  std::int64_t sessions = 0;
  std::set<std::string> needed;
};

}  // namespace

std::vector<std::string_view> strategy_topics(std::string_view kind) {
  if (kind == "product") return {"product"};
  if (kind == "pricing") return {"negotiation"};
  if (kind == "channel" || kind == "promotion") return {"sales-skills"};
  return {};
}

Table skills_table(const Book& book, const SkillsQuery& q) {
  std::vector<const Person*> people = report_people(book, q.people, q.today);
  std::unordered_map<Sym, std::map<std::string, SkillCell>> cells;
  for (const Person* p : people) cells[p->id];
  auto in_window = [&](Day d) { return d && *d <= q.today && (!q.period || q.period->contains(*d)); };
  for (const Training& t : book.trainings) {
    if (!in_window(t.date) || t.topic.empty()) continue;
    for (const Attendee& a : t.attendees) {
      auto it = cells.find(a.person);
      if (it == cells.end()) continue;
      SkillCell& c = it->second[book.str(t.topic)];
      c.hours += t.hours;
      if (a.score >= 0 && (!c.score_date || *t.date >= *c.score_date)) c.score_date = t.date, c.score = a.score;
    }
  }
  for (const CoachingSession& s : book.sessions) {
    if (!in_window(s.date)) continue;
    auto it = cells.find(s.person);
    if (it == cells.end()) continue;
    for (Sym topic : s.topics) ++it->second[book.str(topic)].sessions;
    for (auto& [key, value] : s.ratings) {
      SkillCell& c = it->second[book.str(key)];
      if (!c.rating_date || *s.date >= *c.rating_date) c.rating_date = s.date, c.rating = value;
    }
  }
  // What the current plans need: the topics of the strategies whose actions a person owns.
  for (const Plan& plan : book.plans) {
    auto period = parse_period(book.text(plan.period_text), q.today, book.config.calendar, nullptr);
    if (!period || !period->contains(q.today)) continue;
    for (const PlanAction& a : plan.actions) {
      if (a.status == ActionStatus::dropped || a.strategy.empty()) continue;
      auto it = cells.find(a.owner);
      if (it == cells.end()) continue;
      for (const PlanStrategy& s : plan.strategies) {
        if (s.id != a.strategy) continue;
        for (std::string_view topic : strategy_topics(book.text(s.kind)))
          it->second[std::string(topic)].needed.insert(fmt::format("{}/{}", book.text(plan.id), book.text(s.id)));
      }
    }
  }
  Table t;
  for (const char* c :
       {"person", "name", "topic", "training_hours", "latest_score", "sessions", "latest_rating", "needed", "gap"})
    t.add_column(c);
  t.set_type("training_hours", ColumnType::decimal, "hours");
  t.set_type("latest_score", ColumnType::integer, "score");
  t.set_type("sessions", ColumnType::integer);
  t.set_type("latest_rating", ColumnType::integer, "rating");
  for (const Person* p : people) {
    for (auto& [topic, c] : cells[p->id]) {
      auto& row = t.add_row();
      row[0] = book.str(p->id);
      row[1] = book.str(p->name);
      row[2] = topic;
      row[3] = Decimal{c.hours};
      if (c.score >= 0) row[4] = std::int64_t{c.score};
      row[5] = c.sessions;
      if (c.rating >= 0) row[6] = std::int64_t{c.rating};
      row[7] = fmt::format("{}", fmt::join(c.needed, " "));
      std::vector<std::string_view> gaps;
      if (!c.needed.empty() && c.hours == 0) gaps.push_back("no-training");
      if (c.score >= 0 && c.score < book.config.min_training_score) gaps.push_back("low-score");
      if (c.rating >= 0 && c.rating < book.config.min_coaching_rating) gaps.push_back("low-rating");
      row[8] = fmt::format("{}", fmt::join(gaps, ","));
    }
  }
  return t;
}

namespace {

constexpr EnumNames<ReportPart, 4> kReportParts({"hours", "coverage", "coaches", "followups"});

}  // namespace

std::optional<ReportPart> parse_report_part(std::string_view text) { return kReportParts.parse(text); }

std::string_view report_part_name(ReportPart part) { return kReportParts.name(part); }

namespace {

bool active_during(const Person& p, const Period& period) {
  return (!p.joined || *p.joined <= period.last) && (!p.left || period.first <= *p.left);
}

Table hours_part(const Book& book, const Period& period, const PeopleSet& only) {
  std::unordered_map<Sym, std::map<std::string, std::pair<std::int64_t, double>>> by_person;
  for (const Training& t : book.trainings) {
    if (!t.date || !period.contains(*t.date)) continue;
    for (const Attendee& a : t.attendees) {
      if (!only.has(a.person)) continue;
      auto& cell = by_person[a.person][book.str(t.topic)];
      ++cell.first;
      cell.second += t.hours;
    }
  }
  Table t;
  for (const char* c : {N_("person"), N_("name"), N_("topic"), N_("trainings"), N_("hours")}) t.add_column(c);
  t.set_type("trainings", ColumnType::integer);
  t.set_type("hours", ColumnType::decimal, "hours");
  for (const Person& p : book.people) {
    auto it = by_person.find(p.id);
    if (it == by_person.end()) continue;
    for (auto& [topic, cell] : it->second) {
      auto& row = t.add_row();
      row = {book.str(p.id), book.str(p.name), topic, cell.first, Decimal{cell.second}};
    }
  }
  return t;
}

Table coverage_part(const Book& book, const Period& period, const PeopleSet& only) {
  std::vector<Sym> reps;
  for (const Person& p : book.people)
    if (p.role == Role::rep && active_during(p, period) && only.has(p.id)) reps.push_back(p.id);
  PeopleSet rep_set(reps);
  std::map<std::string, std::set<std::uint32_t>> trained;
  for (std::string_view topic : {"product", "sales-skills", "crm", "negotiation", "other"}) trained[std::string(topic)];
  for (const Training& t : book.trainings) {
    if (!t.date || !period.contains(*t.date) || t.topic.empty()) continue;
    auto& set = trained[book.str(t.topic)];
    for (const Attendee& a : t.attendees)
      if (!reps.empty() && rep_set.has(a.person)) set.insert(a.person.v);
  }
  Table t;
  for (const char* c : {N_("topic"), N_("trained"), N_("active_reps"), N_("coverage")}) t.add_column(c);
  t.set_type("trained", ColumnType::integer);
  t.set_type("active_reps", ColumnType::integer);
  t.set_type("coverage", ColumnType::ratio);
  for (auto& [topic, set] : trained) {
    auto& row = t.add_row();
    row[0] = topic;
    row[1] = static_cast<std::int64_t>(set.size());
    row[2] = static_cast<std::int64_t>(reps.size());
    if (!reps.empty()) row[3] = Ratio{static_cast<double>(set.size()) / static_cast<double>(reps.size())};
  }
  return t;
}

Table coaches_part(const Book& book, const Period& period, const PeopleSet& only) {
  struct Count {
    std::int64_t sessions = 0, one_on_ones = 0;
    std::set<std::uint32_t> people;
  };
  std::unordered_map<Sym, Count> by_coach;
  for (const CoachingSession& s : book.sessions) {
    if (!s.date || !period.contains(*s.date) || !only.has(s.person) || s.coach.empty()) continue;
    Count& c = by_coach[s.coach];
    ++c.sessions;
    if (book.text(s.kind) == "one-on-one") ++c.one_on_ones;
    c.people.insert(s.person.v);
  }
  Table t;
  for (const char* c : {N_("coach"), N_("name"), N_("sessions"), N_("one_on_ones"), N_("people")}) t.add_column(c);
  for (const char* c : {"sessions", "one_on_ones", "people"}) t.set_type(c, ColumnType::integer);
  for (const Person& p : book.people) {
    auto it = by_coach.find(p.id);
    if (it == by_coach.end()) continue;
    auto& row = t.add_row();
    row = {book.str(p.id), book.str(p.name), it->second.sessions, it->second.one_on_ones,
           static_cast<std::int64_t>(it->second.people.size())};
  }
  return t;
}

Table followups_part(const Book& book, const Period& period, Date today, const PeopleSet& only) {
  struct Count {
    std::int64_t due = 0, done = 0, overdue = 0;
  };
  std::unordered_map<Sym, Count> by_person;
  for (const CoachingSession& s : book.sessions) {
    if (!only.has(s.person)) continue;
    for (const FollowUp& u : s.follow_ups) {
      if (!u.due || !period.contains(*u.due)) continue;
      Count& c = by_person[s.person];
      ++c.due;
      if (u.done)
        ++c.done;
      else if (*u.due < today)
        ++c.overdue;
    }
  }
  Table t;
  for (const char* c : {N_("person"), N_("name"), N_("due"), N_("done"), N_("open"), N_("overdue"), N_("completion")}) t.add_column(c);
  for (const char* c : {"due", "done", "open", "overdue"}) t.set_type(c, ColumnType::integer);
  t.set_type("completion", ColumnType::ratio);
  for (const Person& p : book.people) {
    auto it = by_person.find(p.id);
    if (it == by_person.end()) continue;
    const Count& c = it->second;
    auto& row = t.add_row();
    row = {book.str(p.id),
           book.str(p.name),
           c.due,
           c.done,
           c.due - c.done,
           c.overdue,
           Ratio{static_cast<double>(c.done) / static_cast<double>(c.due)}};
  }
  return t;
}

}  // namespace

Table coach_report_table(const Book& book, const Period& period, Date today, ReportPart part,
                         const std::vector<Sym>& people) {
  PeopleSet only(people);
  switch (part) {
    case ReportPart::hours:
      return hours_part(book, period, only);
    case ReportPart::coverage:
      return coverage_part(book, period, only);
    case ReportPart::coaches:
      return coaches_part(book, period, only);
    case ReportPart::followups:
      return followups_part(book, period, today, only);
  }
  return {};
}

}  // namespace salesops::core
