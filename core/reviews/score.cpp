// `review score`: one row per review file of a period (SPEC 4b, 6).
#include <unordered_map>

#include "core/base/people_set.hpp"
#include "core/base/i18n.hpp"
#include "core/reviews/review.hpp"

namespace salesops::core {

Table review_score_table(const Book& book, const ReviewScoreQuery& query) {
  const Config& config = book.config;
  Table t;
  t.add_column(N_("person"));
  t.add_column(N_("name"));
  t.add_column(N_("period"), ColumnType::period);
  for (auto& [item, weight] : config.review_weights) t.add_column(item, ColumnType::decimal, "rating");
  t.add_column(N_("score"), ColumnType::decimal, "rating");
  t.add_column(N_("rating"));
  if (query.all) t.add_column(N_("status"));
  t.add_column(N_("weight"), ColumnType::ratio);  // last: the columns before it keep their places

  // The period's reviews by person, found in one pass.
  std::unordered_map<Sym, const Review*> reviews;
  std::string error;
  for (const Review& r : book.reviews) {
    auto p = parse_period(book.text(r.period_text), query.today, config.calendar, &error);
    if (p && p->first == query.period.first && p->last == query.period.last) reviews.emplace(r.person, &r);
  }
  KpiCalculator kpis(book, query.today);
  TargetLookup targets(book, query.today);
  PeopleSet selected(query.people);
  for (const Person& p : book.people) {
    if (!selected.has(p.id)) continue;
    auto it = reviews.find(p.id);
    const Review* review = it == reviews.end() ? nullptr : it->second;
    if (!review && !(query.all && due_for_review(p, query.period, query.today))) continue;
    ReviewScore s = score_review(book, kpis, targets, p, review, query.period);
    auto& row = t.add_row();
    std::size_t c = 0;
    row[c++] = book.str(p.id);
    row[c++] = book.str(p.name);
    row[c++] = period_cell(query.period);
    for (auto& item : s.items) {
      if (item) row[c] = Decimal{*item};
      ++c;
    }
    if (s.score) {
      row[c] = Decimal{*s.score};
      row[c + 1] = s.rating;
    }
    c += 2;
    if (query.all) row[c++] = review ? (review->status.empty() ? std::string("draft") : book.str(review->status)) : std::string("none");
    if (s.score) row[c] = Ratio{s.weight};
  }
  return t;
}

}  // namespace salesops::core
