// One-on-one cadence (shared by `coach due` and `check`), follow-ups, and agenda windows.
#include "core/coaching/coaching.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/audit/check.hpp"
#include "core/plans/agenda.hpp"
#include "memory_book.hpp"

using namespace salesops::core;
using salesops::test::load_files;

namespace {

const char* kTeam =
    "teams:\n"
    "  - {id: east, name: East, manager: boss}\n"
    "  - {id: ka, name: KA, parent: east, manager: lead}\n"
    "people:\n"
    "  - {id: boss, name: Boss, team: east, role: director}\n"
    "  - {id: zhang.wei, name: Z, team: east, role: ops}\n"  // owns the base book's customer
    "  - {id: lead, name: Lead, team: ka, role: rep, joined: 2026-01-01}\n"
    "  - {id: rep.a, name: A, team: ka, role: rep, joined: 2026-01-01}\n"
    "  - {id: rep.b, name: B, team: ka, role: rep, joined: 2026-11-01}\n"
    "  - {id: rep.c, name: C, team: ka, role: rep}\n"
    "  - {id: gone, name: Gone, team: ka, role: rep, joined: 2025-01-01, left: 2026-10-31}\n"
    "  - {id: mgr, name: Mgr, team: ka, role: manager, joined: 2020-01-01}\n";

std::string session(const char* id, const char* date, const char* person, const char* kind) {
  return fmt::format("  - {{id: {}, date: {}, coach: boss, person: {}, kind: {}}}\n", id, date, person, kind);
}

const OneOnOneCadence* find(const std::vector<OneOnOneCadence>& all, std::string_view id, const Book& b) {
  for (auto& c : all)
    if (b.text(c.person->id) == id) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("coaching: cadence counts held one-on-ones only, and is overdue the day after it is due") {
  std::string sessions = "sessions:\n" + session("S1", "2026-11-12", "rep.a", "one-on-one") +
                         session("S2", "2026-11-20", "rep.a", "ride-along") +  // not a one-on-one
                         session("S3", "2026-12-01", "rep.a", "one-on-one") +  // after today: planned
                         session("S4", "2026-11-11", "lead", "one-on-one");
  auto r = load_files({{"team.yaml", kTeam}, {"coaching/2026-11.yaml", sessions}});
  REQUIRE_FALSE(r.diags.has_errors());
  const Book& b = *r.book;
  Date today = make_date(2026, 11, 26);
  auto all = one_on_one_cadence(b, today);
  // Active reps only, in team.yaml order: not the director, the manager or who left.
  REQUIRE(all.size() == 4);
  CHECK(b.text(all[0].person->id) == "lead");
  CHECK(find(all, "gone", b) == nullptr);
  CHECK(find(all, "mgr", b) == nullptr);

  const OneOnOneCadence* a = find(all, "rep.a", b);
  CHECK(format_date(*a->last) == "2026-11-12");
  CHECK(format_date(a->due) == "2026-11-26");  // 14 days on: due today, not overdue yet
  CHECK_FALSE(a->overdue(today));
  CHECK(a->overdue(today + std::chrono::days{1}));
  const OneOnOneCadence* lead = find(all, "lead", b);
  CHECK(lead->overdue(today));  // 15 days since 2026-11-11

  // No one-on-one yet: counted from joined; without a joined date, from today.
  const OneOnOneCadence* rb = find(all, "rep.b", b);
  CHECK_FALSE(rb->last);
  CHECK(format_date(rb->due) == "2026-11-15");
  CHECK(rb->overdue(today));
  CHECK_FALSE(find(all, "rep.c", b)->overdue(today));

  // The responsible coach: the team's manager, or above it when the rep manages the team.
  CHECK(b.text(a->coach->id) == "lead");
  CHECK(b.text(lead->coach->id) == "boss");

  // `coach due` and `check` list the same people.
  Table due = coach_due_table(b, today, {});
  std::vector<std::string> listed;
  for (auto& row : due.rows) listed.push_back(std::get<std::string>(row[0]));
  CHECK(listed == std::vector<std::string>{"rep.b", "lead"});  // most overdue first
  Diagnostics diags;
  for (const CheckRule& rule : check_rules())
    if (std::string_view(rule.id) == "one-on-one-due") rule.run(b, today, rule, diags);
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].message == "lead has had no one-on-one for 15 days (last 2026-11-11; policy: every 14)");
  CHECK(diags.items()[1].message == "rep.b has had no one-on-one yet");
}

