#pragma once
// The sales process (SPEC 4, 6): open deals, their stages and what they are expected to bring;
// the reports of `deal pipeline` and `deal forecast` (the funnel: core/funnel.hpp).
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/money.hpp"
#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// True for the stages of the funnel (salesops.toml [stages] order), false for won and lost.
inline bool is_open_stage(const Config& config, std::uint8_t stage) { return stage < config.open_stage_count(); }

/// What the open deals of an owner are expected to bring in a window of days.
struct ExpectedDeals {
  std::int64_t deals = 0;  // open deals expected to close in the window
  Money amount;            // their amounts
  Money weighted;          // Σ amount × probability of the current stage, rounded once
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

/// The rows of `deal pipeline --by`.
enum class PipelineBy { none, owner, team };

/// `deal pipeline` (SPEC 6): `stage,deals,amount,probability,weighted_amount`, one row per
/// open stage in funnel order, then `total`, over the deals open at the end of `as_of`: the
/// deals whose stage that day (Book::stage_on) is an open stage. A deal counts in `deals`
/// whatever it holds; it adds its amount only when it has an amount and an opened date (as
/// the pipeline KPI). weighted_amount is each stage's Σ amount × probability rounded to the
/// cent once; the total row adds the rounded rows up and has no probability.
/// With `by`, an `owner` column comes first and each owner (people in team.yaml order, or
/// teams over their subtree) with at least one open deal gets its stage rows and total.
Table pipeline_table(const Book& book, Date as_of, PipelineBy by);

/// `deal forecast`: `owner,name,won,weighted_open,forecast,target,gap` for every person
/// with a figure (team.yaml order), every team, then the company:
/// - won: the revenue KPI of the owner for the period;
/// - weighted_open: OpenDeals::expected(owner, from, to).weighted from today (or the period's
///   first day when later) through the period's last day; 0 for a period that has ended;
/// - forecast: won + weighted_open;
/// - target: the owner's revenue target for exactly this period (undefined when none);
/// - gap: target − forecast (negative when the forecast exceeds it; undefined without target).
Table forecast_table(const Book& book, const Period& period, Date today);

}  // namespace salesops::core
