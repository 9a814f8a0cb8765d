#pragma once
// Performance reviews (SPEC 1, 4b): the figures of a review's quantitative section, the
// weighted score and rating, and the `review score` table.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/kpi/kpi.hpp"
#include "core/targets/targets.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

/// One figure of a review's quantitative section: the person's own target for the
/// metric and exactly the review's period, the actual, and attainment = actual / target.
struct ReviewFigureValue {
  std::string metric;
  std::optional<Money> target;  // fixed point, two decimals, whatever the unit
  Cell actual;                  // the KPI's cell; Undefined when undefined
  std::optional<double> attainment;
};

/// The metrics a review's quantitative section holds: the KPI items of review.weights,
/// then policy.required_targets, then any other metric the person has a target for in
/// exactly that period (book order), each once; with `existing`, the KPIs its file already
/// holds come before those.
std::vector<ReviewFigureValue> review_figures(const Book& book, KpiCalculator& kpis, const TargetLookup& targets,
                                              const Person& person, const Period& period,
                                              const Review* existing = nullptr);

/// The text of a new draft review (reviews/<period>/<person>.yaml): the figures in
/// flow mappings, the qualitative items of review.weights left empty with the 1-5 scale in
/// a comment, the reviewer (nullptr: left empty), status draft, comments empty.
std::string review_draft(const Book& book, const Person& person, const Person* reviewer, const Period& period,
                         const std::vector<ReviewFigureValue>& figures);

/// The in-place edits `review refresh` makes to an existing review: each figure's target,
/// actual and attainment set (or removed when now undefined) where its value changed; a
/// metric the file lacks is added; a review without the section (or with it empty) gets
/// it whole, after `status`. Nothing outside `quantitative` is touched.
std::vector<YamlEdit> review_refresh_edits(const Book& book, const Review& review,
                                           const std::vector<ReviewFigureValue>& figures);

/// A figure value as a review file writes it: money whole or with two decimals
/// ("745000", "759443.67"), counts as integers, ratios and means as plain decimals with
/// six significant digits at least.
std::string review_number(const Cell& value);
std::string review_number(double value);

/// The score of one attainment through review.attainment_scores (SPEC 4b): the score of
/// the first pair whose threshold the attainment is below, else 5.
int attainment_score(const Config& config, double attainment);

/// outstanding, exceeds, meets, below or unsatisfactory, from a two-decimal score.
std::string_view review_rating(double score);

struct ReviewScore {
  const Person* person = nullptr;
  const Review* review = nullptr;  // nullptr: an active person without a review (--all)
  /// Per item of review.weights, in order: the item's score, nullopt when left out.
  std::vector<std::optional<double>> items;
  std::optional<double> score;  // two decimals; nullopt when no item is present
  std::string rating;           // with " (partial)" when the score is partial()
  /// The share of review.weights the items present carry (0 to 1): what the score rests on.
  double weight = 0;
  bool partial() const { return score && weight < kPartialWeight; }
  /// Below half of the weights a score is marked partial: it says little about the person
  /// (a review with only teamwork rated) and does not compare with the others.
  static constexpr double kPartialWeight = 0.5;
};

/// Scores one person for `period`: from `review` when given, else from the KPI items only.
ReviewScore score_review(const Book& book, KpiCalculator& kpis, const TargetLookup& targets, const Person& person,
                         const Review* review, const Period& period);

/// People whose performance a period's reviews cover: active reps on the period's last
/// day (or on `today` when the period ends later), in team.yaml order.
bool due_for_review(const Person& person, const Period& period, Date today);

struct ReviewScoreQuery {
  Period period;
  Date today;
  std::vector<Sym> people;  // restricts the rows (a team's members); empty: everyone
  bool all = false;         // add active reps without a review, marked `none`
};

/// `review score` (SPEC 6): person,name,period, one column per weighted item, score,
/// rating; with `all` a status column (draft, final, none); then weight, the share of
/// review.weights the score rests on. One row per review file of
/// the period, in team.yaml order.
Table review_score_table(const Book& book, const ReviewScoreQuery& query);

/// The review of `person` whose period is exactly `period`; nullptr when none.
const Review* find_review(const Book& book, std::string_view person, const Period& period, Date today);

}  // namespace salesops::core
