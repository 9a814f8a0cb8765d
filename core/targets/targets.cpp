#include "core/targets/targets.hpp"

#include <unordered_map>

#include "core/kpi/kpi.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

Table target_list_table(const Book& book, Date today, const TargetListFilter& filter) {
  std::unordered_set<std::string_view> owners;
  if (!filter.owner.empty()) owners = owners_under(book, filter.owner);
  std::vector<bool> chosen(book.targets.size());
  std::vector<std::optional<Period>> periods(book.targets.size());
  for (std::size_t i = 0; i < book.targets.size(); ++i) {
    const Target& t = book.targets[i];
    periods[i] = target_period(book, t, today);
    if (!filter.owner.empty() && !owners.count(book.text(t.owner))) continue;
    if (!filter.metric.empty() && book.text(t.metric) != filter.metric) continue;
    if (filter.period && !(periods[i] && filter.period->first <= periods[i]->first && periods[i]->last <= filter.period->last))
      continue;
    chosen[i] = true;
  }
  std::unordered_map<Sym, std::vector<std::size_t>> children;
  for (std::size_t i = 0; i < book.targets.size(); ++i)
    if (chosen[i] && !book.targets[i].parent.empty()) children[book.targets[i].parent].push_back(i);

  Table table;
  for (const char* c : {"target", "owner", "metric", "period"}) table.add_column(c);
  table.add_numeric_column("value");
  table.add_numeric_column("baseline");
  table.add_column("parent");
  std::vector<bool> shown(book.targets.size());
  // Depth first, iteratively: a chain of parents may be as long as the book is large.
  auto add = [&](std::size_t root) {
    std::vector<std::pair<std::size_t, int>> stack{{root, 0}};
    while (!stack.empty()) {
      auto [i, depth] = stack.back();
      stack.pop_back();
      if (shown[i]) continue;  // a parent cycle is reported by check; show each target once
      shown[i] = true;
      const Target& t = book.targets[i];
      auto kpi = find_kpi(book.config, book.text(t.metric));
      KpiUnit unit = kpi ? kpi->unit : KpiUnit::decimal;
      table.add_row() = {book.str(t.id), book.str(t.owner), book.str(t.metric),
                         periods[i] ? periods[i]->label : book.str(t.period_text), target_value_cell(t.value, unit),
                         t.baseline ? target_value_cell(*t.baseline, unit) : Cell{Undefined{}}, book.str(t.parent)};
      table.depth.resize(table.rows.size());
      table.depth.back() = static_cast<std::uint8_t>(std::min(depth, 255));
      if (auto it = children.find(t.id); it != children.end())
        for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) stack.emplace_back(*c, depth + 1);
    }
  };
  auto is_root = [&](std::size_t i) {
    const Target& t = book.targets[i];
    if (t.parent.empty()) return true;
    const Target* parent = book.target(book.text(t.parent));
    return !parent || !chosen[static_cast<std::size_t>(parent - book.targets.data())];
  };
  for (std::size_t i = 0; i < book.targets.size(); ++i)
    if (chosen[i] && is_root(i)) add(i);
  for (std::size_t i = 0; i < book.targets.size(); ++i)
    if (chosen[i]) add(i);
  return table;
}

}  // namespace salesops::core
