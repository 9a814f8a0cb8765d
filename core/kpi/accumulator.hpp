#pragma once
// The sums behind the KPIs: every KPI is a ratio of sums, so figures of people add up to
// figures of teams and of the company.
#include <cstdint>
#include <vector>

#include "core/book/book.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

struct KpiSums {
  std::int64_t revenue = 0, won = 0, lost = 0, cycle_days = 0, cycle_n = 0, new_customers = 0;
  std::int64_t pipeline = 0;
  long double weighted = 0;  // cents x probability, rounded when read
  std::int64_t activities = 0, visits = 0, csat_sum = 0, csat_n = 0, promoters = 0, detractors = 0, nps_n = 0;
  std::int64_t followups_overdue = 0, coaching = 0, actions_due = 0, actions_done = 0;
  double training_hours = 0;
  std::vector<long double> custom_sum;  // per custom KPI, in the config's order
  std::vector<std::int64_t> custom_n;

  void add(const KpiSums& o);
};

/// Which record goes to which row. A negative group leaves the record out.
struct KpiGrouping {
  virtual ~KpiGrouping() = default;
  virtual std::size_t size() const = 0;
  virtual int of_deal(const Deal& d) const = 0;
  virtual int of_interaction(const Customer& c, const Interaction& i) const = 0;
  virtual int of_customer(const Customer& c) const = 0;  // surveys and customer records
  virtual int of_person(Sym person) const = 0;           // coaching, training, plan actions
};

/// The sums of `group`, or nullptr for a record left out.
inline KpiSums* sums_of_group(std::vector<KpiSums>& sums, int group) {
  return group < 0 ? nullptr : &sums[static_cast<std::size_t>(group)];
}

/// Sums every record of `period` into one KpiSums per group.
std::vector<KpiSums> accumulate(const Book& book, const KpiGrouping& grouping, const Period& period, Date today);

}  // namespace salesops::core
