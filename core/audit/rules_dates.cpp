// What has not happened yet: records of things done, dated after today. The write verbs
// refuse the same dates (core/write/change.hpp, refuse_after_today).
#include <fmt/format.h>

#include "core/audit/rules.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

void dated_after_today(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  auto after = [&](Day d) { return d && *d > today; };
  auto tell = [&](Mark at, std::string what, Day d, Sym owner) {
    report(rule, b, at, fmt::format(N_("{} is dated {}, after today ({})"), what, format_date(*d), format_date(today)),
           out, N_("a record of what was done is dated on or before the day it was done"), owner);
  };
  for (const Customer& c : b.customers) {
    for (const Interaction& i : c.interactions())
      if (after(i.date)) tell(i.mark(c.at.file), fmt::format(N_("an interaction with customer '{}'"), b.text(c.id)), i.date, i.by);
    for (const Survey& s : c.surveys())
      if (after(s.date)) tell(s.mark(c.at.file), fmt::format(N_("a survey of customer '{}'"), b.text(c.id)), s.date, c.owner);
  }
  for (const CoachingSession& s : b.sessions)
    if (after(s.date)) tell(s.at, fmt::format(N_("coaching session '{}'"), b.text(s.id)), s.date, s.person);
  for (const Plan& p : b.plans)
    for (const PlanAction& a : p.actions)
      if (a.status == ActionStatus::done && after(a.done_on))
        tell(a.at, fmt::format(N_("action {}/{}, done,"), b.text(p.id), b.text(a.id)), a.done_on, a.owner);
}

}  // namespace salesops::core
