#pragma once
// The sales process (SPEC 4, 6): open deals, their stages and what they are expected to bring.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/book.hpp"
#include "core/money.hpp"

namespace salesops::core {

/// What the open deals of an owner are expected to bring in a window of days.
struct ExpectedDeals {
  std::int64_t deals = 0;   // open deals expected to close in the window
  Money amount;             // their amounts
  Money weighted;           // Σ amount × probability of the current stage, rounded once
};

/// The deals open now (stage neither won nor lost) that have an expected_close, indexed by
/// owner once, so that many owners and windows cost only their own deals.
class OpenDeals {
 public:
  explicit OpenDeals(const Book& book);
  /// Open deals of `owner` (person id, team id or "company") whose expected_close falls in
  /// [from, to]. Deals without an amount count as deals and add nothing to the amounts.
  ExpectedDeals expected(std::string_view owner, Date from, Date to) const;

 private:
  struct Entry {
    Date expected_close;
    std::int64_t cents;
    double probability;
  };
  const Book& book_;
  std::vector<std::vector<Entry>> by_person_;  // index of Book::people
};

/// The weighted part of the pipeline forecast (SPEC 4) and of `deal forecast`:
/// OpenDeals(book).expected(owner, from, to).weighted.
Money expected_weighted(const Book& book, std::string_view owner, Date from, Date to);

}  // namespace salesops::core