TEST_CASE("coaching: follow-ups are named SESSION/ID, or by a bare id when unique") {
  std::string coaching =
      "sessions:\n"
      "  - {id: S1, date: 2026-11-02, coach: boss, person: rep.a, kind: one-on-one,\n"
      "     follow_ups: [{id: F1, action: x, due: 2026-11-20, done: false}, {id: F2, action: y, done: false}]}\n"
      "  - {id: S2, date: 2026-11-03, coach: boss, person: rep.b, kind: one-on-one,\n"
      "     follow_ups: [{id: F1, action: z, due: 2026-11-10, done: false}, {id: F3, action: w, done: true}]}\n";
  auto r = load_files({{"team.yaml", kTeam}, {"coaching/2026-11.yaml", coaching}});
  REQUIRE_FALSE(r.diags.has_errors());
  const Book& b = *r.book;
  std::string error;
  auto f = resolve_follow_up(b, "S2/F1", &error);
  REQUIRE(f);
  CHECK(b.text(f->follow_up->action) == "z");
  CHECK(resolve_follow_up(b, "F2", &error));
  CHECK_FALSE(resolve_follow_up(b, "F1", &error));
  CHECK(error.find("is in 2 sessions") != std::string::npos);
  CHECK_FALSE(resolve_follow_up(b, "S9/F1", &error));
  CHECK(error.find("did you mean 'S1'") != std::string::npos);

  // Open ones, the earliest due first, undated last; done ones left out.
  auto open = open_follow_ups(b);
  REQUIRE(open.size() == 3);
  CHECK(b.text(open[0].follow_up->action) == "z");
  CHECK(b.text(open[1].follow_up->action) == "x");
  CHECK(b.text(open[2].follow_up->action) == "y");
  CHECK(open_follow_ups(b, {b.person("rep.a")->id}).size() == 2);
}

TEST_CASE("agenda: the week follows org.week_start") {
  // 2026-11-25 is a Wednesday. Monday weeks: 11-23..11-29; Sunday weeks: 11-22..11-28.
  std::string files_coaching =
      "trainings:\n"
      "  - {id: T-sun, date: 2026-11-22, title: Sunday drill, topic: crm, format: drill, hours: 1, attendees: "
      "[{person: rep.a}]}\n";
  std::string plan =
      "id: P\nperiod: 2026-Q4\nowner: boss\n"
      "actions:\n"
      "  - {id: A1, title: due Sunday, owner: rep.a, due: 2026-11-29, status: open}\n";
  for (const char* start : {"monday", "sunday"}) {
    auto r = load_files({{"salesops.toml", fmt::format("[org]\nname = \"T\"\nweek_start = \"{}\"\n", start)},
                         {"team.yaml", kTeam},
                         {"coaching/2026-11.yaml", files_coaching},
                         {"plans/2026-Q4.yaml", plan}});
    REQUIRE_FALSE(r.diags.has_errors());
    const Book& b = *r.book;
    Date today = make_date(2026, 11, 25);
    std::string error;
    auto week = parse_period("this-week", today, b.config.calendar, &error);
    REQUIRE(week);
    Table t = agenda_table(b, person_agenda(b, *b.person("rep.a"), *week, today));
    auto has = [&](std::string_view item) {
      return std::any_of(t.rows.begin(), t.rows.end(),
                         [&](auto& row) { return std::get<std::string>(row[3]) == item; });
    };
    bool monday = std::string_view(start) == "monday";
    CHECK(format_date(week->first) == (monday ? "2026-11-23" : "2026-11-22"));
    CHECK(has("P/A1") == monday);    // Sunday the 29th ends the Monday week only
    CHECK(has("T-sun") == !monday);  // Sunday the 22nd starts the Sunday week only
  }
}

TEST_CASE("agenda: a month shows what comes due by its end, and overdue work from before it") {
  std::string plan =
      "id: P\nperiod: 2026-Q4\nowner: boss\n"
      "actions:\n"
      "  - {id: A1, title: late, owner: rep.a, due: 2026-10-20, status: open}\n"
      "  - {id: A2, title: this month, owner: rep.a, due: 2026-11-30, status: open}\n"
      "  - {id: A3, title: next month, owner: rep.a, due: 2026-12-01, status: open}\n"
      "  - {id: A4, title: done, owner: rep.a, due: 2026-11-10, status: done, done_on: 2026-11-09}\n";
  auto r = load_files({{"team.yaml", kTeam}, {"plans/2026-Q4.yaml", plan}});
  REQUIRE_FALSE(r.diags.has_errors());
  const Book& b = *r.book;
  Date today = make_date(2026, 11, 26);
  Table t = agenda_table(b, person_agenda(b, *b.person("rep.a"), month_period(today), today));
  std::vector<std::string> actions, status;
  for (auto& row : t.rows)
    if (std::get<std::string>(row[0]) == "action") {
      actions.push_back(std::get<std::string>(row[3]));
      status.push_back(std::get<std::string>(row[5]));
    }
  CHECK(actions == std::vector<std::string>{"P/A1", "P/A2"});
  CHECK(status == std::vector<std::string>{"overdue", "due"});
}
