#pragma once
// salesops.toml: organisation, calendar, stages, policies, custom KPIs, review weights.
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.hpp"
#include "core/base/diagnostics.hpp"
#include "core/base/period.hpp"
#include "core/book/custom_fields.hpp"

namespace salesops::core {

struct StageDef {
  std::string name;
  double probability = 0;
  bool open = true;
};

/// One `where` condition of a custom KPI.
struct Condition {
  enum class Op { eq, any_of, lt, le, gt, ge };
  std::string field;
  Op op = Op::eq;
  std::vector<std::string> values;  // eq / any_of
  double number = 0;                // comparisons
};

struct CustomKpi {
  std::string id, label, kind;  // kind: deals | customers | interactions | surveys
  enum class Aggregate { count, sum, avg } aggregate = Aggregate::count;
  std::string field;            // for sum and avg
  std::vector<Condition> where;
  std::string date_field;       // which date places a record in a period
  bool money = false;           // sums or averages money (a deal's amount, a money custom field)
};

struct Config {
  std::string org_name;
  std::string currency = "CNY";
  CalendarSettings calendar;
  /// [org] started: the day the book began. Nothing due before it is audited, and cadences
  /// (revisits, one-on-ones) count from it at the earliest; absent, every date counts.
  std::optional<Date> started;
  std::vector<StageDef> stages;  // open stages in funnel order, then won, then lost
  std::uint8_t won = 0, lost = 0;
  std::map<std::string, int> revisit_days{{"A", 14}, {"B", 30}, {"C", 90}};
  int one_on_one_days = 14;
  double target_max_growth = 0.5;
  std::vector<std::string> required_targets;
  int review_due_days = 15;
  int follow_up_overdue_days = 7;  // coaching follow-ups may be this many days late
  /// [policy.rules]: audit rules switched on (true) or off (false) by id; a rule not named
  /// keeps its default (see CheckRule::on_by_default).
  std::map<std::string, bool> rule_switches;
  int min_training_score = 60;        // [coaching] min_score: `coach skills` flags scores below it
  int min_coaching_rating = 3;        // [coaching] min_rating: and coaching ratings below it
  /// [approvals] records: the kinds whose changes need an Approved-by trailer (targets,
  /// reward_plans, deals, customers, reviews).
  std::vector<std::string> approval_records{"targets", "reward_plans"};
  /// [approvals] require = "signed": an approval counts only as a commit signed by the
  /// approver (`salesops approve`), not as an Approved-by trailer ("trailer", the default).
  bool approval_signed = false;
  std::vector<std::string> segments;  // when given, customer segments must be one of these
  std::vector<CustomKpi> custom_kpis;
  /// [fields.deal], [fields.customer]: the fields the book adds to those kinds.
  CustomFields fields;
  std::vector<std::pair<std::string, double>> review_weights;
  std::vector<std::pair<double, int>> attainment_scores;
  std::optional<std::array<double, 12>> seasonality;

  /// Whether something due on `due` falls in the book's life (org.started or later).
  bool due_in_book(Date due) const { return !started || !(due < *started); }
  /// `since` moved on to org.started when the book began later: where a cadence counts from.
  Date counted_from(Date since) const { return started && since < *started ? *started : since; }

  std::optional<std::uint8_t> stage_index(std::string_view name) const;
  std::size_t open_stage_count() const { return stages.size() - 2; }
  std::string stage_list() const;  // "lead, qualified, ..., won, lost"
};

/// Default configuration: the stages and policies of SPEC 2.
Config default_config();

}  // namespace salesops::core
