#include "core/customers.hpp"

#include <algorithm>

namespace salesops::core {

std::string_view reason_name(CustomerDue::Reason reason) {
  return reason == CustomerDue::Reason::revisit ? "revisit" : "follow-up";
}

std::optional<CustomerDue> customer_due(const Book& book, const Customer& c, Date today) {
  Day latest;
  for (const Interaction& i : c.interactions)
    if (!latest || *i.date > *latest) latest = i.date;

  std::optional<CustomerDue> out;
  auto offer = [&](Date due, CustomerDue::Reason reason) {
    if (out && out->due < due) return;
    if (out && out->due == due && reason == CustomerDue::Reason::revisit) return;
    out = CustomerDue{&c, latest, due, days_between(due, today), reason};
  };

  // Only the interactions on the latest date have no later one: their `next` is still open.
  if (latest)
    for (const Interaction& i : c.interactions)
      if (i.next && *i.date == *latest) offer(*i.next, CustomerDue::Reason::follow_up);

  auto cadence = book.config.revisit_days.find(std::string(book.text(c.tier)));
  if (!c.tier.empty() && cadence != book.config.revisit_days.end()) {
    Day from = latest ? latest : c.since;
    offer(from ? *from + std::chrono::days{cadence->second} : today, CustomerDue::Reason::revisit);
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

}  // namespace salesops::core
