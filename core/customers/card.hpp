#pragma once
// `customer show`: everything the card of one customer holds, as tables.
#include <optional>

#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/customers/customers.hpp"

namespace salesops::core {

struct CustomerCard {
  /// customer,name,owner,owner_name,tier,segment,industry,region,source,since,due,due_reason,
  /// days_overdue: one row.
  Table record;
  Table contacts;       // name,title,phone,email
  Table open_deals;     // deal,title,product,stage,amount,expected_close
  Table closed_deals;   // deal,title,product,stage,amount,closed: latest first
  Table interactions;   // date,type,by,summary,next: latest first
  Table surveys;        // date,csat,nps,comment: latest first
  /// due,set_on,by,summary: the `next` dates no later interaction has answered (as
  /// customer_due reads them).
  Table open_follow_ups;
  std::optional<CustomerDue> due;
};

CustomerCard customer_card(const Book& book, const Customer& customer, Date today);

}  // namespace salesops::core
