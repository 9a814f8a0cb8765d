// The scorecard as a typed table: what table, csv, tsv, json, jsonl and md render.
#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"
#include "core/reviews/scorecard.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

Table scorecard_table(const Scorecard& card, const Config& config) {
  Table t;
  t.has_row_kinds = true;
  t.add_column(N_("owner"));
  t.add_column(N_("name"));
  t.add_column(N_("team"));
  auto def = [&](const std::string& k) {
    auto d = find_kpi(config, k);
    return d ? *d : KpiDef{k, k, KpiUnit::decimal};
  };
  for (const std::string& k : card.kpis) {
    add_kpi_column(t, def(k), k);
    if (std::find(card.metrics.begin(), card.metrics.end(), k) != card.metrics.end()) {
      add_kpi_column(t, def(k), k + "_target");
      t.add_column(k + "_attainment", ColumnType::ratio);
    }
  }
  t.add_column(N_("score"), ColumnType::decimal, "rating");
  t.add_column(N_("rating"));
  t.add_column(N_("review"), ColumnType::period);
  t.add_column(N_("rank"), ColumnType::integer, "rank");
  add_kpi_column(t, def(card.metrics.front()), card.metrics.front() + "_change");
  t.add_column(N_("score_weight"), ColumnType::ratio);  // last: the columns before it keep their places

  for (const ScorecardRow& r : card.rows) {
    auto& row = t.add_row();
    std::size_t c = 0;
    row[c++] = r.owner;
    row[c++] = r.name;
    row[c++] = r.team;
    for (std::size_t k = 0; k < card.kpis.size(); ++k) {
      row[c++] = r.kpis[k];
      auto m = std::find(card.metrics.begin(), card.metrics.end(), card.kpis[k]) - card.metrics.begin();
      if (static_cast<std::size_t>(m) == card.metrics.size()) continue;
      if (r.targets[m]) row[c] = target_value_cell(*r.targets[m], card.units[m]);
      ++c;
      if (r.attainment[m]) row[c] = Ratio{*r.attainment[m]};
      ++c;
    }
    if (r.score) row[c] = Decimal{*r.score};
    ++c;
    if (!r.rating.empty()) row[c] = r.rating;
    ++c;
    if (r.review_period) row[c] = period_cell(*r.review_period);
    ++c;
    if (r.rank) row[c] = std::int64_t{*r.rank};
    ++c;
    row[c++] = r.change;
    if (r.score) row[c] = Ratio{r.score_weight};
    t.depth.push_back(static_cast<std::uint8_t>(std::min(r.depth, 8)));
    if (r.kind != ScorecardRow::Kind::person)
      t.set_row_kind(t.rows.size() - 1, r.kind == ScorecardRow::Kind::company ? RowKind::total : RowKind::subtotal);
  }
  return t;
}

}  // namespace salesops::core
