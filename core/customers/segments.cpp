// `customer segments` (ABC analysis by revenue, summaries by field) and `customer satisfaction`.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "core/base/enum_names.hpp"
#include "core/base/i18n.hpp"
#include "core/customers/customers.hpp"

namespace salesops::core {

char abc_class(std::int64_t cumulative, std::int64_t total) {
  // cumulative / total <= 0.80, in integers so that exactly 80% is A.
  if (cumulative * 100 <= total * 80) return 'A';
  if (cumulative * 100 <= total * 95) return 'B';
  return 'C';
}

std::optional<SegmentBy> parse_segment_by(std::string_view t) {
  static constexpr EnumNames<SegmentBy, 5> kNames({"customer", "segment", "tier", "region", "industry"});
  return kNames.parse(t);
}

std::optional<SatisfactionBy> parse_satisfaction_by(std::string_view t) {
  if (t == "owner" || t == "person") return SatisfactionBy::owner;
  if (t == "team") return SatisfactionBy::team;
  if (t == "segment") return SatisfactionBy::segment;
  return std::nullopt;
}

namespace {

Cell ratio(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? Cell{Undefined{}} : Cell{Ratio{static_cast<double>(part) / static_cast<double>(whole)}};
}

Sym field_of(const Customer& c, SegmentBy by) {
  switch (by) {
    case SegmentBy::segment:
      return c.segment;
    case SegmentBy::tier:
      return c.tier;
    case SegmentBy::region:
      return c.region;
    case SegmentBy::industry:
      return c.industry;
    case SegmentBy::customer:
      break;
  }
  return c.id;
}

/// Won revenue and won deals per customer in the period, and the period's total.
struct WonRevenue {
  std::unordered_map<Sym, std::int64_t> revenue, won;
  std::int64_t total = 0;
};

WonRevenue won_revenue(const Book& b, const Period& p) {
  // One pass over the deals.
  WonRevenue w;
  for (const Deal& d : b.deals) {
    if (d.stage != b.config.won || !d.closed || !p.contains(*d.closed) || d.customer.empty()) continue;
    // Amounts are bounded, so this takes over 92 million deals; still never a wrapped sum.
    std::int64_t cents = b.amount_in_book_currency(d, *d.closed).cents;
    if (__builtin_add_overflow(w.revenue[d.customer], cents, &w.revenue[d.customer]) ||
        __builtin_add_overflow(w.total, cents, &w.total))
      throw std::overflow_error(fmt::format(N_("the won revenue overflows at deal {}"), b.text(d.id)));
    ++w.won[d.customer];
  }
  return w;
}

std::vector<AbcCustomer> abc_of(const Book& b, const WonRevenue& w) {
  std::vector<std::pair<const Customer*, std::int64_t>> rows;
  for (const Customer& c : b.customers)
    if (auto it = w.revenue.find(c.id); it != w.revenue.end() && it->second != 0) rows.emplace_back(&c, it->second);
  std::sort(rows.begin(), rows.end(), [&](auto& x, auto& y) {
    if (x.second != y.second) return x.second > y.second;
    return b.text(x.first->id) < b.text(y.first->id);
  });
  auto share = [&](std::int64_t part) {
    return w.total == 0 ? std::nullopt
                        : std::optional<double>(static_cast<double>(part) / static_cast<double>(w.total));
  };
  std::vector<AbcCustomer> out;
  std::int64_t cumulative = 0;
  for (auto& [c, cents] : rows) {
    cumulative += cents;
    out.push_back({c, Money{cents}, share(cents), share(cumulative), abc_class(cumulative, w.total)});
  }
  return out;
}

Cell ratio_cell(std::optional<double> r) { return r ? Cell{Ratio{*r}} : Cell{Undefined{}}; }

Table abc_table(const Book& b, const std::vector<AbcCustomer>& customers) {
  Table t;
  for (const char* id : {N_("customer"), N_("name"), N_("owner"), N_("revenue"), N_("share"), N_("cumulative_share"), N_("class")})
    t.add_column(id);
  t.set_type("revenue", ColumnType::money);
  t.set_type("share", ColumnType::ratio);
  t.set_type("cumulative_share", ColumnType::ratio);
  for (const AbcCustomer& a : customers)
    t.add_row() = {b.str(a.customer->id), b.str(a.customer->name),        b.str(a.customer->owner), a.revenue,
                   ratio_cell(a.share),   ratio_cell(a.cumulative_share), std::string(1, a.abc)};
  return t;
}

}  // namespace

std::vector<AbcCustomer> abc_customers(const Book& b, const Period& p) { return abc_of(b, won_revenue(b, p)); }

Table customer_segments_table(const Book& b, const Period& p, SegmentBy by) {
  WonRevenue w = won_revenue(b, p);
  if (by == SegmentBy::customer) return abc_table(b, abc_of(b, w));
  const auto& revenue = w.revenue;
  const auto& won = w.won;
  std::int64_t total = w.total;

  struct Group {
    std::int64_t customers = 0, revenue = 0, won = 0, csat_sum = 0, csat_n = 0;
  };
  std::map<std::string_view, Group> groups;  // by value; "" (no value) is kept apart
  Group none;
  bool has_none = false;
  for (const Customer& c : b.customers) {
    Sym v = field_of(c, by);
    Group& g = v.empty() ? none : groups[b.text(v)];
    has_none = has_none || v.empty();
    ++g.customers;
    if (auto it = revenue.find(c.id); it != revenue.end()) g.revenue += it->second;
    if (auto it = won.find(c.id); it != won.end()) g.won += it->second;
    for (const Survey& s : c.surveys())
      if (s.csat >= 0 && p.contains(*s.date)) {
        g.csat_sum += s.csat;
        ++g.csat_n;
      }
  }
  static const char* kNames[] = {"customer", "segment", "tier", "region", "industry"};
  Table t;
  t.add_column(kNames[static_cast<int>(by)]);
  for (const char* id : {N_("customers"), N_("revenue"), N_("share"), N_("avg_deal_size"), N_("csat")}) t.add_column(id);
  t.set_type("customers", ColumnType::integer);
  t.set_type("revenue", ColumnType::money);
  t.set_type("share", ColumnType::ratio);
  t.set_type("avg_deal_size", ColumnType::money);
  t.set_type("csat", ColumnType::decimal, "rating");
  auto add = [&](Cell key, const Group& g) {
    Cell avg = g.won == 0 ? Cell{Undefined{}} : Cell{Money{div_round_half_away(g.revenue, g.won)}};
    Cell csat = g.csat_n == 0 ? Cell{Undefined{}} : Cell{Decimal{static_cast<double>(g.csat_sum) / g.csat_n}};
    t.add_row() = {std::move(key), g.customers, Money{g.revenue}, ratio(g.revenue, total), avg, csat};
  };
  for (auto& [name, g] : groups) add(std::string(name), g);
  if (has_none) add(Undefined{}, none);
  return t;
}

}  // namespace salesops::core
