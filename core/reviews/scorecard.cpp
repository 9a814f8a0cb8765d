#include "core/reviews/scorecard.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/kpi/kpi.hpp"
#include "core/reviews/review.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

namespace {

Cell difference(const Cell& now, const Cell& before) {
  if (auto a = std::get_if<Money>(&now))
    if (auto b = std::get_if<Money>(&before)) {
      std::int64_t d = 0;
      if (!__builtin_sub_overflow(a->cents, b->cents, &d)) return Money{d};
      return Undefined{};
    }
  if (auto a = std::get_if<std::int64_t>(&now))
    if (auto b = std::get_if<std::int64_t>(&before)) return *a - *b;
  auto a = cell_number(now), b = cell_number(before);
  if (!a || !b) return Undefined{};
  if (std::holds_alternative<Ratio>(now)) return Ratio{*a - *b};
  return Decimal{*a - *b};
}

class Builder {
 public:
  Builder(const Book& book, const ScorecardQuery& q, Scorecard& card)
      : book_(book), q_(q), card_(card), kpis_(book, q.today), targets_(book, q.today) {
    index_reviews();
  }

  void person_row(const Person& p, int depth) {
    ScorecardRow r = figures(ScorecardRow::Kind::person, book_.str(p.id), book_.str(p.name), book_.str(p.team), depth);
    for (std::size_t m = 0; m < card_.metrics.size(); ++m) {
      if (const Target* t = targets_.find(r.owner, card_.metrics[m], card_.period)) r.targets[m] = t->value;
      r.attainment[m] = attainment(r, m);
    }
    if (auto it = latest_review_.find(p.id); it != latest_review_.end()) {
      auto& [review, period] = it->second;
      ReviewScore s = score_review(book_, kpis_, targets_, p, review, period);
      r.score = s.score;
      r.rating = s.rating;
      r.score_weight = s.weight;
      r.review = period.label;
      r.review_period = period;
    }
    card_.rows.push_back(std::move(r));
  }

  /// A team's total: its own target, else the sum of its people's (additive metrics).
  void total_row(ScorecardRow::Kind kind, const std::string& owner, const std::string& name, int depth,
                 std::size_t first_member_row) {
    ScorecardRow r = figures(kind, owner, name, owner, depth);
    for (std::size_t m = 0; m < card_.metrics.size(); ++m) {
      if (const Target* t = targets_.find(owner, card_.metrics[m], card_.period)) {
        r.targets[m] = t->value;
      } else if (auto def = find_kpi(book_.config, card_.metrics[m]); def && def->additive) {
        std::optional<Money> sum;
        for (std::size_t i = first_member_row; i < card_.rows.size(); ++i)
          if (card_.rows[i].kind == ScorecardRow::Kind::person && card_.rows[i].targets[m])
            sum = Money{sum.value_or(Money{}).cents + card_.rows[i].targets[m]->cents};
        r.targets[m] = sum;
      }
      r.attainment[m] = attainment(r, m);
    }
    card_.rows.push_back(std::move(r));
  }

  Cell value(const std::string& kpi, const std::string& owner, const Period& p) { return kpis_.value(kpi, owner, p); }

 private:
  ScorecardRow figures(ScorecardRow::Kind kind, std::string owner, std::string name, std::string team, int depth) {
    ScorecardRow r;
    r.kind = kind;
    r.owner = std::move(owner);
    r.name = std::move(name);
    r.team = std::move(team);
    r.depth = depth;
    for (const std::string& k : card_.kpis) r.kpis.push_back(kpis_.value(k, r.owner, card_.period));
    r.targets.resize(card_.metrics.size());
    r.attainment.resize(card_.metrics.size());
    r.previous = kpis_.value(card_.metrics.front(), r.owner, card_.previous);
    r.change = difference(kpis_.value(card_.metrics.front(), r.owner, card_.period), r.previous);
    return r;
  }

  std::optional<double> attainment(const ScorecardRow& r, std::size_t m) {
    if (!r.targets[m] || r.targets[m]->cents <= 0) return std::nullopt;
    auto k = std::find(card_.kpis.begin(), card_.kpis.end(), card_.metrics[m]) - card_.kpis.begin();
    auto actual = cell_number(r.kpis[k]);
    if (!actual) return std::nullopt;
    return *actual / (static_cast<double>(r.targets[m]->cents) / 100.0);
  }

