#include "core/reviews/changes.hpp"

#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/base/people_set.hpp"
#include "core/coaching/coaching.hpp"
#include "core/reviews/review.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

namespace {

/// Calls `fn(person, figures)` on each selected person in team.yaml's order, where
/// `figures(review)` works out the person's review figures for the period (the KPIs are
/// summed once for all of them).
template <class Fn>
void each_selected(const Book& book, const ReviewSelection& s, Fn&& fn) {
  PeopleSet selected(s.people);
  KpiCalculator kpis(book, s.today);
  TargetLookup targets(book, s.today);
  for (const Person& p : book.people) {
    if (!selected.has(p.id)) continue;
    fn(p, [&](const Review* review) { return review_figures(book, kpis, targets, p, s.period, review); });
  }
}

}  // namespace

NewReviews reviews_new_change(const Book& book, const ReviewSelection& s, const std::filesystem::path& book_root) {
  NewReviews out;
  bool stopped = false;  // a draft that does not parse stops the whole change
  each_selected(book, s, [&](const Person& p, auto figures_of) {
    if (stopped) return;
    if (s.person.empty() && !due_for_review(p, s.period, s.today)) return;
    std::string rel = fmt::format("reviews/{}/{}.yaml", s.period.label, book.text(p.id));
    std::error_code ec;
    if (find_review(book, book.text(p.id), s.period, s.today) ||
        std::filesystem::exists(std::filesystem::symlink_status(book_root / rel, ec))) {
      out.existing.push_back(rel);
      return;
    }
    auto figures = figures_of(nullptr);
    std::string text = review_draft(book, p, responsible_coach(book, p), s.period, figures);
    if (auto refused = check_editable(text, rel)) {
      out.change = WriteChange::refuse(fmt::format(N_("{}: the new review does not parse: {}"), rel, refused->message));
      stopped = true;
      return;
    }
    out.change.created.push_back({rel, std::move(text)});
  });
  if (stopped) return out;
  if (!s.person.empty() && !out.existing.empty())
    out.change =
        WriteChange::refuse(fmt::format(N_("{} exists: review new never replaces a review"), out.existing.front()));
  return out;
}

RefreshedReviews reviews_refresh_change(const Book& book, const ReviewSelection& s) {
  RefreshedReviews out;
  each_selected(book, s, [&](const Person& p, auto figures_of) {
    const Review* rv = find_review(book, book.text(p.id), s.period, s.today);
    if (!rv) return;
    std::string rel(book.files[rv->at.file]);
    if (book.text(rv->status) == "final") {
      out.finals.push_back(rel);
      return;
    }
    ++out.reviews;
    auto figures = figures_of(rv);
    auto changes = review_refresh_edits(book, *rv, figures);
    if (!changes.empty()) out.change.edits.push_back({rel, std::move(changes)});
  });
  if (!s.person.empty() && !out.finals.empty())
    out.change = WriteChange::refuse(
        fmt::format(N_("{} is final: review refresh changes only draft reviews"), out.finals.front()));
  else if (!s.person.empty() && out.reviews == 0)
    out.change = WriteChange::bad_value(
        fmt::format(N_("{} has no review for {}: start one with review new"), s.person, s.period.label));
  return out;
}

}  // namespace salesops::core
