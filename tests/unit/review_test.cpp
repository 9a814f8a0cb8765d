// Review scores (SPEC 4b), drafts and refreshes on a book built in memory, worked by hand.
#include <doctest/doctest.h>

#include "core/load/book.hpp"
#include "core/reviews/review.hpp"
#include "core/reviews/scorecard.hpp"
#include "memory_book.hpp"

using namespace salesops::core;

namespace {

const Date kToday = make_date(2026, 11, 26);

const char* kReview =
    "person: zhang.wei\n"
    "period: 2026-Q3\n"
    "reviewer: li.na   # the director\n"
    "status: draft\n"
    "quantitative:\n"
    "  revenue: {target: 100000, actual: 80000, attainment: 0.8}   # stale\n"
    "qualitative:\n"
    "  attitude: 5     # 谈判能力提升明显\n"
    "comments: 执行力强\n";

// zhang.wei in 2026-Q3: won 90,000 against a target of 100,000 (attainment 0.9, exactly on
// a threshold: score 3), one deal lost (win rate 0.5, no target: left out), one survey
// csat 4 (customer_satisfaction without the reviewer's rating), attitude rated 5.
LoadResult review_book() {
  return salesops::test::load_files({
      {"salesops.toml",
       "[org]\nname = \"Test\"\n[policy]\nrequired_targets = [\"revenue\"]\n[review]\n"
       "weights = { revenue = 0.5, win_rate = 0.2, customer_satisfaction = 0.2, attitude = 0.1 }\n"
       "attainment_scores = [[0.7, 1], [0.9, 2], [1.0, 3], [1.2, 4]]\n"},
      {"team.yaml",
       "teams:\n  - {id: east, name: East, manager: li.na}\npeople:\n"
       "  - {id: li.na, name: 李娜, team: east, role: director}\n"
       "  - {id: zhang.wei, name: 张伟, team: east, role: rep}\n"
       "  - {id: wang.fang, name: 王芳, team: east, role: rep}\n"},
      {"customers/C-1.yaml", "id: C-1\nname: Acme\nowner: zhang.wei\nsurveys:\n  - {date: 2026-08-10, csat: 4}\n"},
      {"deals/2026-07.yaml",
       "- {id: D-1, customer: C-1, owner: zhang.wei, amount: 90000, stage: won, opened: 2026-07-01, closed: 2026-08-01}\n"
       "- {id: D-2, customer: C-1, owner: zhang.wei, amount: 5000, stage: lost, opened: 2026-07-01, closed: 2026-08-02}\n"},
      {"targets/2026.yaml",
       "- {id: T-1, owner: zhang.wei, metric: revenue, period: 2026-Q3, value: 100000}\n"
       "- {id: T-2, owner: wang.fang, metric: revenue, period: 2026-Q3, value: 50000}\n"},
      {"reviews/2026-Q3/zhang.wei.yaml", kReview},
  });
}

Period q3() {
  std::string error;
  return *parse_period("2026-Q3", kToday, {}, &error);
}

}  // namespace

TEST_CASE("review: attainment scores and ratings at their thresholds") {
  Config c;
  c.attainment_scores = {{0.7, 1}, {0.9, 2}, {1.0, 3}, {1.2, 4}};
  CHECK(attainment_score(c, 0.69) == 1);
  CHECK(attainment_score(c, 0.7) == 2);
  CHECK(attainment_score(c, 0.9) == 3);
  CHECK(attainment_score(c, 1.0) == 4);
  CHECK(attainment_score(c, 1.19) == 4);
  CHECK(attainment_score(c, 1.2) == 5);
  CHECK(review_rating(4.5) == "outstanding");
  CHECK(review_rating(4.49) == "exceeds");
  CHECK(review_rating(3.5) == "exceeds");
  CHECK(review_rating(2.5) == "meets");
  CHECK(review_rating(1.5) == "below");
  CHECK(review_rating(1.49) == "unsatisfactory");
}

TEST_CASE("review: a score leaves out missing items and renormalises the weights") {
  LoadResult r = review_book();
  REQUIRE_FALSE(r.diags.has_errors());
  const Book& book = *r.book;
  KpiCalculator kpis(book, kToday);
  TargetLookup targets(book, kToday);
  const Review* rv = find_review(book, "zhang.wei", q3(), kToday);
  REQUIRE(rv);
  ReviewScore s = score_review(book, kpis, targets, *book.person("zhang.wei"), rv, q3());
  REQUIRE(s.items.size() == 4);
  // Items in id order (salesops.toml's tables have no order).
  CHECK(s.items[0] == 5.0);        // attitude
  CHECK(s.items[1] == 4.0);        // customer_satisfaction: mean csat
  CHECK(s.items[2] == 3.0);        // revenue 0.9: on the 0.9 threshold, below 1.0
  CHECK_FALSE(s.items[3]);         // win_rate: no target
  REQUIRE(s.score);
  CHECK(*s.score == 3.5);          // (0.5×3 + 0.2×4 + 0.1×5) / 0.8
  CHECK(s.rating == "exceeds");

  // Without a review: the KPI items and the csat only. (0.5×3 + 0.2×4) / 0.7 = 3.2857…
  ReviewScore none = score_review(book, kpis, targets, *book.person("zhang.wei"), nullptr, q3());
  CHECK(*none.score == 3.29);
  // wang.fang won nothing against 50,000: attainment 0, score 1; no survey, no rating.
  ReviewScore low = score_review(book, kpis, targets, *book.person("wang.fang"), nullptr, q3());
  CHECK(*low.score == 1.0);
  CHECK(low.rating == "unsatisfactory");
}

