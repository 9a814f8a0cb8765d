// `review new` and `review refresh`: the text of a draft, and the in-place edits of a refresh.
#include <fmt/format.h>

#include <cstdlib>

#include "core/reviews/review.hpp"

namespace salesops::core {

namespace {

/// `key: value` padded so that a comment starts in column 30, as in templates/review.yaml.
std::string commented(std::string line, std::string_view comment) {
  if (line.size() < 29) line.append(29 - line.size(), ' ');
  else line += ' ';
  return line + "# " + std::string(comment) + "\n";
}

std::vector<YamlField> figure_fields(const ReviewFigureValue& f) {
  std::vector<YamlField> fields;
  if (f.target) fields.push_back({"target", YamlValue::literal(format_money_short(*f.target))});
  if (std::string actual = review_number(f.actual); !actual.empty())
    fields.push_back({"actual", YamlValue::literal(actual)});
  if (f.attainment) fields.push_back({"attainment", YamlValue::literal(review_number(*f.attainment))});
  return fields;
}

std::optional<double> number_of(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string review_draft(const Book& book, const Person& person, const Person* reviewer, const Period& period,
                         const std::vector<ReviewFigureValue>& figures) {
  const Config& config = book.config;
  std::string out;
  out += fmt::format("# Performance review of {} for {}.\n", book.text(person.id), period.label);
  out += "person: " + emit_scalar(YamlValue::text(book.str(person.id))) + "\n";
  out += "period: " + emit_scalar(YamlValue::text(period.label)) + "\n";
  out += reviewer ? "reviewer: " + emit_scalar(YamlValue::text(book.str(reviewer->id))) + "\n"
                  : commented("reviewer:", "no team above has a manager: name the reviewer");
  out += commented("status: draft", "draft | final");
  out += commented("quantitative:", "written by `review new`, refreshed by `review refresh`");
  for (const ReviewFigureValue& f : figures)
    out += "  " + emit_scalar(YamlValue::text(f.metric)) + ": " + emit_scalar(YamlValue::map(figure_fields(f), true)) + "\n";
  out += commented("qualitative:", "1-5: 1 unsatisfactory, 2 below, 3 meets, 4 exceeds, 5 outstanding");
  for (auto& [item, weight] : config.review_weights) {
    if (item != "customer_satisfaction" && is_known_kpi(config, item)) continue;
    std::string line = "  " + emit_scalar(YamlValue::text(item)) + ":";
    out += item == "customer_satisfaction"
               ? commented(line, "left empty: the mean csat of the person's customers in the period")
               : line + "\n";
  }
  out += "comments:\n";
  return out;
}

std::vector<YamlEdit> review_refresh_edits(const Book& book, const Review& review,
                                           const std::vector<ReviewFigureValue>& figures) {
  std::vector<YamlEdit> edits;
  if (!review.has_quantitative) {
    // A draft written by hand, or with the section emptied: the section is written whole.
    std::vector<YamlField> section;
    for (const ReviewFigureValue& f : figures) section.push_back({f.metric, YamlValue::map(figure_fields(f), true)});
    if (!section.empty()) edits.push_back(YamlEdit::set(YamlPath{}.key("quantitative"), YamlValue::map(section), "status"));
    return edits;
  }
  for (const ReviewFigureValue& f : figures) {
    const ReviewFigure* old = nullptr;
    for (const ReviewFigure& q : review.quantitative)
      if (book.text(q.metric) == f.metric) old = &q;
    YamlPath at = YamlPath{}.key("quantitative").key(f.metric);
    if (!old) {
      edits.push_back(YamlEdit::set(at, YamlValue::map(figure_fields(f), true)));
      continue;
    }
    std::vector<YamlField> now = figure_fields(f);
    auto update = [&](const char* field, const std::optional<double>& before) {
      const YamlField* value = nullptr;
      for (const YamlField& n : now)
        if (n.key == field) value = &n;
      YamlPath path = at;
      path.key(field);
      if (!value) {
        if (before) edits.push_back(YamlEdit::remove(path));
        return;
      }
      // An equal number keeps its bytes (745000 stays 745000.00 when written so).
      if (before && number_of(value->value.scalar) == *before) return;
      edits.push_back(YamlEdit::set(path, value->value));
    };
    update("target", old->target);
    update("actual", old->actual);
    update("attainment", old->attainment);
  }
  return edits;
}

}  // namespace salesops::core
