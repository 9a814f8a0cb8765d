// reviews/<period>/<person>.yaml: one performance review per person and period.
#include <fmt/format.h>

#include "core/load/context.hpp"

namespace salesops::core {

namespace {

void read_quantitative(Fields& f, Review& rv) {
  YamlReader& r = f.reader();
  if (r.is_null()) return;
  if (!expect_mapping(r, "quantitative")) return;
  r.each_key([&](std::string_view metric, Mark) {
    ReviewFigure fig;
    fig.metric = f.book().strings.intern(metric);
    if (r.is_null()) return;
    if (!expect_mapping(r, "a figure")) return;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "target") fig.target = f.number("target");
      else if (key == "actual") fig.actual = f.number("actual");
      else if (key == "attainment") fig.attainment = f.number("attainment");
      else f.unknown(key, key_at, {"target", "actual", "attainment"});
    });
    rv.quantitative.push_back(fig);
  });
}

}  // namespace

void load_review_file(YamlReader& r, LoadContext& ctx, std::string_view period_dir, std::string_view person_file) {
  Fields f(r, ctx);
  Book& b = ctx.book;
  if (!enter_document(r)) {
    if (!r.failed()) ctx.diags.error("empty-file", r.location_of({r.file_index(), 1, 1}), "a review file cannot be empty");
    return;
  }
  if (!expect_mapping(r, "a review file")) return;
  Review rv;
  rv.at = r.mark();
  Mark person_at = rv.at, period_at = rv.at;
  std::uint32_t person_span = 1, period_span = 1;
  bool has_person = false, has_period = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "person") {
      has_person = true;
      person_at = r.mark();
      person_span = r.span();
      rv.person = f.ref("person", RefKind::person);
    } else if (key == "period") {
      has_period = true;
      period_at = r.mark();
      period_span = r.span();
      rv.period_text = f.word("period");
    }
    else if (key == "reviewer") rv.reviewer = f.ref("reviewer", RefKind::person);
    else if (key == "status") {
      rv.status = f.word("status");
      std::string_view s = b.text(rv.status);
      if (!rv.status.empty() && s != "draft" && s != "final")
        r.error("review-status", fmt::format("unknown status '{}'", shown(s)), "a review is draft or final");
    } else if (key == "quantitative") read_quantitative(f, rv);
    else if (key == "qualitative") {
      if (r.is_null() || !expect_mapping(r, "qualitative")) return;
      r.each_key([&](std::string_view item, Mark) {
        Sym name = b.strings.intern(item);
        if (r.is_null()) return;  // not rated yet
        if (auto v = f.integer(item, 1, 5)) rv.qualitative.emplace_back(name, static_cast<int>(*v));
      });
    } else if (key == "comments") rv.comments = f.text("comments");
    else f.unknown(key, key_at, {"person", "period", "reviewer", "status", "quantitative", "qualitative", "comments"});
  });
  if (r.failed()) return;
  if (!has_person) f.missing("person", rv.at, "a review");
  if (!has_period) f.missing("period", rv.at, "a review");
  if (rv.person.empty() || rv.period_text.empty()) return;
  if (b.text(rv.period_text) != period_dir)
    ctx.diags.error("review-place", r.location_of(period_at, period_span),
                    fmt::format("period '{}' does not match the folder reviews/{}/", shown(b.text(rv.period_text)), period_dir));
  if (b.text(rv.person) != person_file)
    ctx.diags.error("review-place", r.location_of(person_at, person_span),
                    fmt::format("person '{}' does not match the file name {}.yaml", shown(b.text(rv.person)), person_file));
  b.reviews.push_back(std::move(rv));
}

}  // namespace salesops::core