TEST_CASE("review: the score table has one row per review, --all adds the reps without one") {
  LoadResult r = review_book();
  ReviewScoreQuery q{q3(), kToday, {}, false};
  Table t = review_score_table(*r.book, q);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.columns.size() == 3 + 4 + 3);  // score, rating, weight
  CHECK(t.columns.back().id == "weight");
  q.all = true;
  t = review_score_table(*r.book, q);
  REQUIRE(t.rows.size() == 2);
  CHECK(std::get<std::string>(t.rows[1][0]) == "wang.fang");
  CHECK(std::get<std::string>(t.rows[1][t.columns.size() - 2]) == "none");
  CHECK(std::get<Ratio>(t.rows[1].back()).value == doctest::Approx(0.5));  // revenue alone
}

TEST_CASE("review: a score says the share of the weights it rests on; below half it is partial") {
  LoadResult r = review_book();
  const Book& book = *r.book;
  KpiCalculator kpis(book, kToday);
  TargetLookup targets(book, kToday);
  const Person& zhang = *book.person("zhang.wei");
  ReviewScore s = score_review(book, kpis, targets, zhang, find_review(book, "zhang.wei", q3(), kToday), q3());
  CHECK(s.weight == doctest::Approx(0.8));  // all but win_rate (0.2)
  CHECK_FALSE(s.partial());
  // A review of 2026-Q2, when nothing was sold nor surveyed: attitude alone, 0.1 of 1.0.
  Review attitude_only;
  attitude_only.qualitative.emplace_back(book.strings.find("attitude"), 4);
  std::string error;
  Period spring = *parse_period("2026-Q2", kToday, {}, &error);
  ReviewScore p = score_review(book, kpis, targets, zhang, &attitude_only, spring);
  CHECK(p.weight == doctest::Approx(0.1));
  CHECK(p.partial());
  CHECK(p.rating == "exceeds (partial)");
  ReviewScore nothing = score_review(book, kpis, targets, zhang, nullptr, spring);
  CHECK_FALSE(nothing.score);
  CHECK_FALSE(nothing.partial());
}

TEST_CASE("review: refresh writes the whole quantitative section into a draft without one") {
  LoadResult r = salesops::test::load_files({});
  Review hand;  // no quantitative key
  std::vector<ReviewFigureValue> figures(1);
  figures[0].metric = "revenue";
  figures[0].target = Money{10000000};
  auto edits = review_refresh_edits(*r.book, hand, figures);
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].path.str() == "quantitative");
  CHECK(edits[0].after == "status");
  REQUIRE(edits[0].value.fields.size() == 1);
  CHECK(edits[0].value.fields[0].key == "revenue");
  CHECK_FALSE(edits[0].value.flow);
}

TEST_CASE("review: a draft reads back, a refresh changes only stale figures") {
  LoadResult r = review_book();
  const Book& book = *r.book;
  KpiCalculator kpis(book, kToday);
  TargetLookup targets(book, kToday);
  const Person& zhang = *book.person("zhang.wei");
  auto figures = review_figures(book, kpis, targets, zhang, q3());
  REQUIRE(figures.size() == 2);  // revenue, win_rate (the KPI items of the weights)
  std::string draft = review_draft(book, zhang, book.person("li.na"), q3(), figures);
  CHECK(draft.find("  revenue: {target: 100000, actual: 90000, attainment: 0.9}\n") != std::string::npos);
  CHECK(draft.find("  win_rate: {actual: 0.5}\n") != std::string::npos);
  CHECK(draft.find("reviewer: li.na\n") != std::string::npos);
  CHECK(draft.find("  attitude:\n") != std::string::npos);
  CHECK_FALSE(check_editable(draft, "draft.yaml"));

  const Review* rv = find_review(book, "zhang.wei", q3(), kToday);
  auto edits = review_refresh_edits(book, *rv, review_figures(book, kpis, targets, zhang, q3(), rv));
  TextEdit out = apply_edits(kReview, edits, "reviews/2026-Q3/zhang.wei.yaml");
  REQUIRE(out.ok());
  CHECK(out.text ==
        "person: zhang.wei\n"
        "period: 2026-Q3\n"
        "reviewer: li.na   # the director\n"
        "status: draft\n"
        "quantitative:\n"
        "  revenue: {target: 100000, actual: 90000, attainment: 0.9}   # stale\n"
        "  win_rate: {actual: 0.5}\n"
        "qualitative:\n"
        "  attitude: 5     # 谈判能力提升明显\n"
        "comments: 执行力强\n");
}

TEST_CASE("scorecard: people under their team, totals, rank and change") {
  LoadResult r = review_book();
  ScorecardQuery q{q3(), kToday, {}};
  Scorecard card = build_scorecard(*r.book, q);
  REQUIRE(card.rows.size() == 4);  // zhang.wei, wang.fang, east, company
  CHECK(card.rows[0].owner == "zhang.wei");
  CHECK(card.rows[0].rank == 1);
  CHECK(card.rows[1].rank == 2);
  CHECK(card.rows[2].owner == "east");
  CHECK(card.rows[2].targets[0] == Money{15000000});  // no team target: its reps' added up
  CHECK(card.rows[2].attainment[0] == doctest::Approx(0.6));
  CHECK(card.rows[3].kind == ScorecardRow::Kind::company);
  CHECK(std::get<Money>(card.rows[0].change) == Money{9000000});  // nothing in 2026-Q2
  CHECK(card.rows[0].score == 3.5);
  CHECK(card.trend_periods.front().label == "2025-Q2");
  REQUIRE(card.trends.size() == 1);
  CHECK(std::get<Money>(card.trends[0].values.back()) == Money{9000000});
}
