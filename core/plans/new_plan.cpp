// `plan new`: the text of a new plan, from the template and the book's previous period.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "core/customers/customers.hpp"
#include "core/plans/plans.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

namespace {

std::string scalar(std::string_view text) { return emit_scalar(YamlValue::text(std::string(text)), true); }

std::string ratio_text(double r) { return fmt::format("{:.4f}", r); }

/// Revenue of won deals closed in the period (`now`) and in the one before (`before`).
struct Revenue {
  Money now, before;
};

/// A template line `key: value   # comment` with its value replaced, the comment kept in
/// its column when the new value leaves room.
std::string replace_value(std::string_view line, std::string_view key, std::string_view value) {
  std::size_t hash = line.find(" #");
  std::string out = std::string(key) + ":" + (value.empty() ? "" : " " + std::string(value));
  if (hash == std::string_view::npos) return out;
  std::size_t column = hash + 1;  // where the comment's '#' stands
  out += out.size() < column ? std::string(column - out.size(), ' ') : " ";
  out += line.substr(column);
  return out;
}

void write_group(std::ostringstream& out, std::string_view title, std::string_view key,
                 const std::map<std::string, Revenue>& groups) {
  if (groups.empty()) return;
  // Largest revenue first; ties by name, so the text is the same every time.
  std::vector<std::pair<std::string, Revenue>> rows(groups.begin(), groups.end());
  std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second.now > b.second.now; });
  out << "    " << title << ":\n";
  for (auto& [name, r] : rows) {
    out << fmt::format("      - {{{}: {}, revenue: {}, previous: {}", key, scalar(name), format_money(r.now),
                       format_money(r.before));
    if (r.before.cents > 0)
      out << ", growth: "
          << ratio_text(static_cast<double>(r.now.cents - r.before.cents) / static_cast<double>(r.before.cents));
    out << "}\n";
  }
}

/// What the book says of the period before a plan's: won revenue by group against the period
/// before that, and deals lost by reason.
struct MarketFigures {
  Period prev, before;
  Revenue total;
  std::map<std::string, Revenue> by_segment, by_tier, by_region, by_product;
  std::map<std::string, std::pair<std::int64_t, Money>> lost;  // reason: deals, amount
};

MarketFigures market_figures(const Book& book, const Period& period) {
  MarketFigures f;
  f.prev = previous_period(period, book.config.calendar);
  f.before = previous_period(f.prev, book.config.calendar);
  for (const Deal& d : book.deals) {
    if (!d.closed) continue;
    Date closed = *d.closed;
    bool in_prev = f.prev.contains(closed), in_before = f.before.contains(closed);
    if (!in_prev && !in_before) continue;
    const Money amount = book.amount_in_book_currency(d, closed);
    if (d.stage == book.config.lost) {
      if (in_prev) {
        auto& l = f.lost[d.lost_reason.empty() ? std::string("unspecified") : book.str(d.lost_reason)];
        ++l.first;
        l.second += amount;
      }
      continue;
    }
    if (d.stage != book.config.won) continue;
    auto add = [&](std::map<std::string, Revenue>& m, Sym key) {
      if (key.empty()) return;
      Revenue& r = m[book.str(key)];
      (in_prev ? r.now : r.before) += amount;
    };
    (in_prev ? f.total.now : f.total.before) += amount;
    add(f.by_product, d.product);
    const Customer* c = d.customer.empty() ? nullptr : book.customer(book.text(d.customer));
    if (!c) continue;
    add(f.by_segment, c->segment);
    add(f.by_tier, c->tier);
    add(f.by_region, c->region);
  }
  return f;
}

