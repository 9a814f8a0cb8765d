#pragma once
// The monthly (or quarterly) scorecard: per rep, grouped by team, the targets and
// attainment of the required metrics, the KPI set, the latest review's score, a rank and
// the change against the previous comparable period, with team and company totals.
#include <optional>
#include <string>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

struct ScorecardQuery {
  Period period;
  Date today;
  std::string team;  // a team id: its subtree and its total only; empty: the company
};

struct ScorecardRow {
  enum class Kind { person, team, company };
  Kind kind = Kind::person;
  std::string owner, name;
  std::string team;  // the person's team; a total's own team ("company" for the company)
  int depth = 0;     // a team's depth in the tree (0: top level); people sit under theirs
  std::vector<Cell> kpis;                  // per Scorecard::kpis
  std::vector<std::optional<Money>> targets;  // per Scorecard::metrics
  std::vector<std::optional<double>> attainment;
  std::optional<double> score;  // the latest review's, persons only
  double score_weight = 0;      // the share of review.weights that score rests on
  std::string rating, review;   // review: the period label of that review
  std::optional<Period> review_period;
  std::optional<int> rank;      // persons, by attainment of the first metric
  Cell previous;                // the first metric in the previous comparable period
  Cell change;                  // the first metric now minus previous
};

/// One team's first metric over the trend periods (html: a line per team).
struct ScorecardTrend {
  std::string team, name;
  std::vector<Cell> values;
};

struct Scorecard {
  Period period, previous;
  std::vector<std::string> kpis;     // the KPI set: kpi's default columns plus the metrics
  std::vector<std::string> metrics;  // policy.required_targets (revenue when none)
  std::vector<KpiUnit> units;        // per metric: a target's unit
  std::vector<ScorecardRow> rows;    // depth first: a team's people, its sub-teams, its total
  std::vector<Period> trend_periods; // the six periods ending with `period`, oldest first
  std::vector<ScorecardTrend> trends;
};

/// Builds the scorecard: one KpiCalculator (each period's sums computed once), targets
/// and reviews indexed once; no pass over the deals per row.
Scorecard build_scorecard(const Book& book, const ScorecardQuery& query);

/// The scorecard as a table: owner,name,team, each KPI (a metric followed by
/// <metric>_target and <metric>_attainment), score, rating, review, rank, <metric>_change,
/// score_weight.
Table scorecard_table(const Scorecard& card, const Config& config);

}  // namespace salesops::core
