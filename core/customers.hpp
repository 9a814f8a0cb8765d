#pragma once
// Customer relationships (SPEC 1, 6): revisits and follow-ups that come due, the ABC
// analysis by revenue, and satisfaction by owner, team or segment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/book.hpp"
#include "core/period.hpp"
#include "core/table.hpp"

namespace salesops::core {

/// A customer whose revisit or follow-up is due.
struct CustomerDue {
  const Customer* customer;
  Day last_contact;  // the latest interaction; absent when there is none
  Date due;
  int days_overdue;  // today - due: 0 on the due date, negative for what comes due later
  enum class Reason { revisit, follow_up } reason;
};

std::string_view reason_name(CustomerDue::Reason reason);

/// When a customer's relationship next needs attention, if ever: the earlier of
///  - revisit: the latest interaction (else `since`) + policy.revisit_days of its tier; a
///    tiered customer with neither is due today; a customer without a tier (or a tier
///    with no cadence) has no revisit date;
///  - follow-up: the earliest `next` of an interaction with no later interaction with that
///    customer (SPEC 4, followups_overdue).
/// On equal dates the follow-up is the reason given.
std::optional<CustomerDue> customer_due(const Book& book, const Customer& customer, Date today);

/// Customers due by `today + within_days` (within 0 = due now), most overdue first, then by id.
std::vector<CustomerDue> customers_due(const Book& book, Date today, int within_days = 0);

}  // namespace salesops::core
