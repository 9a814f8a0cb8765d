// salesops trend: what the history of the book shows, point by point (the end of each week,
// month or quarter of a period, the book as it stood at the last commit on or before it).
// This file holds what every report shares (cli/trend.hpp) and the table of reports.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/trend.hpp"
#include "core/base/i18n.hpp"
#include "core/base/git.hpp"
#include "core/load/git_source.hpp"

namespace salesops::cli {

void add_trend_options(CLI::App& app, TrendOptions& o, bool by_owner) {
  app.add_option("--every", o.every, N_("The points: the end of each week, month (the default) or quarter of --period"))
      ->check(CLI::IsMember({"week", "month", "quarter"}));
  if (by_owner)
    app.add_option("--by", o.by, N_("owner: one row per point and responsible manager"))
        ->check(CLI::IsMember({"owner"}));
}

Trend start_trend(Context& ctx, const TrendOptions& o, std::vector<std::string> skip) {
  Trend trend;
  auto every = core::parse_every(o.every);
  if (!every || *every == core::Every::year)
    ctx.fail(kUsage, fmt::format(N_("--every takes week, month or quarter, not '{}'"), o.every));
  trend.every = *every;
  trend.period = ctx.period("this-year");
  trend.points = core::trend_points(trend.period, trend.every, ctx.today());
  std::string error;
  if (!core::git_book_prefix(ctx.book_root(), &error)) ctx.fail(kBookUnreadable, error);
  if (!ctx.options.at.empty()) {
    auto tip = core::resolve_commit(ctx.book_root(), ctx.options.at);
    if (!tip) ctx.fail(kUsage, fmt::format(N_("--at {}: no such revision in the book's repository"), ctx.options.at));
    trend.tip = *tip;
  }
  std::vector<core::CommitTime> history = core::first_parent_history(ctx.book_root(), trend.tip, &error);
  if (!error.empty()) ctx.fail(kBookUnreadable, error);
  core::place_points(history, trend.points);
  trend.books = std::make_unique<core::TrendBooks>(ctx.book_root(), ctx.load_options(), std::move(skip));
  return trend;
}

const core::Book* trend_book(Context& ctx, Trend& trend, const core::TrendPoint& point) {
  if (point.commit.empty()) return nullptr;
  std::string error;
  const core::LoadResult* loaded = trend.books->at(point.commit, &error);
  if (!loaded) ctx.fail(kBookUnreadable, error);
  if (loaded->diags.has_errors() || loaded->refused || !loaded->book) {
    if (!ctx.options.quiet)
      std::cerr << core::tr(fmt::format(N_("note: the book at {} ({}) has {} errors: its figures are left empty"),
                                        point.short_id(), point.unit.label, loaded->diags.error_count()))
                << '\n';
    return nullptr;
  }
  return loaded->book.get();
}

const core::Book& trend_tip_book(Context& ctx, Trend& trend) {
  std::string tip = trend.tip;
  if (tip.empty()) {
    auto head = core::resolve_commit(ctx.book_root(), "HEAD");
    if (!head) return ctx.book();
    tip = *head;
  }
  std::string error;
  const core::LoadResult* loaded = trend.books->at(tip, &error);
  if (!loaded) ctx.fail(kBookUnreadable, error);
  const std::string what = fmt::format(N_("the book at {}"), ctx.options.at.empty() ? "HEAD" : ctx.options.at);
  ctx.fail_on_errors(*loaded, nullptr, what);
  if (!loaded->book || loaded->refused) ctx.fail(kBookUnreadable, fmt::format(N_("{} cannot be read"), what));
  return *loaded->book;
}

void add_point_columns(core::Table& t) {
  t.add_column(N_("point"), core::ColumnType::period);
  t.add_column(N_("day"), core::ColumnType::date);
  t.add_column(N_("commit"));
  t.add_column(N_("commit_date"));
}

void fill_point_cells(Context& ctx, std::vector<core::Cell>& row, const core::TrendPoint& p) {
  row[0] = core::period_cell(p.unit);
  row[1] = p.day;
  row[2] = p.commit.empty() ? core::Cell{core::Undefined{}} : core::Cell{ctx.commit_id(p.commit)};
  row[3] = p.commit.empty() ? core::Cell{core::Undefined{}} : core::Cell{p.commit_date};
}

void emit_trend(Context& ctx, const Trend& trend, const core::Table& table, std::string_view title_format,
                const std::vector<TrendChart>& charts) {
  if (ctx.format() != Format::html) return ctx.emit_report(table, title_format, trend.period);
  std::string title = ctx.period_title(title_format, trend.period);
  std::string generated = core::tr(fmt::format(N_("the book at the last commit on or before each {} end; computed on {}"),
                                                core::every_name(trend.every), core::format_date(ctx.today())));
  ctx.output([&](std::ostream& out, bool) { write_trend_html(out, trend, table, title, charts, generated); });
}

namespace {

constexpr Command kTrendCommands[] = {
    {"policy", N_("Findings of each policy rule at each point, overall or per responsible manager"), kReadsAtRevision,
     setup_trend_policy},
    {"targets", N_("Changes to targets' values after their period began: by whom, approved, cuts flagged"),
     kReadsAtRevision, setup_trend_targets},
    {"slippage", N_("Deals whose expected close was pushed later: how often, how far, and the value that left each period"),
     kReadsAtRevision, setup_trend_slippage},
    {"forecast", N_("What the run-rate and pipeline forecasts of a period said at each point, against the actual"),
     kReadsAtRevision, setup_trend_forecast},
};

}  // namespace

std::span<const Command> trend_commands() { return kTrendCommands; }

}  // namespace salesops::cli
