// The scorecard as a typed table: what table, csv, tsv, json, jsonl and md render.
#include <algorithm>

#include "core/kpi/kpi.hpp"
#include "core/reviews/scorecard.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

Table scorecard_table(const Scorecard& card) {
  Table t;
  t.add_column("owner");
  t.add_column("name");
  t.add_column("team");
  for (const std::string& k : card.kpis) {
    t.add_numeric_column(k);
    if (std::find(card.metrics.begin(), card.metrics.end(), k) != card.metrics.end()) {
      t.add_numeric_column(k + "_target");
      t.add_numeric_column(k + "_attainment");
    }
  }
  t.add_numeric_column("score");
  t.add_column("rating");
  t.add_column("review");
  t.add_numeric_column("rank");
  t.add_numeric_column(card.metrics.front() + "_change");
  t.add_numeric_column("score_weight");  // last: the columns before it keep their places

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
    if (!r.review.empty()) row[c] = r.review;
    ++c;
    if (r.rank) row[c] = std::int64_t{*r.rank};
    ++c;
    row[c++] = r.change;
    if (r.score) row[c] = Ratio{r.score_weight};
    t.depth.push_back(static_cast<std::uint8_t>(std::min(r.depth, 8)));
  }
  return t;
}

}  // namespace salesops::core