/// The `market.from_book` block of a new plan.
std::string market_text(const Book& book, const MarketFigures& f, const std::vector<AbcCustomer>& abc, Date today) {
  const Period& prev = f.prev;
  const Period& before = f.before;
  const Revenue& total = f.total;
  std::ostringstream market;
  std::string partial = prev.last > today ? fmt::format(" (through {})", format_date(today)) : "";
  market << fmt::format("  from_book:                 # `salesops plan new`: won revenue in {}{}, growth against {}\n",
                        prev.label, partial, before.label);
  market << "    period: " << prev.label << "\n    compared_with: " << before.label << "\n";
  market << "    revenue: " << format_money(total.now) << "\n    previous: " << format_money(total.before) << "\n";
  if (total.before.cents > 0)
    market << "    growth: "
           << ratio_text(static_cast<double>(total.now.cents - total.before.cents) /
                         static_cast<double>(total.before.cents))
           << "\n";
  write_group(market, "by_segment", "segment", f.by_segment);
  write_group(market, "by_tier", "tier", f.by_tier);
  write_group(market, "by_region", "region", f.by_region);
  write_group(market, "by_product", "product", f.by_product);
  if (!abc.empty()) {
    market << "    top_customers:\n";
    for (std::size_t i = 0; i < abc.size() && i < 10; ++i) {
      const AbcCustomer& a = abc[i];
      market << fmt::format("      - {{customer: {}, name: {}, revenue: {}", scalar(book.text(a.customer->id)),
                            scalar(book.text(a.customer->name)), format_money(a.revenue));
      if (a.share) market << ", share: " << ratio_text(*a.share);
      market << "}\n";
    }
  }
  if (!f.lost.empty()) {
    std::vector<std::pair<std::string, std::pair<std::int64_t, Money>>> reasons(f.lost.begin(), f.lost.end());
    std::stable_sort(reasons.begin(), reasons.end(), [](auto& a, auto& b) { return a.second.first > b.second.first; });
    market << "    lost_reasons:            # competitive signals: deals lost in " << prev.label << ", by reason\n";
    for (auto& [reason, n] : reasons)
      market << fmt::format("      - {{reason: {}, deals: {}, amount: {}}}\n", scalar(reason), n.first,
                            format_money(n.second));
  }
  return market.str();
}

/// Suggested segments of a new plan: one per ABC class of the customers of `prev`.
std::string segments_text(const Book& book, const std::vector<AbcCustomer>& abc, const Period& prev) {
  std::map<char, std::vector<std::string>> classes;
  std::map<char, Money> class_revenue;
  for (const AbcCustomer& a : abc) {
    classes[a.abc].push_back(book.str(a.customer->id));
    class_revenue[a.abc] += a.revenue;
  }

  std::ostringstream segments;
  if (classes.empty()) {
    segments << "  # no won revenue in " << prev.label << ": no ABC classes to suggest as segments\n";
  } else {
    for (auto& [cls, ids] : classes) {
      std::vector<std::string> named;
      for (std::size_t i = 0; i < ids.size() && i < 5; ++i) named.push_back(ids[i]);
      std::string more = ids.size() > 5 ? fmt::format(" and {} more", ids.size() - 5) : "";
      Money abc_total;
      for (auto& [c, revenue] : class_revenue) abc_total += revenue;
      double share = static_cast<double>(class_revenue[cls].cents) / static_cast<double>(abc_total.cents);
      segments << fmt::format("  - id: abc-{}                # suggested by the ABC analysis of {}: give it criteria\n",
                              static_cast<char>(cls - 'A' + 'a'), prev.label);
      segments << "    description: "
               << scalar(fmt::format("Class {}: {} customer{}, {:.1f}% of {} revenue ({}{})", cls, ids.size(),
                                     ids.size() == 1 ? "" : "s", share * 100, prev.label, fmt::join(named, ", "), more))
               << "\n";
    }
  }
  return segments.str();
}

}  // namespace

std::string plan_draft(const Book& book, const PlanDraftRequest& req, std::string_view template_text) {
  MarketFigures figures = market_figures(book, req.period);
  // The ABC analysis of `customer segments`: customers by revenue, largest first, with their class.
  std::vector<AbcCustomer> abc = abc_customers(book, figures.prev);
  std::string market = market_text(book, figures, abc, req.today);
  std::string segments = segments_text(book, abc, figures.prev);

  std::ostringstream out;
  std::istringstream in{std::string(template_text)};
  std::string line;
  bool in_market = false, in_segments = false;
  auto starts = [&](std::string_view key) { return line.rfind(key, 0) == 0; };
  while (std::getline(in, line)) {
    bool top_key = !line.empty() && line[0] != ' ' && line[0] != '#';
    if (top_key && in_market) out << market, in_market = false;
    if (top_key && in_segments) out << segments, in_segments = false;
    if (starts("id:"))
      line = replace_value(line, "id", scalar(req.id));
    else if (starts("period:"))
      line = replace_value(line, "period", req.period.label);
    else if (starts("owner:"))
      line = replace_value(line, "owner", req.owner.empty() ? "" : scalar(req.owner));
    else if (starts("market:"))
      in_market = true;
    else if (starts("segments:"))
      in_segments = true;
    out << line << '\n';
  }
  if (in_market) out << market;
  if (in_segments) out << segments;
  return out.str();
}

}  // namespace salesops::core
