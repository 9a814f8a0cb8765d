#pragma once
// `deal funnel` (SPEC 6): how deals move through the stages of the funnel in a period,
// read from their stage histories.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// One open stage of the funnel of a period (see funnel_table for the definitions).
struct FunnelRow {
  std::uint8_t stage = 0;
  std::int64_t entered = 0;
  std::int64_t advanced = 0;
  std::int64_t days = 0;  // Σ days spent in the stage by the deals entered
};

struct Funnel {
  std::vector<FunnelRow> rows;       // every open stage, in funnel order
  std::optional<std::size_t> stall;  // the row where deals stall, when one does
};

/// The funnel of `period`, read from the deals' histories as they stand on `today` (history
/// entries dated after today are ignored; deals without history are left out):
/// - entered: deals with a history entry of the stage dated in the period (once per deal;
///   its first such entry is "the entry");
/// - advanced: of those, the deals whose history, after the entry, reaches a later open
///   stage or won;
/// - days: from the entry to the next history entry of another stage, else to `closed`,
///   else to today (a deal still in the stage counts the days it has spent so far);
/// - stall: the row with the lowest conversion (advanced / entered) below 1 among the rows
///   with entries; ties go to the longer average stay, then to the earlier stage.
Funnel deal_funnel(const Book& book, const Period& period, Date today);

/// `deal funnel` (SPEC 6): `stage,entered,advanced,conversion,avg_days`; conversion and
/// avg_days are undefined when nothing entered.
Table funnel_table(const Book& book, const Funnel& funnel);

}  // namespace salesops::core