  /// Each person's latest review whose period ends by the scorecard period's end.
  void index_reviews() {
    std::string error;
    for (const Review& rv : book_.reviews) {
      auto p = parse_period(book_.text(rv.period_text), q_.today, book_.config.calendar, &error);
      if (!p || p->last > q_.period.last) continue;
      auto it = latest_review_.find(rv.person);
      if (it == latest_review_.end() || it->second.second.last < p->last) latest_review_[rv.person] = {&rv, *p};
    }
  }

  const Book& book_;
  const ScorecardQuery& q_;
  Scorecard& card_;
  KpiCalculator kpis_;
  TargetLookup targets_;
  std::unordered_map<Sym, std::pair<const Review*, Period>> latest_review_;
};

/// A rep who was active on some day of the period (one who left mid-month still counts).
bool on_scorecard(const Person& p, const Period& period) {
  return p.role == Role::rep && (!p.joined || *p.joined <= period.last) && (!p.left || *p.left >= period.first);
}

void add_team(const Book& book, const ScorecardQuery& q, Builder& b, Scorecard& card, const Team& team, int depth) {
  std::size_t first = card.rows.size();
  for (const Person& p : book.people)
    if (p.team == team.id && on_scorecard(p, q.period)) b.person_row(p, depth + 1);
  if (depth <= static_cast<int>(book.teams.size()))
    for (const Team& child : book.teams)
      if (child.parent == team.id) add_team(book, q, b, card, child, depth + 1);
  b.total_row(ScorecardRow::Kind::team, book.str(team.id), book.str(team.name), depth, first);
}

void rank_people(Scorecard& card) {
  std::vector<ScorecardRow*> ranked;
  for (ScorecardRow& r : card.rows)
    if (r.kind == ScorecardRow::Kind::person && r.attainment.front()) ranked.push_back(&r);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const ScorecardRow* a, const ScorecardRow* b) { return *a->attainment.front() > *b->attainment.front(); });
  for (std::size_t i = 0; i < ranked.size(); ++i)
    ranked[i]->rank = i > 0 && *ranked[i]->attainment.front() == *ranked[i - 1]->attainment.front()
                          ? *ranked[i - 1]->rank
                          : static_cast<int>(i + 1);
}

}  // namespace

Scorecard build_scorecard(const Book& book, const ScorecardQuery& q) {
  Scorecard card;
  card.period = q.period;
  card.previous = previous_period(q.period, book.config.calendar);
  for (const std::string& m : book.config.required_targets)
    if (is_known_kpi(book.config, m)) card.metrics.push_back(m);
  if (card.metrics.empty()) card.metrics.push_back("revenue");
  for (const std::string& m : card.metrics) card.units.push_back(find_kpi(book.config, m)->unit);
  card.kpis = default_kpis();
  for (const std::string& m : card.metrics)
    if (std::find(card.kpis.begin(), card.kpis.end(), m) == card.kpis.end()) card.kpis.push_back(m);

  Builder b(book, q, card);
  if (!q.team.empty()) {
    if (const Team* t = book.team(q.team)) add_team(book, q, b, card, *t, 0);
  } else {
    for (const Team& t : book.teams)
      if (t.parent.empty()) add_team(book, q, b, card, t, 1);
    for (const Person& p : book.people)
      if (!book.team(book.text(p.team)) && on_scorecard(p, q.period)) b.person_row(p, 0);
    b.total_row(ScorecardRow::Kind::company, "company", book.config.org_name.empty() ? "company" : book.config.org_name, 0, 0);
  }
  rank_people(card);

  Period p = q.period;
  std::vector<Period> periods{p};
  for (int i = 0; i < 5; ++i) periods.push_back(p = previous_period(p, book.config.calendar));
  card.trend_periods.assign(periods.rbegin(), periods.rend());
  for (const ScorecardRow& r : card.rows) {
    if (r.kind != ScorecardRow::Kind::team) continue;
    ScorecardTrend t{r.owner, r.name, {}};
    for (const Period& tp : card.trend_periods) t.values.push_back(b.value(card.metrics.front(), r.owner, tp));
    card.trends.push_back(std::move(t));
  }
  return card;
}

}  // namespace salesops::core
