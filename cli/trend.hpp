#pragma once
// What every `salesops trend` report shares (cli/cmd_trend.cpp): the options --every and
// --by, the points in time with the commit each stands at, the book at each point (loaded
// once per commit), the columns that name a point, and the output (every table format, and
// html: a page with a line chart per series). A report is a setup function that declares
// its own options after add_trend_options and a row of kTrendCommands (cmd_trend.cpp).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "core/base/table.hpp"
#include "core/trend/books.hpp"
#include "core/trend/points.hpp"

namespace salesops::cli {

/// The options every trend report takes besides the global ones (--period, --format, --at).
struct TrendOptions {
  std::string every = "month";  ///< --every week|month|quarter
  std::string by;               ///< --by owner: per responsible manager ("" for overall)
};

/// Declares --every, and --by (owner only) when the report has a per-owner view.
void add_trend_options(CLI::App& app, TrendOptions& o, bool by_owner);

/// A trend under way: its period, its points with their commits, and the books.
struct Trend {
  std::string tip;  ///< the full commit id --at names; empty: HEAD
  core::Period period;
  core::Every every = core::Every::month;
  std::vector<core::TrendPoint> points;
  std::unique_ptr<core::TrendBooks> books;
};

/// Reads --period (default: this-year) and --every, lists the points and places each on the
/// first-parent history of --at (default HEAD). Exits 2 on a malformed --period, --every or
/// --by, 3 when the book is not in a git repository or git fails. `skip`: folders of the
/// book the report does not read (see core::TrendBooks).
Trend start_trend(Context& ctx, const TrendOptions& o, std::vector<std::string> skip = {});

/// The book at `point`'s commit; null for a point before the first commit, and for a
/// revision whose book has errors (a note on stderr names the commit; its figures are left
/// empty). Exits 3 when git cannot read the revision.
const core::Book* trend_book(Context& ctx, Trend& trend, const core::TrendPoint& point);

/// The book at the trend's tip (--at, or HEAD), read as the points' books are (and shared
/// with the last point's when it is the same commit): what a figure "finally was". The
/// working tree's book when the repository has no commit yet. Exits 3 when it has errors.
const core::Book& trend_tip_book(Context& ctx, Trend& trend);

/// The columns naming a point, first in every trend table: point (the sub-period), day,
/// commit (full in machine formats, 10 digits in table and md; empty before the first
/// commit), commit_date.
void add_point_columns(core::Table& table);
/// Fills the point columns of `row` (from column 0).
void fill_point_cells(Context& ctx, std::vector<core::Cell>& row, const core::TrendPoint& point);
constexpr std::size_t kPointColumns = 4;

/// A line of a chart: a name and one value per point (nullopt: no value there).
struct TrendSeries {
  std::string name;
  std::vector<std::optional<double>> values;
};
/// One line chart of the html page: a title (already in English, translated by the page),
/// the unit of its y axis, and its lines.
struct TrendChart {
  std::string title;
  std::string unit;
  std::vector<TrendSeries> series;
};

/// Writes the report: html (a self-contained page: the charts over the points, then the
/// table) or any table format (emit_report with `title_format`, a msgid such as
/// "Policy findings for {}" whose placeholder is the period).
void emit_trend(Context& ctx, const Trend& trend, const core::Table& table, std::string_view title_format,
                const std::vector<TrendChart>& charts);

/// The html page of emit_trend, written to `out` (cli/trend_html.cpp).
void write_trend_html(std::ostream& out, const Trend& trend, const core::Table& table, const std::string& title,
                      const std::vector<TrendChart>& charts, const std::string& generated);

/// The reports, each in a file of its own.
Run setup_trend_policy(CLI::App& app, Context& ctx);
Run setup_trend_targets(CLI::App& app, Context& ctx);
Run setup_trend_slippage(CLI::App& app, Context& ctx);
Run setup_trend_forecast(CLI::App& app, Context& ctx);

}  // namespace salesops::cli
