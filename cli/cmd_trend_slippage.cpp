// salesops trend slippage: deals whose expected_close was pushed later, commit by commit.
#include <algorithm>

#include "cli/commands.hpp"
#include "cli/trend.hpp"
#include "core/base/i18n.hpp"
#include "core/trend/slippage.hpp"

namespace salesops::cli {

namespace {

struct SlippageOptions {
  TrendOptions trend;
  std::string by = "push";
};

core::SlippageBy slippage_by(std::string_view by) {
  if (by == "owner") return core::SlippageBy::owner;
  if (by == "stage") return core::SlippageBy::stage;
  if (by == "period") return core::SlippageBy::period;
  return core::SlippageBy::push;
}

/// Per point, per owner: the pushes committed in the point's period, and the amount that
/// slipped out of it.
std::vector<TrendChart> slippage_charts(const Trend& trend, const std::vector<core::Push>& pushes) {
  std::vector<std::string> owners;
  for (const core::Push& p : pushes)
    if (std::find(owners.begin(), owners.end(), p.owner) == owners.end()) owners.push_back(p.owner);
  TrendChart count{N_("pushes"), "count", {}}, amount{N_("slipped_amount"), "money", {}};
  for (const std::string& owner : owners) {
    TrendSeries n{owner, {}}, out{owner, {}};
    for (const core::TrendPoint& point : trend.points) {
      double made = 0, slipped = 0;
      for (const core::Push& p : pushes) {
        if (p.owner != owner) continue;
        if (point.unit.contains(p.date)) ++made;
        if (p.out_of == point.unit.label && point.unit.contains(p.from) && p.amount)
          slipped += static_cast<double>(p.amount->cents) / 100.0;
      }
      n.values.push_back(made);
      out.values.push_back(slipped);
    }
    count.series.push_back(std::move(n));
    amount.series.push_back(std::move(out));
  }
  return {count, amount};
}

void run_slippage(Context& ctx, const SlippageOptions& o) {
  // The tip's book gives names, stages and rates: its deals and customers are left unread.
  Trend trend = start_trend(ctx, o.trend, {"deals/", "customers/"});
  std::vector<core::Period> periods;
  for (const core::TrendPoint& p : trend.points) periods.push_back(p.unit);
  const core::Book& book = trend_tip_book(ctx, trend);
  std::string error;
  std::vector<core::Push> pushes = core::find_pushes(ctx.book_root(), ctx.revision(), trend.period, book, &error);
  if (!error.empty()) ctx.fail(kBookUnreadable, error);
  core::mark_slipped_out(pushes, periods);
  for (core::Push& p : pushes) p.commit = ctx.commit_id(p.commit);
  core::SlippageBy by = slippage_by(o.by);
  core::Table table = core::slippage_table(book, pushes, by, periods);
  if (by == core::SlippageBy::push) table.mark_detail({"out_of", "author"});
  emit_trend(ctx, trend, table, N_("Slipped deals for {}"), slippage_charts(trend, pushes));
}

}  // namespace

Run setup_trend_slippage(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SlippageOptions>();
  add_trend_options(app, o->trend, false);
  app.add_option("--by", o->by, N_("Rows: push (one per push), owner, stage or period"))
      ->check(CLI::IsMember({"push", "owner", "stage", "period"}))
      ->capture_default_str();
  return [&ctx, o] { run_slippage(ctx, *o); };
}

}  // namespace salesops::cli
