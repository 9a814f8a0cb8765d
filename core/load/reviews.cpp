// reviews/<period>/<person>.yaml: one performance review per person and period.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kReview;
constexpr const schema::RecordSchema& kFigure = schema::kReviewFigure;

void read_quantitative(Fields& f, Review& rv) {
  YamlReader& r = f.reader();
  if (r.is_null()) return;
  if (!expect_mapping(r, "quantitative")) return;
  rv.has_quantitative = true;
  r.each_key([&](std::string_view metric, Mark) {
    ReviewFigure fig;
    fig.metric = f.book().strings.intern(metric);
    if (r.is_null()) return;
    if (!expect_mapping(r, N_("a figure"))) return;
    each_field(f, kFigure, [&](int i) {
      switch (i) {
        case kFigure.at("target"): fig.target = f.number(kFigure.fields[i]); return;
        case kFigure.at("actual"): fig.actual = f.number(kFigure.fields[i]); return;
        case kFigure.at("attainment"): fig.attainment = f.number(kFigure.fields[i]); return;
      }
    });
    rv.quantitative.push_back(fig);
  });
}

void read_qualitative(Fields& f, Review& rv, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  if (r.is_null() || !expect_mapping(r, field.name())) return;
  r.each_key([&](std::string_view item, Mark at) {
    Sym name = f.book().strings.intern(item);
    rv.qualitative_keys.emplace_back(name, at);
    if (r.is_null()) return;  // not rated yet
    if (auto v = f.integer(item, field.min, field.max)) rv.qualitative.emplace_back(name, static_cast<int>(*v));
  });
}

}  // namespace

void load_review_file(YamlReader& r, LoadContext& ctx, std::string_view period_dir, std::string_view person_file) {
  Fields f(r, ctx);
  Book& b = ctx.book;
  if (!enter_document(r)) {
    if (!r.failed())
      ctx.diags.error("empty-file", r.location_of({r.file_index(), 1, 1}), N_("a review file cannot be empty"));
    return;
  }
  if (!expect_mapping(r, N_("a review file"))) return;
  Review rv;
  rv.at = r.mark();
  Mark person_at = rv.at, period_at = rv.at;
  std::uint32_t person_span = 1, period_span = 1;
  std::uint32_t seen = each_field(f, kReview, [&](int i) {
    switch (i) {
      case kReview.at("person"):
        person_at = r.mark();
        person_span = r.span();
        rv.person = f.ref(kReview.fields[i]);
        return;
      case kReview.at("period"):
        period_at = r.mark();
        period_span = r.span();
        rv.period_text = f.word(kReview.fields[i]);
        return;
      case kReview.at("reviewer"): rv.reviewer = f.ref(kReview.fields[i]); return;
      case kReview.at("status"): rv.status = f.choice_word(kReview.fields[i], true); return;
      case kReview.at("quantitative"): read_quantitative(f, rv); return;
      case kReview.at("qualitative"): read_qualitative(f, rv, kReview.fields[i]); return;
      case kReview.at("comments"): rv.comments = f.text(kReview.fields[i]); return;
    }
  });
  if (r.failed()) return;
  f.missing_required(kReview, seen, rv.at, [] { return kReview.noun; });
  if (rv.person.empty() || rv.period_text.empty()) return;
  if (b.text(rv.period_text) != period_dir)
    ctx.diags.error("review-place", r.location_of(period_at, period_span),
                    fmt::format(N_("period '{}' does not match the folder reviews/{}/"), shown(b.text(rv.period_text)),
                                period_dir));
  if (b.text(rv.person) != person_file)
    ctx.diags.error(
        "review-place", r.location_of(person_at, person_span),
        fmt::format(N_("person '{}' does not match the file name {}.yaml"), shown(b.text(rv.person)), person_file));
  b.reviews.push_back(std::move(rv));
}

}  // namespace salesops::core
