#pragma once
// Customer relationships (SPEC 1, 6): revisits and follow-ups that come due, the ABC
// analysis by revenue, and satisfaction by owner, team or segment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

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
///  - revisit: the latest interaction (else `since`, else org.started; each moved on to
///    org.started when earlier) + policy.revisit_days of its tier; a tiered customer with
///    none of them is due today; a customer without a tier (or a tier with no cadence)
///    has no revisit date;
///  - follow-up: the earliest `next` of an interaction with no later interaction with that
///    customer (SPEC 4, followups_overdue), unless it fell due before org.started.
/// On equal dates the follow-up is the reason given.
std::optional<CustomerDue> customer_due(const Book& book, const Customer& customer, Date today);

/// Customers due by `today + within_days` (within 0 = due now), most overdue first, then by id.
std::vector<CustomerDue> customers_due(const Book& book, Date today, int within_days = 0);

/// Which customers a listing keeps; empty fields keep all.
struct CustomerFilter {
  std::string owner;  // a person, a team (its members' customers) or company
  std::string tier, segment, region;
};
bool customer_matches(const Book& book, const Customer& customer, const CustomerFilter& filter,
                      const std::vector<Sym>& owners);
/// The people `filter.owner` stands for (owner_people); empty when it is empty.
std::vector<Sym> filter_owners(const Book& book, const CustomerFilter& filter);

/// `customer list`: customer,name,owner,tier,segment,industry,region,since,last_contact,due.
/// `sort`: id, name, owner, tier, last_contact or due. False with `error` on an unknown sort.
std::optional<Table> customer_list_table(const Book& book, Date today, const CustomerFilter& filter,
                                         std::string_view sort, std::string* error);

/// `customer due` (SPEC 6): customer,name,owner,tier,last_contact,due,days_overdue,reason.
Table customer_due_table(const Book& book, const std::vector<CustomerDue>& due);

/// The deals of one customer, in book order.
std::vector<const Deal*> deals_of(const Book& book, const Customer& customer);

/// ABC class of a customer whose cumulative revenue share (itself included) is
/// cumulative / total: A up to 80%, B up to 95%, else C (exact, in cents).
char abc_class(std::int64_t cumulative_cents, std::int64_t total_cents);

/// What `customer segments` groups by: each customer (the ABC analysis) or a field.
enum class SegmentBy { customer, segment, tier, region, industry };
std::optional<SegmentBy> parse_segment_by(std::string_view text);

/// A customer's place in the ABC analysis of a period's won revenue.
struct AbcCustomer {
  const Customer* customer = nullptr;
  Money revenue;
  /// revenue / the period's total, and the running sum of the shares down to this
  /// customer; nullopt when the total is 0.
  std::optional<double> share, cumulative_share;
  char abc = 'C';  // see abc_class
};

/// The ABC analysis (SPEC 6): the customers with won revenue in the period, in decreasing
/// order of revenue (ties by id).
std::vector<AbcCustomer> abc_customers(const Book& book, const Period& period);

/// `customer segments`: revenue of deals won in the period.
///  - by customer (SPEC 6): customer,name,owner,revenue,share,cumulative_share,class, the
///    customers with revenue in decreasing order (ties by id);
///  - by a field: <field>,customers,revenue,share,avg_deal_size,csat, one row per value
///    (customers without one last, as an undefined value), csat over the period's surveys.
Table customer_segments_table(const Book& book, const Period& period, SegmentBy by);

/// What `customer satisfaction` groups by: the customer's owner, the owner's team, the segment.
enum class SatisfactionBy { owner, team, segment };
std::optional<SatisfactionBy> parse_satisfaction_by(std::string_view text);

/// `customer satisfaction`: owner,name,[period,]csat_answers,csat,csat_satisfied,nps_answers,nps
/// (segment rows: segment,[period,]...). csat is the mean answer, csat_satisfied the share
/// of answers 4 or 5, nps as SPEC 4; undefined without answers. Rows: people who own a
/// customer, every team, every segment of a customer.
Table customer_satisfaction_table(const Book& book, const Period& period, std::optional<Every> every,
                                  SatisfactionBy by);

}  // namespace salesops::core
