// People who have left: what they still own, and deals opened before their owner joined.
// The write verbs refuse new deals, customers and targets for a person who has left.
#include <fmt/format.h>

#include "core/audit/rules.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// The person `id` names when they left before `today`, else nullptr.
const Person* left_before(const Book& b, Sym id, Date today) {
  const Person* p = id.empty() ? nullptr : b.person(b.text(id));
  return p && p->left && *p->left < today ? p : nullptr;
}

}  // namespace

void leaver_open_deals(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const Deal& d : b.deals) {
    const Person* p = left_before(b, d.owner, today);
    if (!p || d.stage == b.config.won || d.stage == b.config.lost) continue;
    report(rule, b, d.at,
           fmt::format(N_("open deal '{}' is owned by {}, who left on {}"), b.text(d.id), b.text(p->id),
                       format_date(*p->left)),
           out, N_("give it to a person who is here: set its owner"), p->team);
  }
}

void leaver_customers(const Book& b, Date today, const CheckRule& rule, Diagnostics& out) {
  for (const Customer& c : b.customers) {
    const Person* p = left_before(b, c.owner, today);
    if (!p) continue;
    report(rule, b, c.at,
           fmt::format(N_("customer '{}' is owned by {}, who left on {}"), b.text(c.id), b.text(p->id),
                       format_date(*p->left)),
           out, N_("give it to a person who is here: set its owner"), p->team);
  }
}

void deal_before_joined(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  for (const Deal& d : b.deals) {
    const Person* p = d.owner.empty() ? nullptr : b.person(b.text(d.owner));
    if (!p || !p->joined || !d.opened || *p->joined <= *d.opened) continue;
    report(rule, b, d.at,
           fmt::format(N_("deal '{}' was opened on {}, before its owner {} joined ({})"), b.text(d.id),
                       format_date(*d.opened), b.text(p->id), format_date(*p->joined)),
           out, N_("check the opened date, or the owner (a deal handed over keeps its opening day: check joined)"),
           d.owner);
  }
}

}  // namespace salesops::core
