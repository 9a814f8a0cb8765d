#pragma once
// `trend forecast`: what `target status` forecast for a period's revenue targets at points
// before its end, each on the book as it stood then, against what the period finally was.
#include <optional>
#include <string>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// The book as it stood on a day (the last commit on or before it); null when there is none.
struct BookAtPoint {
  Date day;
  const Book* book = nullptr;
};

/// What one revenue target's forecasts said on one day, against the final actual.
struct TargetForecast {
  std::size_t point = 0;  // index into the points given
  std::string target, owner;
  /// As target status computes them on the point's book with today = the point's day;
  /// Undefined when it gives none (the run rate before the period starts).
  Cell run_rate, pipeline;
  /// The target's actual on the final book (revenue of the owner for the whole period).
  Cell actual;
};

/// For every revenue target of exactly `period` in `final_book` (the book read at the
/// report's revision; its actual is computed with `today`), one row per point whose book
/// holds that target, points in the order given, targets in book order within a point.
std::vector<TargetForecast> forecast_history(const std::vector<BookAtPoint>& points, const Book& final_book,
                                             Date today, const Period& period);

/// forecast − actual, and that over the actual (nothing when the actual is zero or either
/// is undefined).
std::optional<Money> forecast_error(const Cell& forecast, const Cell& actual);
std::optional<double> relative_error(const Cell& forecast, const Cell& actual);

/// `target,owner,actual,run_rate_forecast,run_rate_error,run_rate_relative_error,
/// pipeline_forecast,pipeline_error,pipeline_relative_error`, one row per TargetForecast, in
/// their order (the command puts the columns that name each row's point before them).
Table forecast_points_table(const std::vector<TargetForecast>& rows);

/// The bias of each target's forecasts (`--by owner`):
/// `target,owner,name,actual,points,run_rate_bias,run_rate_abs_error,pipeline_bias,
/// pipeline_abs_error,tendency`. A bias is the mean signed relative error over the points
/// where it is defined (positive: optimistic; negative: sandbagging), an abs_error the mean
/// of its absolute values; tendency reads the pipeline bias: `optimistic` above +5%,
/// `sandbagging` below −5%, else `accurate`.
Table forecast_bias_table(const Book& book, const std::vector<TargetForecast>& rows);

/// The band around zero within which a pipeline bias reads as accurate.
inline constexpr double kAccurateBias = 0.05;

}  // namespace salesops::core
