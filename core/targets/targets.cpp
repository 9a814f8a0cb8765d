#include "core/targets/targets.hpp"

#include <unordered_map>

#include "core/base/i18n.hpp"
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
  for (const char* c : {N_("target"), N_("owner"), N_("metric")}) table.add_column(c);
  table.add_column(N_("period"), ColumnType::period);
  table.add_mixed_column(N_("value"), "unit");
  table.add_mixed_column(N_("baseline"), "unit");
  table.add_column(N_("parent"));
  table.add_unit_column("unit");  // last: the columns before it keep their places
  std::vector<const Target*> listed;
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
                         periods[i] ? Cell{period_cell(*periods[i])} : Cell{book.str(t.period_text)},
                         target_value_cell(t.value, unit),
                         t.baseline ? target_value_cell(*t.baseline, unit) : Cell{Undefined{}}, book.str(t.parent),
                         kpi ? Cell{kpi_row_unit(book.config, *kpi)} : Cell{Undefined{}}};
      listed.push_back(&t);
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
  mark_target_tree(table, listed);
  return table;
}

void mark_target_tree(Table& table, const std::vector<const Target*>& rows) {
  table.has_row_kinds = true;
  std::unordered_set<Sym> ids, parents;
  for (const Target* t : rows) ids.insert(t->id);
  for (const Target* t : rows)
    if (!t->parent.empty() && ids.count(t->parent)) parents.insert(t->parent);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (!parents.count(rows[r]->id)) continue;
    bool root = rows[r]->parent.empty() || !ids.count(rows[r]->parent);
    table.set_row_kind(r, root ? RowKind::total : RowKind::subtotal);
  }
}

}  // namespace salesops::core
