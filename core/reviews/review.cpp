#include "core/reviews/review.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/base/i18n.hpp"
#include "core/targets/status.hpp"
#include "core/targets/targets.hpp"

namespace salesops::core {

namespace {

bool is_kpi_item(const Config& config, std::string_view item) {
  return item != "customer_satisfaction" && is_known_kpi(config, item);
}

/// Half away from zero at two decimals; the small nudge keeps 3.125 computed as
/// 3.12499999... from rounding down.
double round_score(long double x) {
  long double scaled = x * 100.0L;
  scaled += scaled >= 0 ? 1e-9L : -1e-9L;
  return static_cast<double>(std::round(scaled) / 100.0L);
}

}  // namespace

std::vector<ReviewFigureValue> review_figures(const Book& book, KpiCalculator& kpis, const TargetLookup& targets,
                                              const Person& person, const Period& period, const Review* existing) {
  const Config& config = book.config;
  std::vector<std::string> metrics;
  auto add = [&](std::string_view m) {
    if (std::find(metrics.begin(), metrics.end(), m) == metrics.end()) metrics.emplace_back(m);
  };
  for (auto& [item, weight] : config.review_weights)
    if (is_kpi_item(config, item)) add(item);
  for (const std::string& m : config.required_targets)
    if (is_known_kpi(config, m)) add(m);
  if (existing)
    for (const ReviewFigure& f : existing->quantitative)
      if (is_known_kpi(config, book.text(f.metric))) add(book.text(f.metric));
  std::string_view id = book.text(person.id);
  for (const Target& t : book.targets)
    if (t.owner == person.id && is_known_kpi(config, book.text(t.metric)) && targets.find(id, book.text(t.metric), period))
      add(book.text(t.metric));

  std::vector<ReviewFigureValue> out;
  for (const std::string& m : metrics) {
    ReviewFigureValue f;
    f.metric = m;
    f.actual = kpis.value(m, id, period);
    if (const Target* t = targets.find(id, m, period)) {
      f.target = t->value;
      auto actual = cell_number(f.actual);
      double target = static_cast<double>(t->value.cents) / 100.0;
      if (actual && target > 0) f.attainment = *actual / target;
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string review_number(double v) {
  int decimals = 6;
  double magnitude = std::fabs(v);
  if (magnitude > 0 && magnitude < 1) decimals = std::min(20, std::max(decimals, 5 - static_cast<int>(std::floor(std::log10(magnitude)))));
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string review_number(const Cell& value) {
  if (auto m = std::get_if<Money>(&value)) return format_money_short(*m);
  if (auto i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (auto n = cell_number(value)) return std::isfinite(*n) ? review_number(*n) : std::string();
  return {};
}

int attainment_score(const Config& config, double attainment) {
  for (auto& [threshold, score] : config.attainment_scores)
    if (attainment < threshold) return score;
  return 5;
}

std::string_view review_rating(double score) {
  if (score >= 4.5) return N_("outstanding");
  if (score >= 3.5) return N_("exceeds");
  if (score >= 2.5) return N_("meets");
  if (score >= 1.5) return N_("below");
  return N_("unsatisfactory");
}

ReviewScore score_review(const Book& book, KpiCalculator& kpis, const TargetLookup& targets, const Person& person,
                         const Review* review, const Period& period) {
  const Config& config = book.config;
  ReviewScore out;
  out.person = &person;
  out.review = review;
  std::string_view id = book.text(person.id);
  auto rating_of = [&](std::string_view item) -> std::optional<double> {
    if (!review) return std::nullopt;
    for (auto& [name, value] : review->qualitative)
      if (book.text(name) == item) return value;
    return std::nullopt;
  };
  long double weighted = 0, weights = 0, total = 0;
  for (auto& [item, weight] : config.review_weights) {
    std::optional<double> score;
    if (item == "customer_satisfaction") {
      score = rating_of(item);
      // Without the reviewer's rating: the mean csat of the person's customers' surveys.
      if (!score) score = cell_number(kpis.value("csat", id, period));
    } else if (is_kpi_item(config, item)) {
      const Target* t = targets.find(id, item, period);
      auto actual = cell_number(kpis.value(item, id, period));
      double target = t ? static_cast<double>(t->value.cents) / 100.0 : 0;
      if (t && actual && target > 0) {
        auto kpi = find_kpi(config, item);
        // A ceiling (lower is better) is attained when the actual stays under it.
        double attainment = kpi && kpi->lower_is_better ? (*actual > 0 ? target / *actual : INFINITY) : *actual / target;
        score = attainment_score(config, attainment);
      }
    } else {
      score = rating_of(item);
    }
    total += weight;
    if (score && std::isfinite(*score)) {
      weighted += static_cast<long double>(weight) * *score;
      weights += weight;
    } else {
      score.reset();
    }
    out.items.push_back(score);
  }
  if (weights > 0) {
    out.score = round_score(weighted / weights);
    out.rating = review_rating(*out.score);
    out.weight = total > 0 ? static_cast<double>(weights / total) : 0;
    if (out.partial()) out.rating += " (partial)";
  }
  return out;
}

bool due_for_review(const Person& person, const Period& period, Date today) {
  return person.role == Role::rep && person.active_on(std::min(period.last, std::max(today, period.first)));
}

const Review* find_review(const Book& book, std::string_view person, const Period& period, Date today) {
  std::string error;
  for (const Review& r : book.reviews) {
    if (book.text(r.person) != person) continue;
    auto p = parse_period(book.text(r.period_text), today, book.config.calendar, &error);
    if (p && p->first == period.first && p->last == period.last) return &r;
  }
  return nullptr;
}

}  // namespace salesops::core
