#pragma once
// `plan agenda`: one person's work for a week or a month, and a team's weekly meeting, each
// gathered from plans, customers, coaching and targets into one table.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// A section of an agenda: its id (the `section` column) and its heading.
struct AgendaSection {
  const char* id;
  const char* title;
};

/// One thing on an agenda.
struct AgendaItem {
  std::string_view section;  // the id of its AgendaSection
  Day date;
  Sym person;
  std::string item, detail, status;
};

/// An agenda: its sections in order, and its items by section, then date (undated last),
/// then item.
struct Agenda {
  std::span<const AgendaSection> sections;
  std::vector<AgendaItem> items;
};

/// An agenda as one table: section,date,person,item,detail,status.
Table agenda_table(const Book& book, const Agenda& agenda);
/// The items of one section of an agenda: date,person,item,detail,status.
Table agenda_section_table(const Book& book, const Agenda& agenda, std::string_view section);

/// An open deal is stalled when its stage has not changed for this many days.
inline constexpr int kStalledDays = 30;

/// One person's agenda over `window` (the week or month holding today), in sections
/// action, customer, follow-up, training, one-on-one, target:
///  - action: their open plan actions due by the window's end (overdue ones included);
///  - customer: their customers' revisits and follow-ups due by the window's end;
///  - follow-up: their open coaching follow-ups, dated or not;
///  - training: trainings in the window they attend or give;
///  - one-on-one: coaching sessions in the window they receive or give, and the
///    one-on-ones due by the window's end (their own as a rep, and those of the reps whose
///    responsible coach they are, see OneOnOneCadence);
///  - target: their own targets of the current period that are cautioned or off-track.
/// status is overdue, today or due for what comes due; held or scheduled for sessions and
/// trainings; the target status for targets.
Agenda person_agenda(const Book& book, const Person& person, const Period& window, Date today);

/// A team's meeting agenda over the team's subtree, in sections target, moved, stalled,
/// overdue, revisit, coaching, wins: targets at risk; deals
/// whose stage changed, and deals won, since the first day of the window before this one;
/// open deals stalled (no stage change for kStalledDays, or past their expected close);
/// overdue plan actions, coaching follow-ups and customer follow-ups; customers past their
/// revisit; one-on-ones overdue or due in the window; wins.
Agenda team_agenda(const Book& book, std::string_view team, const Period& window, Date today);

}  // namespace salesops::core
