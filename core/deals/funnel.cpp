#include "core/deals/funnel.hpp"

#include <algorithm>
#include <span>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// Adds one deal's history to the rows. `h` holds the entries dated on or before today.
void add_deal(const Book& book, const Deal& d, std::span<const StageChange> h, const Period& period, Date today,
              Funnel& f) {
  const Config& config = book.config;
  for (std::size_t s = 0; s < f.rows.size(); ++s) {
    auto stage = static_cast<std::uint8_t>(s);
    auto entry = std::find_if(h.begin(), h.end(),
                              [&](const StageChange& c) { return c.stage() == stage && period.contains(c.date()); });
    if (entry == h.end()) continue;
    FunnelRow& row = f.rows[s];
    ++row.entered;
    auto later = std::next(entry);
    if (std::any_of(later, h.end(), [&](const StageChange& c) { return c.stage() > stage && c.stage() != config.lost; }))
      ++row.advanced;
    auto left = std::find_if(later, h.end(), [&](const StageChange& c) { return c.stage() != stage; });
    Date until = left != h.end() ? left->date() : d.closed ? std::min(*d.closed, today) : today;
    row.days += std::max(0, days_between(entry->date(), until));
  }
}

double conversion(const FunnelRow& r) { return static_cast<double>(r.advanced) / static_cast<double>(r.entered); }
double avg_days(const FunnelRow& r) { return static_cast<double>(r.days) / static_cast<double>(r.entered); }

}  // namespace

Funnel deal_funnel(const Book& book, const Period& period, Date today) {
  Funnel f;
  std::size_t open = book.config.open_stage_count();
  for (std::size_t s = 0; s < open; ++s) f.rows.push_back({static_cast<std::uint8_t>(s)});
  for (const Deal& d : book.deals) {
    auto h = book.history_of(d);
    // Only entries up to today count, and a deal with none in the period adds nothing.
    auto end = std::find_if(h.begin(), h.end(), [&](const StageChange& c) { return c.date() > today; });
    h = h.first(static_cast<std::size_t>(end - h.begin()));
    if (std::none_of(h.begin(), h.end(), [&](const StageChange& c) { return period.contains(c.date()); })) continue;
    add_deal(book, d, h, period, today, f);
  }
  for (std::size_t s = 0; s < f.rows.size(); ++s) {
    const FunnelRow& r = f.rows[s];
    if (r.entered == 0 || r.advanced == r.entered) continue;
    if (!f.stall) {
      f.stall = s;
      continue;
    }
    const FunnelRow& best = f.rows[*f.stall];
    // Compared exactly: a/b < c/d as a·d < c·b.
    std::int64_t lhs = r.advanced * best.entered, rhs = best.advanced * r.entered;
    if (lhs < rhs || (lhs == rhs && r.days * best.entered > best.days * r.entered)) f.stall = s;
  }
  return f;
}

Table funnel_table(const Book& book, const Funnel& funnel) {
  Table t;
  for (const char* id : {N_("stage"), N_("entered"), N_("advanced"), N_("conversion"), N_("avg_days")}) t.add_column(id);
  t.set_type("entered", ColumnType::integer);
  t.set_type("advanced", ColumnType::integer);
  t.set_type("conversion", ColumnType::ratio);
  t.set_type("avg_days", ColumnType::decimal, "days");
  for (const FunnelRow& r : funnel.rows) {
    auto& row = t.add_row();
    row[0] = book.config.stages[r.stage].name;
    row[1] = r.entered;
    row[2] = r.advanced;
    if (r.entered > 0) {
      row[3] = Ratio{conversion(r)};
      row[4] = Decimal{avg_days(r)};
    }
  }
  return t;
}

}  // namespace salesops::core
